import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { csvImportRoutes, sendCsv } from '../platform/csv/routes.js';
import { todayInUk } from '../platform/dates.js';
import { carersCsv } from './csv.js';
import type { CarersCsvService } from './import-service.js';
import { CARER_STAGES } from './stages.js';

const exportQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  stage: z
    .enum(['pipeline', 'current', 'closed', ...CARER_STAGES])
    .optional()
    .catch(undefined),
  worker: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .catch(undefined),
  area: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

/** Carers from and to spreadsheets: the shared import journey, and an export with the same columns. */
export function carersCsvRoutes(app: FastifyInstance, service: CarersCsvService) {
  csvImportRoutes(app, {
    base: '/carers',
    permission: 'carers.manage',
    noun: 'carers',
    one: 'carer',
    csv: carersCsv,
    plan: (actor, preview) => service.plan(actor, preview),
    save: (actor, preview) => service.import(actor, preview),
  });

  app.get('/carers/export.csv', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const filter = exportQuery.parse(request.query ?? {});
    const rows = await service.export(request.actor, { ...filter, stage: filter.stage });
    return sendCsv(reply, `carers-${todayInUk()}.csv`, carersCsv.export(rows));
  });
}
