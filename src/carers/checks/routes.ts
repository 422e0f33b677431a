import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { choice, ids, optionalText, optionalWholeNumber, text } from '../../platform/forms/fields.js';
import { submitForm } from '../../platform/forms/forms.js';
import { maxLengths } from '../../platform/forms/limits.js';
import { once } from '../../platform/forms/once.js';
import { dueTag, recordContext } from '../present.js';
import { todayInUk } from '../../platform/dates.js';
import { dateInput, dateValues, optionalDateInput, withDateInputs } from '../../platform/forms/date-input.js';
import { OUTCOMES } from './expiry.js';
import type { ChecksService, CheckTypeRow } from './service.js';
import { isStaff } from '../../platform/permissions/staff.js';

export const OUTCOME_NAMES = {
  satisfactory: 'Satisfactory',
  follow_up: 'Satisfactory, with something to follow up',
  unsatisfactory: 'Not satisfactory',
} as const;

const KIND_NAMES = { check: 'Check', training: 'Training' } as const;
const APPLIES_NAMES = { carer: 'The carer', every_adult: 'Every adult in the household' } as const;

const recordForm = withDateInputs(
  z.object({
    checkTypeId: z.uuid({ error: 'Choose which check or course this is' }),
    householdMemberId: z
      .string()
      .optional()
      .transform((v) => (v && v !== 'carer' ? v : null))
      .pipe(z.uuid({ error: 'Choose who it is for' }).nullable()),
    completedOn: dateInput({ whenEmpty: 'Enter the date it was done', label: 'The date it was done', when: 'not future' }),
    expiresOn: optionalDateInput({ label: 'The expiry date' }),
    outcome: choice(OUTCOMES, 'Choose the outcome'),
    reference: optionalText({ max: 120, label: 'Reference' }),
    notes: optionalText({ max: 2000, label: 'Notes' }),
  }),
);

const typeForm = z.object({
  name: text('Enter the name of the check or course', { max: 120, label: 'Name' }),
  kind: choice(['check', 'training'], 'Choose whether it is a check or training'),
  appliesTo: choice(['carer', 'every_adult'], 'Choose who it is for'),
  validMonths: optionalWholeNumber('How long it lasts', { min: 1, max: 120 }),
  howMany: optionalWholeNumber('How many are needed', { min: 1, max: 5 }).transform((v) => v ?? 1),
  required: z.enum(['yes', 'no'], { error: 'Choose whether every carer needs it' }).transform((v) => v === 'yes'),
  active: z
    .enum(['yes', 'no'])
    .optional()
    .transform((v) => v !== 'no'),
});

const newRecordQuery = z.object({ type: z.uuid().optional().catch(undefined), member: z.uuid().optional().catch(undefined) });

export function checksRoutes(app: FastifyInstance, checks: ChecksService) {
  app.get('/carers/:id/checks', { config: { access: 'carers.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await checks.forCarer(request.actor, id);
    const staff = isStaff(request.actor);
    return reply.view('carers/checks/views/checks.njk', {
      ...recordContext(found, 'checks', staff, (request.query as { saved?: string }).saved),
      requirements: found.requirements.map((r) => ({
        ...r,
        tag: dueTag(r.status, r.type.required),
        kindName: KIND_NAMES[r.type.kind],
        recordHref: `/carers/${id}/checks/new?type=${r.type.id}${r.who.memberId ? `&member=${r.who.memberId}` : ''}`,
      })),
      records: found.records.map((r) => ({ ...r, outcomeName: OUTCOME_NAMES[r.record.outcome] })),
    });
  });

  const formContext = async (request: FastifyRequest, id: string, selected: { type?: unknown; member?: unknown }) => {
    const { carer, types, adults } = await checks.recordForm(request.actor, id);
    return {
      title: `Record a check or training: ${carer.name}`,
      carer,
      types: [
        { value: '', text: 'Choose a check or course' },
        ...types.map((t) => ({
          value: t.id,
          text: `${t.name}${t.validMonths ? ` (lasts ${t.validMonths} months)` : ''}`,
          selected: t.id === selected.type,
        })),
      ],
      people: [
        { value: 'carer', text: `${carer.name} (the carer)`, checked: !selected.member || selected.member === 'carer' },
        ...adults.map((m) => ({ value: m.id, text: `${m.name} (${m.relationship})`, checked: m.id === selected.member })),
      ],
      outcomes: Object.entries(OUTCOME_NAMES).map(([value, text]) => ({ value, text })),
      limits: maxLengths(recordForm),
      backLink: `/carers/${id}/checks`,
    };
  };

  app.get('/carers/:id/checks/new', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const query = newRecordQuery.parse(request.query ?? {});
    return reply.view('carers/checks/views/record-form.njk', {
      ...(await formContext(request, id, query)),
      values: dateValues('completedOn', todayInUk()),
    });
  });

  app.post('/carers/:id/checks', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const body = (request.body ?? {}) as Record<string, unknown>;
    return submitForm(reply, {
      schema: recordForm,
      view: 'carers/checks/views/record-form.njk',
      context: await formContext(request, id, { type: body.checkTypeId, member: body.householdMemberId }),
      save: (form) => checks.record(once(request), id, form),
      then: () => reply.redirect(`/carers/${id}/checks?saved=check`),
    });
  });

  const describe = (t: CheckTypeRow) => ({
    ...t,
    kindName: KIND_NAMES[t.kind],
    appliesName: APPLIES_NAMES[t.appliesTo],
    lasts: t.validMonths ? `${t.validMonths} months` : 'Does not expire',
  });

  const typeContext = (title: string, action: string, isNew: boolean) => ({
    title,
    action,
    isNew,
    backLink: '/carers/settings/checks',
    kinds: Object.entries(KIND_NAMES).map(([value, text]) => ({ value, text })),
    applies: Object.entries(APPLIES_NAMES).map(([value, text]) => ({ value, text })),
  });

  app.get('/carers/settings/checks', { config: { access: 'carers.settings' } }, async (request, reply) => {
    const types = await checks.types(request.actor);
    return reply.view('carers/checks/views/types.njk', {
      title: 'Checks and training carers need',
      types: types.map(describe),
      backLink: '/carers',
      saved: (request.query as { saved?: string }).saved,
    });
  });

  app.get('/carers/settings/checks/new', { config: { access: 'carers.settings' } }, async (_request, reply) =>
    reply.view('carers/checks/views/type-form.njk', {
      ...typeContext('Add a check or course', '/carers/settings/checks', true),
      values: { howMany: '1', required: 'yes' },
    }),
  );

  app.post('/carers/settings/checks', { config: { access: 'carers.settings' } }, (request, reply) =>
    submitForm(reply, {
      schema: typeForm,
      view: 'carers/checks/views/type-form.njk',
      context: typeContext('Add a check or course', '/carers/settings/checks', true),
      save: (form) => checks.addType(once(request), form),
      then: () => reply.redirect('/carers/settings/checks?saved=1'),
    }),
  );

  app.get('/carers/settings/checks/:id', { config: { access: 'carers.settings' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const type = await checks.type(request.actor, id);
    return reply.view('carers/checks/views/type-form.njk', {
      ...typeContext(`Change: ${type.name}`, `/carers/settings/checks/${id}`, false),
      values: {
        ...type,
        validMonths: type.validMonths ?? '',
        howMany: String(type.howMany),
        required: type.required ? 'yes' : 'no',
        active: type.active ? 'yes' : 'no',
      },
    });
  });

  app.post('/carers/settings/checks/:id', { config: { access: 'carers.settings' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: typeForm,
      view: 'carers/checks/views/type-form.njk',
      context: typeContext('Change a check or course', `/carers/settings/checks/${id}`, false),
      save: (form) => checks.updateType(request.actor, id, form),
      then: () => reply.redirect('/carers/settings/checks?saved=1'),
    });
  });
}
