import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { choice, ids, optionalText, text, tickedIds } from '../platform/forms/fields.js';
import { submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { dueTag } from '../carers/present.js';
import { STAGE_NAMES } from '../carers/stages.js';
import { describeTerms } from '../carers/terms.js';
import { termsFields, termsItems, termsWhen } from '../carers/terms-form.js';
import { todayInUk } from '../platform/dates.js';
import { dateInput, dateValues, withDateInputs } from '../platform/forms/date-input.js';
import type { PanelService, PanelView } from './service.js';
import { isStaff } from '../platform/permissions/staff.js';
import { formatDate } from '../platform/layout/views.js';

export const VIEW_NAMES: Record<PanelView, string> = { approve: 'Approve', decline: 'Decline', defer: 'Defer: more information needed' };

const panelForm = withDateInputs(
  z.object({
    meetsOn: dateInput({ whenEmpty: 'Enter the date the panel meets', label: 'The panel date' }),
    place: optionalText({ max: 200, label: 'Place' }),
    memberUserIds: tickedIds('Choose panel members from the list'),
    chairUserId: z
      .string()
      .optional()
      .transform((v) => v || null)
      .pipe(z.uuid({ error: 'Choose the chair from the list' }).nullable()),
  }),
);

const caseForm = z.object({
  carerId: z.uuid({ error: 'Choose a carer who is ready for a panel' }),
  summary: text('Write the summary the panel will read', { max: 10_000, label: 'Summary' }),
});

const viewForm = z.object({
  view: choice(['approve', 'decline', 'defer'], 'Choose your view'),
  comments: text('Write your reasons', { max: 5000, label: 'Your reasons' }),
});

const recommendationForm = withDateInputs(
  z
    .object({
      recommendation: choice(['approve', 'decline', 'defer'], 'Choose the panel’s recommendation'),
      ...termsFields,
      reason: optionalText({ max: 5000, label: 'Reasons' }),
      recommendedOn: dateInput({
        whenEmpty: 'Enter the date of the recommendation',
        label: 'The date of the recommendation',
        when: 'not future',
      }),
    })
    .transform((form, ctx) => ({
      recommendation: form.recommendation,
      terms: termsWhen(form.recommendation === 'approve', form, ctx),
      reason: form.reason,
      recommendedOn: form.recommendedOn,
    })),
);

const decisionForm = withDateInputs(
  z
    .object({
      decision: choice(['approved', 'declined'], 'Choose the scheme’s decision'),
      ...termsFields,
      reason: optionalText({ max: 5000, label: 'Reasons' }),
      decidedOn: dateInput({ whenEmpty: 'Enter the date of the decision', label: 'The date of the decision', when: 'not future' }),
    })
    .transform((form, ctx) => ({
      decision: form.decision,
      terms: termsWhen(form.decision === 'approved', form, ctx),
      reason: form.reason,
      decidedOn: form.decidedOn,
    })),
);

export function panelRoutes(app: FastifyInstance, panels: PanelService) {
  app.get('/panel', { config: { access: 'panel.view' } }, async (request, reply) => {
    const list = await panels.list(request.actor);
    const today = todayInUk();
    return reply.view('panel/views/list.njk', {
      title: 'Approval panel',
      upcoming: list.filter((p) => p.meetsOn >= today).reverse(),
      past: list.filter((p) => p.meetsOn < today),
      staff: isStaff(request.actor),
      added: (request.query as { added?: string }).added === '1',
    });
  });

  const newContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const members = await panels.memberChoices(request.actor);
    const chosen = [values.memberUserIds ?? []].flat().map(String);
    return {
      title: 'Add a panel',
      backLink: '/panel',
      members: members.map((m) => ({ value: m.id, text: m.name, checked: chosen.includes(m.id) })),
      chairs: [
        { value: '', text: 'Not chosen yet' },
        ...members.map((m) => ({ value: m.id, text: m.name, selected: m.id === values.chairUserId })),
      ],
    };
  };

  app.get('/panel/new', { config: { access: 'panel.manage' } }, async (request, reply) =>
    reply.view('panel/views/new.njk', await newContext(request)),
  );

  app.post('/panel', { config: { access: 'panel.manage' } }, async (request, reply) =>
    submitForm(reply, {
      schema: panelForm,
      view: 'panel/views/new.njk',
      context: await newContext(request, (request.body ?? {}) as Record<string, unknown>),
      save: (form) => panels.create(once(request), form),
      then: ({ id }) => reply.redirect(`/panel/${id}?added=1`),
    }),
  );

  app.get('/panel/:id', { config: { access: 'panel.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await panels.panel(request.actor, id);
    return reply.view('panel/views/panel.njk', {
      title: 'Approval panel',
      ...found,
      cases: found.cases.map((c) => ({ ...c, recommendationName: c.recommendation ? VIEW_NAMES[c.recommendation] : 'Not yet' })),
      staff: isStaff(request.actor),
      added: (request.query as { added?: string }).added,
      backLink: '/panel',
    });
  });

  const caseFormContext = async (request: FastifyRequest, panelId: string, values: Record<string, unknown> = {}) => {
    const { panel, ready } = await panels.candidates(request.actor, panelId);
    return {
      title: 'Add a carer to this panel',
      panel,
      backLink: `/panel/${panelId}`,
      carers: [
        { value: '', text: 'Choose a carer' },
        ...ready.map((c) => ({
          value: c.id,
          text: c.openOn ? `${c.name} (moves here from the panel on ${formatDate(c.openOn)})` : `${c.name} (${STAGE_NAMES[c.stage]})`,
          selected: c.id === values.carerId,
        })),
      ],
      none: ready.length === 0,
      limits: maxLengths(caseForm),
    };
  };

  app.get('/panel/:id/cases/new', { config: { access: 'panel.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return reply.view('panel/views/add-case.njk', await caseFormContext(request, id));
  });

  app.post('/panel/:id/cases', { config: { access: 'panel.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: caseForm,
      view: 'panel/views/add-case.njk',
      context: await caseFormContext(request, id, (request.body ?? {}) as Record<string, unknown>),
      save: (form) => panels.addCase(once(request), id, form),
      then: ({ id: caseId, moved }) => reply.redirect(`/panel/cases/${caseId}?saved=${moved ? 'moved' : 'added'}`),
    });
  });

  const caseContext = async (request: FastifyRequest, caseId: string) => {
    const found = await panels.case(request.actor, caseId);
    const { case: c, panel } = found;
    const staff = isStaff(request.actor);
    const mine = found.views.find((v) => v.userId === request.actor.userId);
    const stage = found.carerStage;
    return {
      title: `Panel papers: ${c.papers.carerName}`,
      c,
      panel,
      papers: c.papers,
      checks: c.papers.checks.map((k) => ({ ...k, tag: dueTag(k.status) })),
      views: found.views.map((v) => ({ ...v, viewName: VIEW_NAMES[v.view] })),
      recommendationName: c.recommendation ? VIEW_NAMES[c.recommendation] : null,
      recommendedTerms: c.recommendedTerms ? describeTerms(c.recommendedTerms) : null,
      decision: found.decision
        ? {
            ...found.decision,
            terms:
              found.decision.decision === 'approved'
                ? describeTerms({
                    maxPeople: found.decision.maxPeople!,
                    arrangementTypes: found.decision.arrangementTypes ?? [],
                    needs: found.decision.needs ?? [],
                  })
                : null,
          }
        : null,
      staff,
      canGiveView: found.sitsOn && request.actor.role === 'panel_member' && !c.recommendation,
      canRecommend: staff && !c.recommendation && stage === 'panel' && found.recommendableFrom <= todayInUk(),
      waitsForPanel: staff && !c.recommendation && stage === 'panel' && found.recommendableFrom > todayInUk(),
      recommendableFrom: found.recommendableFrom,
      canDecide: request.actor.role === 'scheme_manager' && c.recommended && !found.decision && stage === 'decision',
      viewOptions: Object.entries(VIEW_NAMES).map(([value, text]) => ({ value, text, checked: mine?.view === value })),
      recommendationOptions: Object.entries(VIEW_NAMES).map(([value, text]) => ({ value, text })),
      decisionOptions: [
        { value: 'approved', text: 'Approve' },
        { value: 'declined', text: 'Decline' },
      ],
      mine,
      limits: maxLengths(viewForm, recommendationForm, decisionForm),
      backLink: `/panel/${panel.id}`,
    };
  };

  app.get('/panel/cases/:id', { config: { access: 'panel.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const context = await caseContext(request, id);
    const terms = context.c.recommendedTerms ?? undefined;
    return reply.view('panel/views/case.njk', {
      ...context,
      terms: termsItems(terms ? { maxPeople: terms.maxPeople, arrangementTypes: terms.arrangementTypes, needs: terms.needs } : {}),
      values: {
        ...(context.mine ? { view: context.mine.view, comments: context.mine.comments } : {}),
        ...dateValues('recommendedOn', context.recommendableFrom),
        ...dateValues('decidedOn', todayInUk()),
      },
      saved: (request.query as { saved?: string }).saved,
    });
  });

  const casePost = (
    path: string,
    access: 'panel.sit' | 'panel.manage' | 'panel.decide',
    schema: z.ZodType,
    save: (request: FastifyRequest, id: string, form: never) => Promise<unknown>,
    saved: string,
  ) =>
    app.post(path, { config: { access } }, async (request, reply) => {
      const { id } = ids(request.params, 'id');
      return submitForm(reply, {
        schema,
        view: 'panel/views/case.njk',
        context: { ...(await caseContext(request, id)), terms: termsItems((request.body ?? {}) as Record<string, unknown>) },
        save: (form) => save(request, id, form as never),
        then: () => reply.redirect(`/panel/cases/${id}?saved=${saved}`),
      });
    });

  casePost('/panel/cases/:id/view', 'panel.sit', viewForm, (request, id, form) => panels.giveView(request.actor, id, form), 'view');
  casePost(
    '/panel/cases/:id/recommendation',
    'panel.manage',
    recommendationForm,
    (request, id, form) => panels.recommend(request.actor, id, form),
    'recommendation',
  );
  casePost(
    '/panel/cases/:id/decision',
    'panel.decide',
    decisionForm,
    (request, id, form) => panels.decide(request.actor, id, form),
    'decision',
  );
}
