import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/http/types.js';
import { destinationsFor } from '../platform/layout/navigation.js';
import { ROLE_NAMES, type Role } from '../platform/permissions/roles.js';

/** Something on the home page that needs doing now, with where to do it. */
export interface HomeNotice { text: string; href: string; linkText: string; urgent?: boolean }

export interface HomeOptions {
  /** A role's own home page instead of the list of destinations (the person's own Hearth). */
  homes?: Partial<Record<Role, (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>>>;
  /** What needs doing now, for the roles that can do it. */
  notices?: ((actor: Actor) => Promise<HomeNotice[]>)[];
}

export function homeRoutes(app: FastifyInstance, options: HomeOptions = {}) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const role = request.user!.role!;
    const own = options.homes?.[role];
    if (own) return own(request, reply);
    const notices = (await Promise.all((options.notices ?? []).map((notice) => notice(request.actor)))).flat();
    return reply.view('home/views/home.njk', {
      title: 'Home',
      roleName: ROLE_NAMES[role],
      destinations: destinationsFor(role),
      notices,
    });
  });
}
