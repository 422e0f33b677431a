import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { choice, ids, optionalText, optionalWholeNumber, text } from '../platform/forms/fields.js';
import { submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { pagination } from '../platform/layout/paging.js';
import { optionalPostcode } from '../platform/forms/postcode.js';
import { optionalEmail, optionalPhone, optionalYesNo } from './fields.js';
import { addMonths, todayInUk } from '../platform/dates.js';
import { dateInput, dateValues, optionalDateInput, withDateInputs } from '../platform/forms/date-input.js';
import { homeSummary, SMOKING, SMOKING_NAMES, splitList } from './household.js';
import type { HouseholdService } from './household-service.js';
import { daysText, dueTag, recordContext, stageTag } from './present.js';
import { statusOn } from './checks/expiry.js';
import { REVIEW_OUTCOMES, type ReviewsService } from './reviews-service.js';
import type { CarersService } from './service.js';
import { CARER_STAGES, CLOSED, CURRENT, moveLabel, PIPELINE, REASON_NEEDED, STAGE_NAMES, workerMoves, type CarerStage } from './stages.js';
import { describeTerms } from './terms.js';
import { isStaff } from '../platform/permissions/staff.js';

const STAGE_FILTERS = ['pipeline', 'current', 'closed', ...CARER_STAGES] as const;
const STAGE_FILTER_NAMES: Record<string, string> = {
  pipeline: 'On the way to approval',
  current: 'Approved or paused',
  closed: 'Withdrawn, declined or left',
  ...STAGE_NAMES,
};

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.union([z.uuid(), z.literal('none')]).optional())
  .catch(undefined);

const listQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  stage: z.enum(STAGE_FILTERS).optional().catch(undefined),
  worker: optionalId,
  area: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  sort: z.enum(['name', 'waiting']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const details = {
  name: text('Enter the carer’s full name', { max: 120, label: 'Name' }),
  email: optionalEmail(),
  phone: optionalPhone(),
  address: optionalText({ max: 300, label: 'Address' }),
  postcode: optionalPostcode(),
  area: optionalText({ max: 80, label: 'Area' }),
  workerUserId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid({ error: 'Choose a worker from the list' }).nullable()),
};

export const enquiryForm = withDateInputs(
  z.object({
    ...details,
    enquiredOn: dateInput({ whenEmpty: 'Enter the date they first got in touch', label: 'The date they got in touch', when: 'not future' }),
  }),
);

const editForm = z.object({
  ...details,
  signInEmail: optionalEmail(),
});

const moveForm = withDateInputs(
  z
    .object({
      to: choice(CARER_STAGES, 'Choose where they are now'),
      reason: optionalText({ max: 1000, label: 'Reason' }),
      effectiveOn: dateInput({ whenEmpty: 'Enter the date of this change', label: 'The date of this change', when: 'not future' }),
    })
    .superRefine((form, ctx) => {
      if (REASON_NEEDED.includes(form.to) && !form.reason)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: `Give the reason they are ${STAGE_NAMES[form.to].toLowerCase()}` });
    }),
);

const homeForm = z
  .object({
    bedrooms: optionalWholeNumber('Bedrooms', { max: 30 }),
    spareBedrooms: optionalWholeNumber('Spare bedrooms', { max: 30 }),
    stepFree: optionalYesNo(),
    ownBathroom: optionalYesNo(),
    smoking: z
      .enum(SMOKING)
      .optional()
      .catch(undefined)
      .transform((v) => v ?? null),
    pets: optionalText({ max: 300, label: 'Pets' }),
    languages: optionalText({ max: 500, label: 'Languages' }).transform(splitList),
    faith: optionalText({ max: 200, label: 'Faith' }),
    culture: optionalText({ max: 500, label: 'Culture' }),
    interests: optionalText({ max: 1000, label: 'Interests' }).transform(splitList),
    routines: optionalText({ max: 2000, label: 'Routines' }),
  })
  .superRefine((home, ctx) => {
    if (home.spareBedrooms !== null && (home.bedrooms === null || home.spareBedrooms > home.bedrooms)) {
      ctx.addIssue({ code: 'custom', path: ['spareBedrooms'], message: 'Spare bedrooms must be no more than bedrooms' });
    }
  });

const memberForm = withDateInputs(
  z.object({
    name: text('Enter their name', { max: 120, label: 'Name' }),
    relationship: text('Enter how they are related to the carer, like partner or son', { max: 80, label: 'Relationship' }),
    dateOfBirth: dateInput({ whenEmpty: 'Enter their date of birth', label: 'Date of birth', when: 'not future' }),
    movedOutOn: optionalDateInput({ label: 'The date they moved out', when: 'not future' }),
  }),
);

const reviewForm = withDateInputs(
  z.object({
    reviewedOn: dateInput({ whenEmpty: 'Enter the date of the review', label: 'The date of the review', when: 'not future' }),
    outcome: choice(Object.keys(REVIEW_OUTCOMES) as [keyof typeof REVIEW_OUTCOMES], 'Choose the outcome of the review'),
    summary: text('Write a summary of the review', { max: 5000, label: 'Summary' }),
    carerView: optionalText({ max: 5000, label: 'The carer’s view' }),
    nextDueOn: dateInput({ whenEmpty: 'Enter when the next review is due', label: 'The next review date' }),
  }),
);

/** A link that keeps a list's filters, leaving out empty ones. */
const withQuery = (path: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return query ? `${path}?${query}` : path;
};

const staffOf = (request: FastifyRequest) => isStaff(request.actor);
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

export interface CarerServices {
  carers: CarersService;
  household: HouseholdService;
  reviews: ReviewsService;
  panelCases: (
    actor: FastifyRequest['actor'],
    carerId: string,
  ) => Promise<{ id: string; meetsOn: string; recommendation: string | null; recommendedOn: string | null }[]>;
  /** Nights off used this year, from short breaks: "5 of 28 nights used in 2026". */
  respite?: (actor: FastifyRequest['actor'], carerId: string) => Promise<{ text: string }>;
}

export function carersRoutes(app: FastifyInstance, { carers, household, reviews, panelCases, respite }: CarerServices) {
  const choicesFor = async (request: FastifyRequest, selected?: unknown) => {
    const { workers } = await carers.choices(request.actor);
    return [{ value: '', text: 'No one yet' }, ...workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === selected }))];
  };

  app.get('/carers', { config: { access: 'carers.view' } }, async (request, reply) => {
    if (!staffOf(request)) return reply.redirect('/carers/me');
    const filter = listQuery.parse(request.query ?? {});
    const { total, rows } = await carers.list(request.actor, { ...filter, stage: filter.stage });
    const { workers, areas } = await carers.choices(request.actor);
    const query = { q: filter.q, stage: filter.stage, worker: filter.worker, area: filter.area, sort: filter.sort };
    return reply.view('carers/views/list.njk', {
      title: 'Carers',
      filter,
      rows: rows.map((r) => ({ ...r, tag: stageTag(r.stage), daysText: daysText(r.daysInStage) })),
      stages: [
        { value: '', text: 'Any stage' },
        ...STAGE_FILTERS.map((s) => ({ value: s, text: STAGE_FILTER_NAMES[s], selected: s === filter.stage })),
      ],
      workers: [
        { value: '', text: 'Any worker' },
        { value: 'none', text: 'No worker yet', selected: filter.worker === 'none' },
        ...workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === filter.worker })),
      ],
      areas: [{ value: '', text: 'Any area' }, ...areas.map((a) => ({ value: a, text: a, selected: a === filter.area }))],
      sorts: [
        { value: 'name', text: 'Name', selected: filter.sort !== 'waiting' },
        { value: 'waiting', text: 'Longest in their stage', selected: filter.sort === 'waiting' },
      ],
      paging: pagination({ page: filter.page, total, path: '/carers', query }),
      exportHref: withQuery('/carers/export.csv', { q: filter.q, stage: filter.stage, worker: filter.worker, area: filter.area }),
      boardHref: withQuery('/carers/board', { worker: filter.worker, area: filter.area }),
      imported: (request.query as { imported?: string }).imported,
      manager: request.actor.role === 'scheme_manager',
    });
  });

  app.get('/carers/board', { config: { access: 'carers.view' } }, async (request, reply) => {
    if (!staffOf(request)) return reply.redirect('/carers/me');
    const filter = listQuery.parse(request.query ?? {});
    const board = await carers.board(request.actor, { worker: filter.worker, area: filter.area });
    const { workers, areas } = await carers.choices(request.actor);
    const listHref = (stage: string) => withQuery('/carers', { stage, worker: filter.worker, area: filter.area, sort: 'waiting' });
    return reply.view('carers/views/board.njk', {
      title: 'Carers: the journey to approval',
      filter,
      columns: board.columns.map((c) => ({
        ...c,
        name: STAGE_NAMES[c.stage],
        href: listHref(c.stage),
        carers: c.carers.map((r) => ({ ...r, daysText: daysText(r.daysInStage) })),
      })),
      others: [...CURRENT, ...CLOSED].map((stage) => ({
        stage,
        name: STAGE_NAMES[stage],
        total: board.totals.get(stage) ?? 0,
        href: listHref(stage),
      })),
      workers: [
        { value: '', text: 'Any worker' },
        { value: 'none', text: 'No worker yet', selected: filter.worker === 'none' },
        ...workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === filter.worker })),
      ],
      areas: [{ value: '', text: 'Any area' }, ...areas.map((a) => ({ value: a, text: a, selected: a === filter.area }))],
      pipelineCount: PIPELINE.length,
    });
  });

  app.get('/carers/me', { config: { access: 'carers.view' } }, async (request, reply) => {
    if (staffOf(request)) return reply.redirect('/carers');
    const id = await carers.ownId(request.actor);
    if (id) return reply.redirect(`/carers/${id}`);
    return reply.view('carers/views/no-record.njk', { title: 'Your carer record' });
  });

  app.get('/carers/new', { config: { access: 'carers.manage' } }, async (request, reply) =>
    reply.view('carers/views/details-form.njk', {
      title: 'Add an enquiry',
      action: '/carers',
      isNew: true,
      workers: await choicesFor(request),
      values: dateValues('enquiredOn', todayInUk()),
      limits: maxLengths(enquiryForm),
      backLink: '/carers',
    }),
  );

  app.post('/carers', { config: { access: 'carers.manage' } }, async (request, reply) =>
    submitForm(reply, {
      schema: enquiryForm,
      view: 'carers/views/details-form.njk',
      context: {
        title: 'Add an enquiry',
        action: '/carers',
        isNew: true,
        workers: await choicesFor(request, bodyOf(request).workerUserId),
        backLink: '/carers',
      },
      save: (form) => carers.create(once(request), form),
      then: ({ id }) => reply.redirect(`/carers/${id}?saved=added`),
    }),
  );

  app.get('/carers/:id', { config: { access: 'carers.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const record = await carers.record(request.actor, id);
    const staff = staffOf(request);
    return reply.view('carers/views/summary.njk', {
      ...recordContext(record, 'summary', staff, (request.query as { saved?: string }).saved),
      moves: staff ? workerMoves(record.carer.stage).length > 0 : false,
      respite:
        CURRENT.includes(record.carer.stage) && respite
          ? { ...(await respite(request.actor, id)), href: `/calendar/breaks${staff ? `?carer=${id}` : ''}` }
          : null,
    });
  });

  app.get('/carers/:id/edit', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await carers.record(request.actor, id);
    return reply.view('carers/views/details-form.njk', {
      title: `Change details: ${carer.name}`,
      action: `/carers/${id}`,
      isNew: false,
      carer,
      workers: await choicesFor(request, carer.workerUserId),
      values: carer,
      limits: maxLengths(editForm),
      backLink: `/carers/${id}`,
    });
  });

  app.post('/carers/:id', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: editForm,
      view: 'carers/views/details-form.njk',
      context: {
        title: 'Change details',
        action: `/carers/${id}`,
        isNew: false,
        workers: await choicesFor(request, bodyOf(request).workerUserId),
        backLink: `/carers/${id}`,
      },
      save: (form) => carers.update(request.actor, id, form),
      then: () => reply.redirect(`/carers/${id}?saved=details`),
    });
  });

  const moveContext = (carer: { id: string; name: string; stage: CarerStage }, selected?: unknown) => ({
    title: `Change stage: ${carer.name}`,
    carer,
    stageName: STAGE_NAMES[carer.stage],
    moves: workerMoves(carer.stage).map((to) => ({
      value: to,
      text: moveLabel(carer.stage, to),
      checked: to === selected,
      hint: REASON_NEEDED.includes(to) ? { text: 'Needs a reason' } : undefined,
    })),
    panelNote: carer.stage === 'checks' ? 'add' : carer.stage === 'panel' ? 'recommend' : carer.stage === 'decision' ? 'decide' : null,
    limits: maxLengths(moveForm),
    backLink: `/carers/${carer.id}`,
  });

  app.get('/carers/:id/stage', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await carers.record(request.actor, id);
    return reply.view('carers/views/stage.njk', { ...moveContext(carer), values: dateValues('effectiveOn', todayInUk()) });
  });

  app.post('/carers/:id/stage', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await carers.record(request.actor, id);
    return submitForm(reply, {
      schema: moveForm,
      view: 'carers/views/stage.njk',
      context: moveContext(carer, bodyOf(request).to),
      save: (form) => carers.move(request.actor, id, form),
      then: () => reply.redirect(`/carers/${id}?saved=stage`),
    });
  });

  app.get('/carers/:id/household', { config: { access: 'carers.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await household.household(request.actor, id);
    return reply.view('carers/views/household.njk', {
      ...recordContext(found, 'household', staffOf(request), (request.query as { saved?: string }).saved),
      home: homeSummary(found.home),
      members: found.members,
    });
  });

  const homeContext = (carer: { id: string; name: string }) => ({
    title: `Home: ${carer.name}`,
    carer,
    backLink: `/carers/${carer.id}/household`,
    smoking: SMOKING.map((s) => ({ value: s, text: SMOKING_NAMES[s] })),
    limits: maxLengths(homeForm),
  });

  app.get('/carers/:id/household/home', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer, home } = await household.home(request.actor, id);
    const yesNo = (v: boolean | null) => (v === null ? undefined : v ? 'yes' : 'no');
    return reply.view('carers/views/home-form.njk', {
      ...homeContext(carer),
      values: {
        ...home,
        stepFree: yesNo(home.stepFree),
        ownBathroom: yesNo(home.ownBathroom),
        languages: home.languages.join(', '),
        interests: home.interests.join(', '),
      },
    });
  });

  app.post('/carers/:id/household/home', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await household.home(request.actor, id);
    return submitForm(reply, {
      schema: homeForm,
      view: 'carers/views/home-form.njk',
      context: homeContext(carer),
      save: (form) => household.updateHome(request.actor, id, form),
      then: () => reply.redirect(`/carers/${id}/household?saved=home`),
    });
  });

  app.get('/carers/:id/household/new', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await household.home(request.actor, id);
    return reply.view('carers/views/member-form.njk', {
      title: `Add someone to ${carer.name}’s household`,
      action: `/carers/${id}/household`,
      isNew: true,
      backLink: `/carers/${id}/household`,
    });
  });

  app.post('/carers/:id/household', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: memberForm,
      view: 'carers/views/member-form.njk',
      context: {
        title: 'Add someone to the household',
        action: `/carers/${id}/household`,
        isNew: true,
        backLink: `/carers/${id}/household`,
      },
      save: (form) => household.addMember(once(request), id, form),
      then: () => reply.redirect(`/carers/${id}/household?saved=member`),
    });
  });

  app.get('/carers/:id/household/:memberId', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id, memberId } = ids(request.params, 'id', 'memberId');
    const { member } = await household.member(request.actor, id, memberId);
    return reply.view('carers/views/member-form.njk', {
      title: `Change details: ${member.name}`,
      action: `/carers/${id}/household/${memberId}`,
      isNew: false,
      backLink: `/carers/${id}/household`,
      values: { ...member, ...dateValues('dateOfBirth', member.dateOfBirth), ...dateValues('movedOutOn', member.movedOutOn) },
    });
  });

  app.post('/carers/:id/household/:memberId', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id, memberId } = ids(request.params, 'id', 'memberId');
    return submitForm(reply, {
      schema: memberForm,
      view: 'carers/views/member-form.njk',
      context: {
        title: 'Change details',
        action: `/carers/${id}/household/${memberId}`,
        isNew: false,
        backLink: `/carers/${id}/household`,
      },
      save: (form) => household.updateMember(request.actor, id, memberId, form),
      then: () => reply.redirect(`/carers/${id}/household?saved=member`),
    });
  });

  app.get('/carers/:id/approval', { config: { access: 'carers.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await carers.approvals(request.actor, id);
    const staff = staffOf(request);
    return reply.view('carers/views/approval.njk', {
      ...recordContext(found, 'approval', staff),
      decisions: found.decisions.map((d) => ({
        ...d,
        terms:
          d.decision === 'approved'
            ? describeTerms({ maxPeople: d.maxPeople!, arrangementTypes: d.arrangementTypes ?? [], needs: d.needs ?? [] })
            : null,
      })),
      panels: staff ? await panelCases(request.actor, id) : [],
    });
  });

  app.get('/carers/:id/reviews', { config: { access: 'carers.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await reviews.list(request.actor, id);
    return reply.view('carers/views/reviews.njk', {
      ...recordContext(found, 'reviews', staffOf(request), (request.query as { saved?: string }).saved),
      reviews: found.reviews.map((r) => ({ ...r, outcomeName: REVIEW_OUTCOMES[r.outcome] })),
      canReview: CURRENT.includes(found.carer.stage),
      reviewTag:
        found.carer.reviewDueOn && CURRENT.includes(found.carer.stage) ? dueTag(statusOn(found.carer.reviewDueOn, todayInUk())) : null,
    });
  });

  const reviewContext = (carer: { id: string; name: string }) => ({
    title: `Record a yearly review: ${carer.name}`,
    carer,
    limits: maxLengths(reviewForm),
    backLink: `/carers/${carer.id}/reviews`,
    outcomes: Object.entries(REVIEW_OUTCOMES).map(([value, text]) => ({ value, text })),
  });

  app.get('/carers/:id/reviews/new', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await carers.record(request.actor, id);
    const today = todayInUk();
    return reply.view('carers/views/review-form.njk', {
      ...reviewContext(carer),
      values: { ...dateValues('reviewedOn', today), ...dateValues('nextDueOn', addMonths(today, 12)) },
    });
  });

  app.post('/carers/:id/reviews', { config: { access: 'carers.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { carer } = await carers.record(request.actor, id);
    return submitForm(reply, {
      schema: reviewForm,
      view: 'carers/views/review-form.njk',
      context: reviewContext(carer),
      save: (form) => reviews.add(once(request), id, form),
      then: () => reply.redirect(`/carers/${id}/reviews?saved=review`),
    });
  });

  app.get('/carers/:id/history', { config: { access: 'carers.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await carers.history(request.actor, id);
    return reply.view('carers/views/history.njk', {
      ...recordContext(found, 'history', staffOf(request)),
      changes: found.changes.map((c) => ({
        ...c,
        fromName: c.fromStage ? STAGE_NAMES[c.fromStage] : 'New enquiry',
        toName: STAGE_NAMES[c.toStage],
      })),
    });
  });
}
