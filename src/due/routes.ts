import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CarersService } from '../carers/service.js';
import { pagination } from '../platform/layout/paging.js';
import { DUE_ITEM_STATUS_NAMES, DUE_ITEM_STATUSES, type DueItemStatus } from './due.js';
import type { DueService } from './service.js';
import { inScheme } from '../platform/http/types.js';
import { isStaff } from '../platform/permissions/staff.js';

const dueQuery = z.object({
  kind: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z_]+$/)
    .optional()
    .catch(undefined),
  status: z.enum(DUE_ITEM_STATUSES).optional().catch(undefined),
  worker: z
    .union([z.uuid(), z.literal('none'), z.literal('all'), z.literal('')])
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const TAGS: Record<DueItemStatus, string> = { overdue: 'govuk-tag--red', missing: 'govuk-tag--red', due_soon: 'govuk-tag--orange' };

export function dueRoutes(app: FastifyInstance, due: DueService, carers: CarersService) {
  app.get('/due', { config: { access: 'due.view' } }, async (request, reply) => {
    const query = dueQuery.parse(request.query ?? {});
    const staff = isStaff(request.actor);
    // A worker sees what is due for the carers and arrangements they support first, as on their caseload.
    const chosen = query.worker ?? (request.actor.role === 'scheme_worker' ? inScheme(request.actor).userId : 'all');
    const filter = { ...query, worker: chosen === 'all' ? undefined : chosen };
    const result = await due.list(request.actor, filter);
    const choices = staff ? await carers.workers(request.actor) : null;
    return reply.view('due/views/due.njk', {
      title: 'What is due',
      staff,
      filter,
      counts: result.counts,
      rows: result.rows.map((r) => ({ ...r, tag: { text: DUE_ITEM_STATUS_NAMES[r.status], classes: TAGS[r.status] } })),
      kinds: [{ value: '', text: 'Anything' }, ...result.kinds.map(([value, text]) => ({ value, text, selected: value === filter.kind }))],
      statuses: [
        { value: '', text: 'Overdue, missing or due soon' },
        ...DUE_ITEM_STATUSES.map((s) => ({ value: s, text: DUE_ITEM_STATUS_NAMES[s], selected: s === filter.status })),
      ],
      workers: choices
        ? [
            { value: 'all', text: 'Any worker', selected: chosen === 'all' },
            { value: 'none', text: 'No worker yet', selected: filter.worker === 'none' },
            ...choices.map((w) => ({ value: w.id, text: w.name, selected: w.id === filter.worker })),
          ]
        : [],
      mine: staff ? `/due?worker=${request.actor.userId}` : null,
      paging: pagination({
        page: filter.page,
        total: result.total,
        path: '/due',
        query: { kind: filter.kind, status: filter.status, worker: query.worker },
      }),
    });
  });
}
