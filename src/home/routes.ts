import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTurn } from '../platform/db/unit-of-work.js';
import type { Actor } from '../platform/http/types.js';
import { destinationsFor } from '../platform/layout/navigation.js';
import { ROLE_NAMES, type Role } from '../platform/permissions/roles.js';

/** Something on the home page that needs doing now, with where to do it. */
export interface HomeNotice {
  text: string;
  href: string;
  linkText: string;
  urgent?: boolean;
}

/** Something a capability puts at the top of the home page, one tap away: "Write today’s note about Ada". */
export interface Highlight {
  text: string;
  href: string;
  /** A main button, or a secondary one (already done today, say). */
  secondary?: boolean;
}

export type HighlightProvider = (actor: Actor) => Promise<Highlight[]>;

/** A part of the home page a capability makes for the roles it serves: its template, given this as `section`. */
export interface HomeSection {
  template: string;
  [key: string]: unknown;
}

export type HomeSectionProvider = (actor: Actor) => Promise<HomeSection[]>;

export interface HomeOptions {
  /** A role's own home page instead of the list of destinations (the person's own Hearth). */
  homes?: Partial<Record<Role, (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>>>;
  /** What needs doing now, for the roles that can do it. */
  notices?: ((actor: Actor) => Promise<HomeNotice[]>)[];
  /** Buttons for the things most often done next. */
  highlights?: readonly HighlightProvider[];
  /** Parts of the page for some roles (a commissioner's figures). */
  sections?: readonly HomeSectionProvider[];
}

export function homeRoutes(app: FastifyInstance, options: HomeOptions = {}) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const role = request.user!.role!;
    const own = options.homes?.[role];
    if (own) return own(request, reply);
    const notices = await inTurn((options.notices ?? []).map((notice) => () => notice(request.actor)));
    const highlights = await inTurn((options.highlights ?? []).map((h) => () => h(request.actor)));
    const sections = await inTurn((options.sections ?? []).map((s) => () => s(request.actor)));
    const destinations = destinationsFor(role);
    return reply.view('home/views/home.njk', {
      title: 'Home',
      roleName: ROLE_NAMES[role],
      destinations: destinations.filter((d) => !d.comingSoon),
      comingLater: destinations.filter((d) => d.comingSoon),
      notices: notices.flat(),
      highlights: highlights.flat(),
      sections: sections.flat(),
    });
  });
}
