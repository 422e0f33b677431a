import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import type { Actor } from '../platform/http/types.js';
import { pagination } from '../platform/layout/paging.js';
import { todayInUk } from '../platform/dates.js';
import { dateValues } from '../platform/forms/date-input.js';
import { ids } from '../platform/forms/fields.js';
import { asValues, options, selectOptions, type Values } from '../platform/forms/options.js';
import { detailsForm, referralForm, statusForm } from './forms.js';
import type { PersonHeader } from './header.js';
import type { PeopleServices } from './service.js';
import { ARRANGEMENT_NAMES, daysBetween, howLong, PERSON_STATUSES, STATUS_NAMES } from './status.js';
import { CONSENT_NAMES, CONSENT_NAMES_FOR_PERSON, RELATIONSHIP_NAMES, SOURCE_NAMES, URGENCIES, URGENCY_NAMES } from './words.js';
import { preferenceWords } from './needs-routes.js';
import { isStaff } from '../platform/permissions/staff.js';
import type { PeopleRouteOptions } from './routes.js';

export const listQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  status: z.enum(PERSON_STATUSES).optional().catch(undefined),
  worker: z
    .union([z.literal('none'), z.uuid()])
    .optional()
    .catch(undefined),
  urgency: z.enum(URGENCIES).optional().catch(undefined),
  area: z
    .string()
    .trim()
    .max(80)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export function recordsRoutes(app: FastifyInstance, people: PeopleServices, { supportedBy }: PeopleRouteOptions) {
  const { records } = people;

  app.get('/people', { config: { access: 'people.view' } }, async (request, reply) => {
    const actor = request.actor;
    if (actor.role === 'person') {
      const own = await records.ownRecordId(actor);
      if (own) return reply.redirect(`/people/${own}`);
    }
    const filter = listQuery.parse(request.query ?? {});
    if (actor.role === 'carer') {
      const { total, rows } = await supportedBy(actor, filter.page);
      return reply.view('people/views/list.njk', {
        title: 'People you support',
        staff: false,
        supported: rows.map((r) => ({
          ...r,
          typeName: ARRANGEMENT_NAMES[r.type as keyof typeof ARRANGEMENT_NAMES] ?? r.type,
          starting: r.startsOn > todayInUk(),
        })),
        paging: pagination({ page: filter.page, total, path: '/people' }),
      });
    }
    const { total, rows } = await records.list(actor, filter);
    const { workers, areas } = await records.filters(actor);
    const today = todayInUk();
    const query = { q: filter.q, status: filter.status, worker: filter.worker, urgency: filter.urgency, area: filter.area };
    const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
    return reply.view('people/views/list.njk', {
      title: isStaff(actor) ? 'People' : 'People you support',
      staff: isStaff(actor),
      filter,
      statuses: selectOptions('Any status', STATUS_NAMES, filter.status),
      workers: selectOptions(
        'Any worker',
        [{ value: 'none', text: 'No worker yet' }, ...workers.map((w) => ({ value: w.id, text: w.name }))],
        filter.worker,
      ),
      urgencies: selectOptions('Any urgency', URGENCY_NAMES, filter.urgency),
      areas: selectOptions(
        'Any area',
        areas.map((a) => ({ value: a, text: a })),
        filter.area,
      ),
      people: rows.map((p) => ({
        ...p,
        statusName: STATUS_NAMES[p.status],
        waited: howLong(daysBetween(p.statusSince, today)),
        urgencyName: p.urgency ? URGENCY_NAMES[p.urgency] : '',
      })),
      waitingList: filter.status === 'waiting',
      paging: pagination({ page: filter.page, total, path: '/people', query }),
      isManager: actor.role === 'scheme_manager',
      imported: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .catch(undefined)
        .parse((request.query as { imported?: unknown }).imported),
      exportHref: `/people/export.csv${search ? `?${search}` : ''}`,
    });
  });

  const referralContext = async (actor: Actor, values: Values) => ({
    title: 'Record a referral',
    backLink: '/people',
    limits: maxLengths(referralForm),
    sources: options(SOURCE_NAMES, values.source),
    urgencies: options(URGENCY_NAMES, values.urgency),
    workers: selectOptions(
      'Not yet',
      (await records.staff(actor)).map((w) => ({ value: w.id, text: w.name })),
      values.workerUserId,
    ),
  });

  app.get('/people/referrals/new', { config: { access: 'people.manage' } }, async (request, reply) => {
    const values = dateValues('receivedOn', todayInUk());
    return reply.view('people/views/referral.njk', { ...(await referralContext(request.actor, values)), values });
  });

  app.post('/people/referrals', { config: { access: 'people.manage' } }, async (request, reply) =>
    submitForm(reply, {
      schema: referralForm,
      view: 'people/views/referral.njk',
      context: await referralContext(request.actor, answers(request.body)),
      save: (form) => records.refer(once(request), form),
      then: ({ id }) => reply.redirect(`/people/${id}?referred=1`),
    }),
  );

  app.get('/people/:id', { config: { access: 'people.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    if (!isStaff(request.actor)) {
      const seen = await people.shared.view(request.actor, id);
      return reply.view('people/views/shared.njk', {
        title: seen.relation === 'self' ? 'Your record' : seen.person.name,
        ...seen,
        needs: seen.needs && { ...seen.needs, needNames: seen.needs.needs.map((n) => n.name) },
        preferences:
          seen.preferences === undefined
            ? undefined
            : seen.preferences && preferenceWords(seen.preferences, { you: seen.relation === 'self' }),
        circle: seen.circle.map((m) => ({
          ...m,
          relationshipName: m.relationshipDetail ?? RELATIONSHIP_NAMES[m.relationship].toLowerCase(),
          consentNames: m.consents.map((c) => (seen.relation === 'self' ? CONSENT_NAMES_FOR_PERSON : CONSENT_NAMES)[c.area]),
        })),
        history: seen.history?.map(named),
        backLink: seen.relation === 'self' ? null : '/people',
      });
    }
    const found = await records.overview(request.actor, id);
    return reply.view('people/views/overview.njk', {
      title: found.person.name,
      section: 'overview',
      ...found,
      referral: found.referral && {
        ...found.referral,
        sourceName: SOURCE_NAMES[found.referral.source],
        urgencyName: URGENCY_NAMES[found.referral.urgency],
      },
      history: found.history.slice(0, 3).map(named),
      referred: (request.query as { referred?: string }).referred === '1',
      backLink: '/people',
    });
  });

  const detailsContext = async (actor: Actor, person: PersonHeader, values: Values) => ({
    title: `Change details: ${person.name}`,
    person,
    backLink: `/people/${person.id}`,
    limits: maxLengths(detailsForm),
    workers: selectOptions(
      'No worker yet',
      (await records.staff(actor)).map((w) => ({ value: w.id, text: w.name })),
      values.workerUserId,
    ),
  });

  app.get('/people/:id/details', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await records.details(request.actor, id);
    const values = {
      ...asValues(found.details),
      ...dateValues('dateOfBirth', found.details.dateOfBirth),
      signInEmail: found.signInEmail ?? '',
    };
    return reply.view('people/views/details.njk', { ...(await detailsContext(request.actor, found.person, values)), values });
  });

  app.post('/people/:id/details', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: detailsForm,
      view: 'people/views/details.njk',
      context: await detailsContext(request.actor, await people.header(request.actor, id), answers(request.body)),
      save: (form) => records.updateDetails(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}`),
    });
  });

  const statusContext = async (actor: Actor, personId: string, values: Values) => {
    const found = await records.status(actor, personId);
    return {
      title: found.person.status === 'referred' ? `Accept or decline the referral: ${found.person.name}` : `Status: ${found.person.name}`,
      section: 'status',
      limits: maxLengths(statusForm),
      person: found.person,
      referral: found.referral,
      moves: options(
        found.moves.map((m) => ({ value: m.to, text: m.action })),
        values.to,
      ),
      needsTypes: found.moves.some((m) => m.to === 'supported'),
      arrangementTypes: options(
        ARRANGEMENT_NAMES,
        values.arrangementTypes ?? (found.person.status === 'supported' ? found.person.arrangementTypes : []),
      ),
      history: found.history.map(named),
    };
  };

  app.get('/people/:id/status', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const values = dateValues('on', todayInUk());
    return reply.view('people/views/status.njk', { ...(await statusContext(request.actor, id, values)), values });
  });

  app.post('/people/:id/status', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: statusForm,
      view: 'people/views/status.njk',
      context: await statusContext(request.actor, id, answers(request.body)),
      save: (form) => records.changeStatus(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}/status`),
    });
  });
}

/** A status change with its words. */
const named = <T extends { fromStatus: keyof typeof STATUS_NAMES | null; toStatus: keyof typeof STATUS_NAMES; arrangementTypes: string[] }>(
  change: T,
) => ({
  ...change,
  fromName: change.fromStatus ? STATUS_NAMES[change.fromStatus] : null,
  toName: STATUS_NAMES[change.toStatus],
  arrangementNames: change.arrangementTypes.map((t) => ARRANGEMENT_NAMES[t as keyof typeof ARRANGEMENT_NAMES] ?? t),
});
