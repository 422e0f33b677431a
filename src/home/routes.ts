import type { FastifyInstance } from 'fastify';
import type { Actor } from '../platform/http/types.js';
import { destinationsFor } from '../platform/layout/navigation.js';
import { ROLE_NAMES } from '../platform/permissions/roles.js';

/** Something a capability puts at the top of the home page, one tap away: "Write today’s note about Ada". */
export interface Highlight {
  text: string;
  href: string;
  /** A main button, or a secondary one (already done today, say). */
  secondary?: boolean;
}

export type HighlightProvider = (actor: Actor) => Promise<Highlight[]>;

export function homeRoutes(app: FastifyInstance, highlights: readonly HighlightProvider[] = []) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const role = request.user!.role!;
    return reply.view('home/views/home.njk', {
      title: 'Home',
      roleName: ROLE_NAMES[role],
      destinations: destinationsFor(role),
      highlights: (await Promise.all(highlights.map((h) => h(request.actor)))).flat(),
    });
  });
}
