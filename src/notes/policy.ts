import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { actingAsStaff } from '../platform/permissions/staff.js';
import { appRole, currentRole, currentUserId } from '../platform/db/tenancy.js';

/*
 * Who sees and writes what hangs off an arrangement's day-to-day life, on top of tenant isolation.
 * Daily notes: scheme staff; the carer of the arrangement; the person and the people in their circle
 * they consented to share daily notes with. Incidents (src/incidents): staff and the carer only.
 */

/** The signed-in carer is the carer of this arrangement. */
export const carerOf = (arrangementId: SQL) => sql`(${currentRole} = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = ${arrangementId} and c.user_id = ${currentUserId}))`;

/** …and the arrangement has not ended: nothing new is written about an ended one. */
const carerOfLive = (arrangementId: SQL) => sql`(${currentRole} = 'carer' and exists (
  select 1 from arrangements a join carers c on c.id = a.carer_id where a.id = ${arrangementId} and c.user_id = ${currentUserId} and a.status <> 'ended'))`;

const aboutThem = (arrangementId: SQL) => sql`(${currentRole} in ('person', 'circle_member') and exists (
  select 1 from arrangements a where a.id = ${arrangementId} and hearth_may_see_person(a.person_id, 'daily_notes')))`;

/** Staff, as a function the planner cannot see into (custom migration `notes_incidents_functions` says why). */
const staffForPlanner = sql`hearth_is_staff()`;

/** Read: staff, the arrangement's carer, and (for notes) the person and their consented circle. */
export const readBy = (arrangementId: SQL, options: { person: boolean }) =>
  pgPolicy('arrangement_reader', {
    as: 'restrictive',
    for: 'select',
    to: appRole,
    using: options.person
      ? sql`${staffForPlanner} or ${carerOf(arrangementId)} or ${aboutThem(arrangementId)}`
      : sql`${staffForPlanner} or ${carerOf(arrangementId)}`,
  });

/** Written by staff or by the carer of a live arrangement, always in the writer's own name. */
export const writtenBy = (arrangementId: SQL, writer: SQL) =>
  pgPolicy('staff_or_carer_writes', {
    as: 'restrictive',
    for: 'insert',
    to: appRole,
    withCheck: sql`${writer} = ${currentUserId} and (${actingAsStaff} or ${carerOfLive(arrangementId)})`,
  });

/** Changed (flags dealt with, notifications, closing) by staff only; never deleted. */
export const staffChanges = () => [
  pgPolicy('staff_updates', { as: 'restrictive', for: 'update', to: appRole, using: actingAsStaff, withCheck: actingAsStaff }),
  pgPolicy('never_deleted', { as: 'restrictive', for: 'delete', to: appRole, using: sql`false` }),
];
