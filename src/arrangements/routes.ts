import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ARRANGEMENT_TYPE_NAMES, ARRANGEMENT_TYPES } from '../carers/terms.js';
import { STATUS_NAMES } from '../people/status.js';
import { choice, ids, onceValid, optionalText, text } from '../platform/forms/fields.js';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { pagination } from '../platform/layout/paging.js';
import { todayInUk } from '../platform/dates.js';
import { dateInput, dateValues, optionalDateInput, withDateInputs } from '../platform/forms/date-input.js';
import { options, selectOptions, type Values } from '../platform/forms/options.js';
import { describe, recordContext, statusTag } from './present.js';
import type { ArrangementsService } from './service.js';
import { inScheme } from '../platform/http/types.js';
import {
  ARRANGEMENT_STATUS_NAMES,
  ARRANGEMENT_STATUSES,
  END_KIND_NAMES,
  END_KINDS,
  FUNDER_NAMES,
  FUNDERS,
  PERSON_NEXT,
  PERSON_NEXT_NAMES,
  statusMoves,
} from './status.js';
import { isStaff } from '../platform/permissions/staff.js';

const optionalUuid = z.uuid().optional().catch(undefined);

export const listQuery = z.object({
  worker: z
    .union([z.literal('all'), z.literal('none'), z.uuid()])
    .optional()
    .catch(undefined),
  type: z.enum(ARRANGEMENT_TYPES).optional().catch(undefined),
  status: z
    .union([z.literal('live'), z.literal('all'), z.enum(ARRANGEMENT_STATUSES)])
    .optional()
    .catch(undefined),
  person: optionalUuid,
  carer: optionalUuid,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const newQuery = z.object({ person: optionalUuid, carer: optionalUuid, match: optionalUuid });

const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid({ error: message }).nullable());

export const newForm = withDateInputs(
  z
    .object({
      personId: z.uuid({ error: 'Choose the person' }),
      carerId: z.uuid({ error: 'Choose the Shared Lives carer' }),
      type: choice(ARRANGEMENT_TYPES, 'Choose the kind of arrangement'),
      startsOn: dateInput({ label: 'The start date' }),
      plannedEndOn: optionalDateInput({ label: 'The planned end date' }),
      workerUserId: optionalId('Choose a worker from the list'),
      funder: choice(FUNDERS, 'Choose who pays for the support'),
      funderDetail: optionalText({ max: 200, label: 'Funding details' }),
      matchId: optionalId('The match is not known'),
    })
    .superRefine(
      (form, ctx) => {
        if (form.plannedEndOn && form.plannedEndOn <= form.startsOn)
          ctx.addIssue({ code: 'custom', path: ['plannedEndOn'], message: 'The planned end date must be after the start date' });
      },
      onceValid('startsOn', 'plannedEndOn'),
    ),
);

const statusForm = withDateInputs(
  z.object({
    to: choice(ARRANGEMENT_STATUSES, 'Choose what is happening'),
    on: dateInput({ label: 'The date', when: 'not future' }),
    reason: optionalText({ max: 1000, label: 'Reason' }),
  }),
);

const endForm = withDateInputs(
  z.object({
    kind: choice(END_KINDS, 'Choose whether the ending was planned'),
    on: dateInput({ label: 'The date it ended', when: 'not future' }),
    reason: text('Say why it ended', { max: 2000, label: 'Why it ended' }),
    whatsNext: text('Say what happens next for them', { max: 2000, label: 'What happens next' }),
    personNext: z
      .enum(PERSON_NEXT)
      .optional()
      .catch(undefined)
      .transform((v) => v ?? null),
  }),
);

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Values;
const saved = (request: FastifyRequest) => (request.query as { saved?: string }).saved;

/** What other capabilities add to the caseload's page: how many support plan proposals wait for the worker. */
export interface CaseloadExtras {
  openProposals?: (actor: FastifyRequest['actor']) => Promise<number>;
}

/** The caseload, starting an arrangement, its record, its status and its ending. */
export function arrangementsRoutes(app: FastifyInstance, arrangements: ArrangementsService, extras: CaseloadExtras = {}) {
  app.get('/arrangements', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const actor = request.actor;
    const query = listQuery.parse(request.query ?? {});
    const staff = isStaff(actor);
    const about = !!(query.person || query.carer);
    // Staff see their own caseload first; a list about one person or carer shows everyone's, ended too.
    const worker = !staff || query.worker === 'all' ? undefined : (query.worker ?? (about ? undefined : inScheme(actor).userId));
    const status = query.status === 'all' ? undefined : (query.status ?? (about ? undefined : 'live'));
    const filter = { worker, type: query.type, status, person: query.person, carer: query.carer, page: query.page };
    const { total, rows } = await arrangements.list(actor, filter);
    const names = await arrangements.filterNames(actor, query);
    const workers = staff ? await arrangements.workers(actor) : [];
    const openProposals = staff && extras.openProposals ? await extras.openProposals(actor) : 0;
    const workerValue = query.worker ?? (about ? 'all' : actor.userId);
    return reply.view('arrangements/views/list.njk', {
      title: staff
        ? names.person
          ? `Arrangements: ${names.person}`
          : names.carer
            ? `Arrangements: ${names.carer}`
            : 'Arrangements'
        : actor.role === 'person'
          ? 'Your Shared Lives'
          : actor.role === 'carer'
            ? 'Your arrangements'
            : 'Arrangements',
      staff,
      role: actor.role,
      names,
      query,
      rows: rows.map((r) => ({ ...r, typeName: ARRANGEMENT_TYPE_NAMES[r.type], tag: statusTag(r.status) })),
      workers: [
        { value: 'all', text: 'Everyone', selected: workerValue === 'all' },
        ...options(
          [
            { value: 'none', text: 'No worker yet' },
            ...workers.map((w) => ({ value: w.id, text: w.id === actor.userId ? `${w.name} (you)` : w.name })),
          ],
          workerValue,
        ),
      ],
      types: selectOptions('Any kind', ARRANGEMENT_TYPE_NAMES, query.type),
      statuses: [
        { value: 'live', text: 'Not ended', selected: (query.status ?? (about ? 'all' : 'live')) === 'live' },
        { value: 'all', text: 'Any status', selected: (query.status ?? (about ? 'all' : 'live')) === 'all' },
        ...options(ARRANGEMENT_STATUS_NAMES, query.status),
      ],
      paging: pagination({
        page: query.page,
        total,
        path: '/arrangements',
        query: { worker: query.worker, type: query.type, status: query.status, person: query.person, carer: query.carer },
      }),
      manager: actor.role === 'scheme_manager',
      openProposals,
    });
  });

  const newContext = async (request: FastifyRequest, values: Values) => {
    const choices = await arrangements.choices(request.actor);
    return {
      title: 'Start an arrangement',
      backLink: '/arrangements',
      people: selectOptions(
        'Choose the person',
        choices.people.map((p) => ({ value: p.id, text: `${p.name} (${STATUS_NAMES[p.status].toLowerCase()})` })),
        values.personId,
      ),
      carers: selectOptions(
        'Choose the carer',
        choices.carers.map((c) => ({ value: c.id, text: c.name })),
        values.carerId,
      ),
      types: options(ARRANGEMENT_TYPE_NAMES, values.type),
      funders: options(FUNDER_NAMES, values.funder),
      workers: selectOptions(
        'No worker yet',
        choices.workers.map((w) => ({ value: w.id, text: w.name })),
        values.workerUserId,
      ),
    };
  };

  app.get('/arrangements/new', { config: { access: 'arrangements.manage' } }, async (request, reply) => {
    const prefill = newQuery.parse(request.query ?? {});
    const values: Values = {
      personId: prefill.person,
      carerId: prefill.carer,
      matchId: prefill.match,
      workerUserId: request.actor.userId,
      ...dateValues('startsOn', todayInUk()),
    };
    return reply.view('arrangements/views/new.njk', { ...(await newContext(request, values)), values });
  });

  app.post('/arrangements', { config: { access: 'arrangements.manage' } }, async (request, reply) =>
    submitForm(reply, {
      schema: newForm,
      view: 'arrangements/views/new.njk',
      context: await newContext(request, answers(request.body)),
      save: (form) => arrangements.create(once(request), form),
      then: ({ id }) => reply.redirect(`/arrangements/${id}?saved=started`),
    }),
  );

  app.get('/arrangements/:id', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const record = await arrangements.record(request.actor, id);
    return reply.view('arrangements/views/summary.njk', {
      ...recordContext(record, request.actor, 'summary', saved(request)),
      history: record.history.map((h) => ({ ...h, toName: ARRANGEMENT_STATUS_NAMES[h.toStatus] })),
      moves: statusMoves(record.arrangement.status).length > 0,
      endKindName: record.arrangement.endKind ? END_KIND_NAMES[record.arrangement.endKind].split(':')[0] : null,
    });
  });

  const statusContext = async (request: FastifyRequest, id: string, values: Values) => {
    const record = await arrangements.record(request.actor, id);
    return {
      title: `Change status: ${describe(record, request.actor).heading}`,
      ...record,
      statusName: ARRANGEMENT_STATUS_NAMES[record.arrangement.status],
      moves: options(
        statusMoves(record.arrangement.status).map((m) => ({ value: m.to, text: m.action })),
        values.to,
      ),
      limits: maxLengths(statusForm),
      backLink: `/arrangements/${id}`,
    };
  };

  app.get('/arrangements/:id/status', { config: { access: 'arrangements.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const values = dateValues('on', todayInUk());
    return reply.view('arrangements/views/status.njk', { ...(await statusContext(request, id, values)), values });
  });

  app.post('/arrangements/:id/status', { config: { access: 'arrangements.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: statusForm,
      view: 'arrangements/views/status.njk',
      context: await statusContext(request, id, bodyOf(request)),
      save: (form) => arrangements.changeStatus(request.actor, id, form),
      then: () => reply.redirect(`/arrangements/${id}?saved=status`),
    });
  });

  const endContext = async (request: FastifyRequest, id: string, values: Values) => {
    const record = await arrangements.record(request.actor, id);
    const last = await arrangements.endsSupport(request.actor, id);
    return {
      title: `End the arrangement: ${describe(record, request.actor).heading}`,
      ...record,
      last,
      kinds: options(END_KIND_NAMES, values.kind),
      nexts: options(PERSON_NEXT_NAMES, values.personNext),
      limits: maxLengths(endForm),
      backLink: `/arrangements/${id}`,
    };
  };

  app.get('/arrangements/:id/end', { config: { access: 'arrangements.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const values = dateValues('on', todayInUk());
    return reply.view('arrangements/views/end.njk', { ...(await endContext(request, id, values)), values });
  });

  app.post('/arrangements/:id/end', { config: { access: 'arrangements.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: endForm,
      view: 'arrangements/views/end.njk',
      context: await endContext(request, id, bodyOf(request)),
      save: (form) => arrangements.end(request.actor, id, form),
      then: () => reply.redirect(`/arrangements/${id}?saved=ended`),
    });
  });
}
