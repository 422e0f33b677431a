import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { actingAsStaff } from '../platform/permissions/staff.js';
import { appRole, currentRole, currentUserId } from '../platform/db/tenancy.js';

/*
 * Who sees an arrangement, on top of tenant isolation: scheme staff; the carer whose arrangement
 * it is; the person, and people in their circle of support they consented to share with
 * (`hearth_may_see_person`, from the people's custom migration). Only staff write.
 */

const ownCarer = (carerId: SQL) => sql`exists (select 1 from carers c where c.id = ${carerId} and c.user_id = ${currentUserId})`;

export const arrangementVisible = pgPolicy('arrangement_visible', {
  as: 'restrictive',
  for: 'select',
  to: appRole,
  using: sql`${actingAsStaff}
    or (${currentRole} = 'carer' and ${ownCarer(sql.raw('arrangements.carer_id'))})
    or (${currentRole} in ('person', 'circle_member') and hearth_may_see_person(arrangements.person_id, 'any'))`,
});

/** For a table hanging off an arrangement: visible when its arrangement is (the arrangements policy applies inside). */
export const withArrangement = (arrangementId: SQL) =>
  pgPolicy('arrangement_visible', {
    as: 'restrictive',
    for: 'select',
    to: appRole,
    using: sql`exists (select 1 from arrangements a where a.id = ${arrangementId})`,
  });

export const staffWrites = () =>
  (['insert', 'update', 'delete'] as const).map((action) =>
    pgPolicy(`staff_writes_${action}`, {
      as: 'restrictive',
      for: action,
      to: appRole,
      ...(action === 'insert' ? { withCheck: actingAsStaff } : { using: actingAsStaff }),
    }),
  );

/** Rows written once and never changed, by anyone: versions of templates, acknowledgements. */
export const neverChanged = () =>
  (['update', 'delete'] as const).map((action) =>
    pgPolicy(`never_${action}d`, { as: 'restrictive', for: action, to: appRole, using: sql`false` }),
  );

/**
 * An acknowledgement is recorded by staff (for any party, a representative included), by the
 * person for themselves, or by the carer for themselves; never for someone else.
 */
export const acknowledgedByParty = pgPolicy('acknowledged_by_party', {
  as: 'restrictive',
  for: 'insert',
  to: appRole,
  withCheck: sql`${actingAsStaff}
    or (${currentRole} = 'person' and party = 'person' and exists (
      select 1 from agreements g join arrangements a on a.id = g.arrangement_id join people p on p.id = a.person_id
      where g.id = agreement_id and p.user_id = ${currentUserId}))
    or (${currentRole} = 'carer' and party = 'carer' and exists (
      select 1 from agreements g join arrangements a on a.id = g.arrangement_id
      where g.id = agreement_id and ${ownCarer(sql.raw('a.carer_id'))}))`,
});

/** Templates: scheme staff read them; the manager writes new versions (and a national administrator, setting up a new scheme). */
export const templatePolicies = () => [
  pgPolicy('staff_read', { as: 'restrictive', for: 'select', to: appRole, using: actingAsStaff }),
  pgPolicy('manager_writes', {
    as: 'restrictive',
    for: 'insert',
    to: appRole,
    withCheck: sql`${currentRole} in ('scheme_manager', 'national_admin')`,
  }),
  ...neverChanged(),
];
