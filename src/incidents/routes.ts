import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { recordContext } from '../arrangements/present.js';
import type { ArrangementsService } from '../arrangements/service.js';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { pagination } from '../platform/layout/paging.js';
import { newQuery } from '../notes/forms.js';
import { todayInUk } from '../platform/dates.js';
import { dateValues } from '../platform/forms/date-input.js';
import { ids, pageQuery } from '../platform/forms/fields.js';
import { ARRANGEMENT_TYPE_NAMES } from '../carers/terms.js';
import { options, selectOptions, type Values } from '../platform/forms/options.js';
import { closeForm, dealtWithForm, followUpForm, incidentForm, listQuery, notificationForm } from './forms.js';
import {
  CATEGORY_NAMES,
  INCIDENT_KIND_NAMES,
  INCIDENT_KIND_SHORT,
  NOTIFICATION_METHOD_NAMES,
  SEVERITY_HINTS,
  SEVERITY_NAMES,
  type Severity,
} from './rules.js';
import type { IncidentsService } from './service.js';
import { inScheme } from '../platform/http/types.js';
import { isStaff } from '../platform/permissions/staff.js';

const SEVERITY_TAGS: Record<Severity, string> = {
  low: 'govuk-tag--grey',
  medium: 'govuk-tag--yellow',
  high: 'govuk-tag--orange',
  serious: 'govuk-tag--red',
};
export const severityTag = (severity: Severity) => ({ text: SEVERITY_NAMES[severity], classes: SEVERITY_TAGS[severity] });

const SAVED: Record<string, string> = {
  recorded: 'The incident has been recorded.',
  followUp: 'The follow-up note has been added.',
  notified: 'The notification to CQC has been recorded.',
  dealt: 'Saved what was done.',
  closed: 'The incident has been closed with its outcome.',
};

/** Recording incidents and safeguarding concerns, the list, and each record's follow-ups, notification and closing. */
export function incidentsRoutes(app: FastifyInstance, incidents: IncidentsService, arrangements: ArrangementsService) {
  app.get('/incidents', { config: { access: 'incidents.view' } }, async (request, reply) => {
    const actor = request.actor;
    const query = listQuery.parse(request.query ?? {});
    const staff = isStaff(actor);
    const worker =
      staff && !query.arrangement ? (query.worker === 'all' ? undefined : (query.worker ?? inScheme(actor).userId)) : undefined;
    const status = query.status === 'all' ? undefined : (query.status ?? (query.arrangement ? undefined : 'open'));
    const { total, rows } = await incidents.list(actor, {
      worker,
      severity: query.severity,
      kind: query.kind,
      status,
      arrangement: query.arrangement,
      page: query.page,
    });
    const workers = staff ? await arrangements.workers(actor) : [];
    const workerValue = query.worker ?? (query.arrangement ? 'all' : actor.userId);
    return reply.view('incidents/views/list.njk', {
      title: 'Incidents and safeguarding',
      staff,
      query,
      rows: rows.map((r) => ({ ...r, kindName: INCIDENT_KIND_SHORT[r.kind], tag: severityTag(r.severity) })),
      workers: [
        { value: 'all', text: 'Everyone', selected: workerValue === 'all' },
        ...options(
          workers.map((w) => ({ value: w.id, text: w.id === actor.userId ? `${w.name} (you)` : w.name })),
          workerValue,
        ),
      ],
      severities: selectOptions('Any', SEVERITY_NAMES, query.severity),
      kinds: selectOptions('Either', INCIDENT_KIND_SHORT, query.kind),
      statuses: options(
        { open: 'Open', to_notify: 'Waiting to notify CQC', closed: 'Closed', all: 'Any' },
        query.status ?? (query.arrangement ? 'all' : 'open'),
      ),
      paging: pagination({
        page: query.page,
        total,
        path: '/incidents',
        query: { worker: query.worker, severity: query.severity, kind: query.kind, status: query.status, arrangement: query.arrangement },
      }),
      newHref: query.arrangement ? `/incidents/new?arrangement=${query.arrangement}` : '/incidents/new',
    });
  });

  /** Staff recording an incident from the list first choose whose it is: the scheme's arrangements not ended, a page at a time. */
  const chooseContext = async (request: FastifyRequest) => {
    const { page } = pageQuery.parse(request.query ?? {});
    const { total, rows } = await arrangements.list(request.actor, { status: 'live', page });
    const today = todayInUk();
    return {
      title: 'Record an incident or concern',
      rows: rows.map((r) => ({ ...r, typeName: ARRANGEMENT_TYPE_NAMES[r.type], started: r.startsOn <= today })),
      paging: pagination({ page, total, path: '/incidents/new' }),
      backLink: '/incidents',
    };
  };

  const newContext = async (request: FastifyRequest, values: Values) => {
    const choices = await incidents.choices(
      request.actor,
      typeof values.arrangementId === 'string' && values.arrangementId ? values.arrangementId : undefined,
    );
    const one = choices.length === 1 ? choices[0]! : null;
    return {
      title: one ? `Record an incident or concern: ${one.personName}` : 'Record an incident or concern',
      one,
      choices: options(
        choices.map((c) => ({ value: c.id, text: c.personName })),
        values.arrangementId,
      ),
      kinds: options(INCIDENT_KIND_NAMES, values.kind),
      severities: options(SEVERITY_NAMES, values.severity).map((s) => ({ ...s, hint: { text: SEVERITY_HINTS[s.value as Severity] } })),
      categories: options(CATEGORY_NAMES, values.categories),
      limits: maxLengths(incidentForm),
      backLink: one ? `/arrangements/${one.id}/notes` : '/incidents',
      staff: isStaff(request.actor),
    };
  };

  app.get('/incidents/new', { config: { access: 'incidents.record' } }, async (request, reply) => {
    const { arrangement } = newQuery.parse(request.query ?? {});
    if (!arrangement && isStaff(request.actor)) return reply.view('incidents/views/choose.njk', await chooseContext(request));
    const values: Values = { ...dateValues('occurredOn', todayInUk()), arrangementId: arrangement };
    const context = await newContext(request, values);
    if (context.one) values.arrangementId = context.one.id;
    return reply.view('incidents/views/new.njk', { ...context, values });
  });

  app.post('/incidents', { config: { access: 'incidents.record' } }, async (request, reply) =>
    submitForm(reply, {
      schema: incidentForm,
      view: 'incidents/views/new.njk',
      context: await newContext(request, answers(request.body)),
      save: (form) => incidents.record(once(request), form),
      then: ({ id }) => reply.redirect(`/incidents/${id}?saved=recorded`),
    }),
  );

  const recordPage = async (request: FastifyRequest, id: string, saved?: unknown) => {
    const found = await incidents.incident(request.actor, id);
    const { incident } = found;
    const staff = isStaff(request.actor);
    return {
      ...recordContext(found, request.actor, 'notes'),
      title: `${INCIDENT_KIND_SHORT[incident.kind]}: ${found.person.name}`,
      savedMessage: typeof saved === 'string' ? SAVED[saved] : undefined,
      incident: {
        ...incident,
        kindName: INCIDENT_KIND_SHORT[incident.kind],
        tag: severityTag(incident.severity),
        howName: incident.notifiedHow ? NOTIFICATION_METHOD_NAMES[incident.notifiedHow] : null,
      },
      categoryNames: incident.categories.map((c) => CATEGORY_NAMES[c]),
      advice: found.advice,
      followUps: found.followUps,
      staff,
      methods: options(NOTIFICATION_METHOD_NAMES, undefined),
      canNotify: staff && incident.notifiable && !incident.notifiedOn,
      canDeal: staff && incident.needsAttention && !incident.dealtAt && !incident.closedAt,
      canClose: staff && !incident.closedAt,
      canFollowUp: !incident.closedAt,
      limits: maxLengths(notificationForm, dealtWithForm, followUpForm, closeForm),
      backLink: `/incidents?arrangement=${incident.arrangementId}`,
    };
  };

  app.get('/incidents/:id', { config: { access: 'incidents.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return reply.view('incidents/views/incident.njk', {
      ...(await recordPage(request, id, (request.query as { saved?: string }).saved)),
      values: dateValues('notifiedOn', todayInUk()),
    });
  });

  /** Every action on the record posts a small form and comes back to the record, or shows it again with what to fix. */
  const action = <S extends z.ZodType>(
    path: string,
    access: 'incidents.record' | 'incidents.manage',
    schema: S,
    save: (request: FastifyRequest, id: string, form: z.output<S>) => Promise<unknown>,
    saved: string,
  ) =>
    app.post(`/incidents/:id/${path}`, { config: { access } }, async (request, reply) => {
      const { id } = ids(request.params, 'id');
      return submitForm(reply, {
        schema,
        view: 'incidents/views/incident.njk',
        context: await recordPage(request, id),
        save: (form) => save(request, id, form),
        then: () => reply.redirect(`/incidents/${id}?saved=${saved}`),
      });
    });

  action(
    'follow-ups',
    'incidents.record',
    followUpForm,
    (request, id, form) => incidents.addFollowUp(once(request), id, form.note),
    'followUp',
  );
  action(
    'notification',
    'incidents.manage',
    notificationForm,
    (request, id, form) => incidents.recordNotification(request.actor, id, form),
    'notified',
  );
  action(
    'dealt-with',
    'incidents.manage',
    dealtWithForm,
    (request, id, form) => incidents.dealtWith(request.actor, id, form.whatWasDone),
    'dealt',
  );
  action('close', 'incidents.manage', closeForm, (request, id, form) => incidents.close(request.actor, id, form.outcome), 'closed');
}
