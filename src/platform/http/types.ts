import type { Access } from '../permissions/permissions.js';
import type { Role } from '../permissions/roles.js';
import type { Scope } from '../db/database.js';

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

/** Who is acting: what services need for permissions, row-level security and audit. */
export interface Actor extends Scope {
  name: string | null;
}

export const actorOf = (user: SignedInUser | null): Actor =>
  user ? { userId: user.id, schemeId: user.schemeId, role: user.role, name: user.name } : { userId: null, schemeId: null, role: null, name: null };

import type { HeldTransaction } from '../db/held.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SignedInUser | null;
    actor: Actor;
    /** A page read's one transaction (src/platform/db/held.ts), ended before the page is sent. */
    held: HeldTransaction | null;
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
    /** A busy page that may be kept and shown again while still current (src/platform/http/page-cache.ts). */
    pageCache?: boolean;
  }
}
