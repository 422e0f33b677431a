import { sql } from 'drizzle-orm';
import { currentRole } from '../db/tenancy.js';
import { forbidden } from '../errors/errors.js';
import type { Actor } from '../http/types.js';
import type { Role } from './roles.js';

/**
 * Scheme staff: the scheme's managers and workers, who may see and change every record of their
 * scheme. The one rule, in both of its forms: for services (isStaff) and for row-level security
 * policies (actingAsStaff); staff.test.ts checks that they agree for every role.
 */
export const STAFF_ROLES = ['scheme_manager', 'scheme_worker'] as const satisfies readonly Role[];

export const isStaff = (actor: Pick<Actor, 'role'>) => (STAFF_ROLES as readonly (Role | null)[]).includes(actor.role);

/** The acting role (app.role) is a staff role. */
export const actingAsStaff = sql`${currentRole} in (${sql.raw(STAFF_ROLES.map((role) => `'${role}'`).join(', '))})`;

/** Services check this themselves: a route's permission is one lock, not the only one. */
export function requireStaff(actor: Pick<Actor, 'role'>) {
  if (!isStaff(actor)) throw forbidden();
}
