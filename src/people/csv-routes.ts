import type { FastifyInstance } from 'fastify';
import { csvImportRoutes, sendCsv } from '../platform/csv/routes.js';
import { todayInUk } from '../platform/dates.js';
import { peopleCsv } from './csv.js';
import { listQuery } from './records-routes.js';
import type { PeopleServices } from './service.js';

/** People from and to spreadsheets: the platform's one import journey, and an export of the list as filtered. */
export function peopleCsvRoutes(app: FastifyInstance, { csv }: PeopleServices) {
  csvImportRoutes(app, {
    base: '/people',
    permission: 'people.manage',
    noun: 'people',
    one: 'person',
    csv: peopleCsv,
    plan: (actor, preview) => csv.plan(actor, preview),
    save: (actor, preview) => csv.import(actor, preview),
  });

  app.get('/people/export.csv', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { page: _, ...filter } = listQuery.parse(request.query ?? {});
    return sendCsv(reply, `people-${todayInUk()}.csv`, peopleCsv.export(await csv.export(request.actor, filter)));
  });
}
