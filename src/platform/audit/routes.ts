import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pagination } from '../layout/paging.js';
import { formatDateTime } from '../layout/views.js';
import { ROLE_NAMES, isRole } from '../permissions/roles.js';
import type { AuditLog } from './log.js';

const filterQuery = z.object({
  action: z.string().max(40).optional().catch(undefined),
  recordType: z.string().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const ACTIONS = ['viewed', 'listed', 'created', 'updated', 'ended', 'signed in', 'signed out', 'exported'];

export function auditRoutes(app: FastifyInstance, log: AuditLog) {
  app.get('/audit', { config: { access: 'audit.view' } }, async (request, reply) => {
    const filter = filterQuery.parse(request.query ?? {});
    const { total, events } = await log.list(request.actor, filter);
    const recordTypes = await log.recordTypes(request.actor);
    const paging = pagination({
      page: filter.page,
      total,
      path: '/audit',
      query: { action: filter.action, recordType: filter.recordType },
    });
    return reply.view('platform/audit/views/audit.njk', {
      title: 'Audit log',
      filter,
      paging,
      actions: [{ value: '', text: 'Any action' }, ...ACTIONS.map((a) => ({ value: a, text: a, selected: a === filter.action }))],
      recordTypes: [
        { value: '', text: 'Any record' },
        ...recordTypes.map((t) => ({ value: t, text: t, selected: t === filter.recordType })),
      ],
      rows: events.map((e) => [
        { text: formatDateTime(e.at) },
        { text: `${e.actorName ?? 'Someone not signed in'}${e.actorRole && isRole(e.actorRole) ? ` (${ROLE_NAMES[e.actorRole]})` : ''}` },
        { text: `${e.action} ${e.recordType}` },
        {
          text: e.changedFields
            ? Object.entries(e.changedFields)
                .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
                .join('; ')
            : '',
        },
      ]),
    });
  });
}
