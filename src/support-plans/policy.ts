import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { actingAsStaff } from '../platform/permissions/staff.js';
import { appRole, currentRole, currentUserId } from '../platform/db/tenancy.js';

/*
 * Who sees a support plan, on top of tenant isolation: scheme staff; the carer of the arrangement
 * while it is live; the person, and people in their circle of support who have the person's
 * consent to see their support plan. Only staff write versions; a proposal, and each message
 * about it, is written by the party themselves.
 */

const ownLiveArrangement = (arrangementId: SQL) => sql`exists (select 1 from arrangements a join carers c on c.id = a.carer_id
  where a.id = ${arrangementId} and a.status <> 'ended' and c.user_id = ${currentUserId})`;

const consentedPerson = (arrangementId: SQL) =>
  sql`exists (select 1 from arrangements a where a.id = ${arrangementId} and hearth_may_see_person(a.person_id, 'support_plan'))`;

export const planVisibleTo = (arrangementId: SQL) => sql`${actingAsStaff}
    or (${currentRole} = 'carer' and ${ownLiveArrangement(arrangementId)})
    or (${currentRole} in ('person', 'circle_member') and ${consentedPerson(arrangementId)})`;

export const planVisible = pgPolicy('plan_visible', {
  as: 'restrictive',
  for: 'select',
  to: appRole,
  using: planVisibleTo(sql.raw('support_plans.arrangement_id')),
});

/** For a table hanging off a plan: visible when its plan is (the plan's policy applies inside). */
export const withPlan = (planId: SQL) =>
  pgPolicy('plan_visible', {
    as: 'restrictive',
    for: 'select',
    to: appRole,
    using: sql`exists (select 1 from support_plans p where p.id = ${planId})`,
  });

/** Staff write plans and their versions; nothing here is ever deleted. */
export const staffWrite = (actions: readonly ('insert' | 'update')[]) =>
  actions.map((action) =>
    pgPolicy(`staff_writes_${action}`, {
      as: 'restrictive',
      for: action,
      to: appRole,
      ...(action === 'insert' ? { withCheck: actingAsStaff } : { using: actingAsStaff }),
    }),
  );

export const never = (actions: readonly ('update' | 'delete')[]) =>
  actions.map((action) => pgPolicy(`never_${action}d`, { as: 'restrictive', for: action, to: appRole, using: sql`false` }));

/** A proposal is made by the person, someone in their circle, or the carer, as themselves, about a plan they see. */
export const proposedByParty = pgPolicy('proposed_by_party', {
  as: 'restrictive',
  for: 'insert',
  to: appRole,
  withCheck: sql`${currentRole} in ('person', 'circle_member', 'carer') and author_user_id = ${currentUserId}
    and exists (select 1 from support_plans p where p.id = plan_id)`,
});

/** A message in a proposal's thread: by anyone who sees the proposal, as themselves. */
export const writtenByThemselves = pgPolicy('written_by_themselves', {
  as: 'restrictive',
  for: 'insert',
  to: appRole,
  withCheck: sql`author_user_id = ${currentUserId} and exists (select 1 from support_plan_proposals q where q.id = proposal_id)`,
});
