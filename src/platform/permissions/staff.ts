import { forbidden } from '../errors/errors.js';
import type { Actor } from '../http/types.js';

/** Scheme staff: the scheme's managers and workers, who may see and change every record of their scheme. */
export const isStaff = (actor: Pick<Actor, 'role'>) => actor.role === 'scheme_manager' || actor.role === 'scheme_worker';

/** Services check this themselves: a route's permission is one lock, not the only one. */
export function requireStaff(actor: Pick<Actor, 'role'>) {
  if (!isStaff(actor)) throw forbidden();
}
