import type { FastifyInstance } from 'fastify';
import { DESTINATIONS } from '../platform/layout/navigation.js';

/**
 * Capabilities of later milestones: each already has its route and permission, and a page
 * saying what is coming. A capability's own folder replaces its entry when it is built.
 */
export function comingSoonRoutes(app: FastifyInstance) {
  for (const destination of DESTINATIONS.filter((d) => d.comingSoon)) {
    app.get(destination.href, { config: { access: destination.permission } }, async (_request, reply) =>
      reply.view('coming-soon/views/coming-soon.njk', { title: destination.title, destination }),
    );
  }
}
