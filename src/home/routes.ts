import type { FastifyInstance } from 'fastify';
import { destinationsFor } from '../platform/layout/navigation.js';
import { ROLE_NAMES } from '../platform/permissions/roles.js';

export function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const role = request.user!.role!;
    return reply.view('home/views/home.njk', {
      title: 'Home',
      roleName: ROLE_NAMES[role],
      destinations: destinationsFor(role),
    });
  });
}
