import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';

/** For load balancers and people alike: is Hearth up, and can it reach its database? */
export function healthRoutes(app: FastifyInstance, db: Database) {
  app.get('/health', { config: { access: 'public', assets: true } }, async (_request, reply) => {
    const reachable = await db.ping();
    return reply.code(reachable ? 200 : 503).send({
      status: reachable ? 'ok' : 'unavailable',
      database: { kind: db.kind, reachable },
    });
  });
}
