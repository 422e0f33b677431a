import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { appRole, currentRole, currentUserId } from '../platform/db/tenancy.js';
import { actingAsStaff } from '../platform/permissions/staff.js';

/**
 * Defence in depth for carers' records, on top of tenant isolation: scheme staff see their scheme's
 * carers; a carer sees only their own record; every other role (panel members, people who use
 * Shared Lives, commissioners) sees none of them, whatever the query.
 */
export const staffOrOwnCarer = (own: SQL) =>
  pgPolicy('staff_or_own_carer', {
    as: 'restrictive',
    for: 'all',
    to: appRole,
    using: sql`${actingAsStaff} or (${currentRole} = 'carer' and ${own})`,
    withCheck: sql`${actingAsStaff} or (${currentRole} = 'carer' and ${own})`,
  });

/** For a table with a carer_id: the carer it belongs to is the signed-in carer. */
export const ownCarerOf = (table: string) =>
  sql`exists (select 1 from carers c where c.id = ${sql.identifier(table)}.carer_id and c.user_id = ${currentUserId})`;
