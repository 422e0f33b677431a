import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AttentionService } from './service.js';

const query = z.object({ everyone: z.literal('yes').optional().catch(undefined), saved: z.string().optional().catch(undefined) });

const SAVED: Record<string, string> = {
  dealt: 'Saved what was done. It has left this list.',
  notified: 'The notification has been recorded.',
};

export function attentionRoutes(app: FastifyInstance, attention: AttentionService) {
  app.get('/attention', { config: { access: 'attention.use' } }, async (request, reply) => {
    const q = query.parse(request.query ?? {});
    const everyone = q.everyone === 'yes' || request.actor.role === 'scheme_manager';
    const { items, everyone: total } = await attention.list(request.actor, { everyone });
    return reply.view('attention/views/attention.njk', {
      title: 'Needs attention',
      items,
      everyone,
      manager: request.actor.role === 'scheme_manager',
      total,
      savedMessage: q.saved ? SAVED[q.saved] : undefined,
    });
  });
}
