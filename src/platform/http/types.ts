import type { Access } from '../permissions/permissions.js';
import type { Role } from '../permissions/roles.js';
import type { Scope } from '../db/database.js';
import type { RequestUnit } from '../db/unit-of-work.js';
import { forbidden } from '../errors/errors.js';

/** The signed-in person behind a request. */
export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  sessionId: string;
  schemeId: string | null;
  schemeName: string | null;
  role: Role | null;
}

/**
 * Who is acting: what services need for permissions, row-level security and audit, and the
 * request's unit of work when it has one (a page read on a server: src/platform/db/unit-of-work.ts).
 */
export interface Actor extends Scope {
  name: string | null;
}

/** Someone signed in, acting as themselves. */
export interface SignedInActor extends Actor {
  userId: string;
}

/** Someone acting in a scheme, in a role there: whose records a scheme's services read and change. */
export interface SchemeActor extends SignedInActor {
  schemeId: string;
  role: Role;
}

/** The acting person, signed in; refused otherwise (a route's access rule should have said so first). */
export function signedIn(actor: Actor): SignedInActor {
  if (!actor.userId) throw forbidden();
  return actor as SignedInActor;
}

/** The acting person in their scheme and role; refused for anyone not acting in a scheme. */
export function inScheme(actor: Actor): SchemeActor {
  if (!actor.userId || !actor.schemeId || !actor.role) throw forbidden();
  return actor as SchemeActor;
}

export const actorOf = (user: SignedInUser | null, unit: RequestUnit | null = null): Actor =>
  user
    ? { userId: user.id, schemeId: user.schemeId, role: user.role, name: user.name, unit }
    : { userId: null, schemeId: null, role: null, name: null, unit: null };

declare module 'fastify' {
  interface FastifyRequest {
    user: SignedInUser | null;
    actor: Actor;
  }
  interface FastifyReply {
    /** Renders a Nunjucks page inside Hearth's layout. */
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Who may use the route: every route must say. */
    access?: Access;
    /** Static files: served without looking up a session. */
    assets?: boolean;
  }
}
