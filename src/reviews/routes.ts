import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordContext } from '../arrangements/present.js';
import { notFound } from '../platform/errors/errors.js';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { formatDate } from '../platform/layout/views.js';
import { todayInUk } from '../platform/dates.js';
import { dateValues } from '../platform/forms/date-input.js';
import { ids } from '../platform/forms/fields.js';
import { options, type Values } from '../platform/forms/options.js';
import { CHART, gridlines, wellbeingCharts } from './chart.js';
import { ACTION_ROWS, answerForm, carerForm, completeForm, moreForm, newForm, settingsForm, whoAnswersForm } from './forms.js';
import { personAnswers, savedMessage, scheduleRows, wellbeingRows } from './present.js';
import { DEFAULT_REVIEW_SETTINGS } from './schedule.js';
import type { ReviewsService } from './service.js';
import {
  ANSWER_CHOICES,
  QUESTIONS,
  RATING_EASY,
  RATING_NAMES,
  RATINGS,
  REVIEW_KIND_NAMES,
  WELLBEING_AREA_EASY,
  WELLBEING_AREA_NAMES,
  WELLBEING_AREAS,
  type QuestionKey,
} from './words.js';
import { isStaff } from '../platform/permissions/staff.js';

const saved = (request: FastifyRequest) => (request.query as { saved?: string }).saved;
const reviewIds = (request: FastifyRequest) => ids(request.params, 'id', 'reviewId');
const stepOf = (params: unknown): QuestionKey | 'more' => {
  const step = (params as { question?: string }).question;
  if (step === 'more' || QUESTIONS.some((q) => q.key === step)) return step as QuestionKey | 'more';
  throw notFound();
};

/** Arrangement reviews and visits: the section, the person's Easy Read questions, the carer's view, completion, wellbeing, settings. */
export function reviewsRoutes(app: FastifyInstance, reviews: ReviewsService) {
  const base = (id: string) => `/arrangements/${id}/reviews`;

  app.get('/arrangements/:id/reviews', { config: { access: 'reviews.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await reviews.section(request.actor, id);
    const open = found.rows.find((r) => r.kind === 'review' && !r.completedAt);
    const record = recordContext(found, request.actor, 'reviews');
    if (record.words.self && found.readable) {
      return reply.view('reviews/views/section-easy.njk', {
        ...record,
        title: 'My reviews',
        titleSymbol: 'review',
        savedMessage: savedMessage(saved(request)),
        open: open ? { ...open, href: `${base(id)}/${open.id}` } : null,
        nextReview: found.schedule?.review ?? null,
        before: found.rows.filter((r) => r.kind === 'review' && r.completedAt).map((r) => ({ ...r, href: `${base(id)}/${r.id}` })),
      });
    }
    return reply.view('reviews/views/section.njk', {
      ...record,
      savedMessage: savedMessage(saved(request)),
      readable: found.readable,
      schedule: found.schedule ? scheduleRows(found.schedule) : null,
      settings: await reviews.settings(request.actor),
      rows: found.rows.map((r) => ({ ...r, kindName: REVIEW_KIND_NAMES[r.kind], href: `${base(id)}/${r.id}` })),
      open: open ? { ...open, href: `${base(id)}/${open.id}` } : null,
      asPerson: found.asPerson && !isStaff(request.actor),
      asCarer: request.actor.role === 'carer',
      canCreate: isStaff(request.actor) && found.arrangement.status !== 'ended',
    });
  });

  const newContext = async (request: FastifyRequest, id: string, values: Values) => {
    const found = await reviews.section(request.actor, id);
    return {
      ...recordContext(found, request.actor, 'reviews'),
      title: 'Plan a review or record a visit',
      kinds: options(REVIEW_KIND_NAMES, values.kind),
      limits: maxLengths(newForm),
      backLink: base(id),
    };
  };

  app.get('/arrangements/:id/reviews/new', { config: { access: 'reviews.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const kind = z
      .enum(['visit', 'review'])
      .catch('review')
      .parse((request.query as { kind?: string }).kind);
    const values = { kind, ...dateValues('heldOn', todayInUk()) };
    return reply.view('reviews/views/new.njk', { ...(await newContext(request, id, values)), values });
  });

  app.post('/arrangements/:id/reviews', { config: { access: 'reviews.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: newForm,
      view: 'reviews/views/new.njk',
      context: await newContext(request, id, answers(request.body)),
      save: (form) => reviews.create(once(request), id, form),
      then: (created) => reply.redirect(`${base(id)}/${created.id}?saved=created`),
    });
  });

  app.get('/arrangements/:id/reviews/:reviewId', { config: { access: 'reviews.view' } }, async (request, reply) => {
    const { id, reviewId } = reviewIds(request);
    const found = await reviews.read(request.actor, id, reviewId);
    const staff = isStaff(request.actor);
    const open = found.review.kind === 'review' && !found.review.completedAt;
    const record = recordContext(found, request.actor, 'reviews');
    // The person's own review, in Easy Read like the rest of their reviews.
    if (record.words.self && found.review.kind === 'review') {
      return reply.view('reviews/views/review-easy.njk', {
        ...record,
        title: `My review on ${formatDate(found.review.heldOn)}`,
        titleSymbol: 'review',
        review: found.review,
        open,
        answered: !!found.personView?.finishedAt,
        answers: personAnswers(found.personView),
        anythingElse: found.personView?.anythingElse ?? null,
        actions: found.actions,
        ratings: WELLBEING_AREAS.filter((a) => found.ratings[a]).map((a) => ({
          ...WELLBEING_AREA_EASY[a],
          rating: RATING_EASY[found.ratings[a]!],
        })),
        answerHref: `${base(id)}/${reviewId}/person`,
        backLink: base(id),
      });
    }
    return reply.view('reviews/views/review.njk', {
      ...record,
      title: `${REVIEW_KIND_NAMES[found.review.kind]} on ${formatDate(found.review.heldOn)}: ${found.person.name}`,
      savedMessage: savedMessage(saved(request)),
      review: found.review,
      open,
      personView: found.personView,
      answers: personAnswers(found.personView),
      carerView: found.carerView,
      actions: found.actions,
      ratings: WELLBEING_AREAS.filter((a) => found.ratings[a]).map((a) => ({
        name: WELLBEING_AREA_NAMES[a],
        rating: found.ratings[a],
        ratingName: RATING_NAMES[found.ratings[a]!],
      })),
      privateNote: found.privateNote,
      staff,
      links: {
        person: open && found.asPerson && !found.personView?.finishedAt ? `${base(id)}/${reviewId}/person` : null,
        carer: open && (staff || request.actor.role === 'carer') ? `${base(id)}/${reviewId}/carer` : null,
        complete: open && staff ? `${base(id)}/${reviewId}/complete` : null,
      },
      backLink: base(id),
    });
  });

  // The person's own view: Easy Read, one question a page, answered by the person or with them.
  const personContext = async (request: FastifyRequest) => {
    const { id, reviewId } = reviewIds(request);
    const found = await reviews.personView(request.actor, id, reviewId);
    const given = found.view?.answers ?? {};
    const next = QUESTIONS.find((q) => !given[q.key]);
    return {
      found,
      id,
      reviewId,
      path: `${base(id)}/${reviewId}/person`,
      open: !found.review.completedAt,
      finished: !!found.view?.finishedAt,
      next: next?.key ?? 'more',
      given,
    };
  };

  const startView = 'reviews/views/person-start.njk';
  const startContext = (context: Awaited<ReturnType<typeof personContext>>) => ({
    title: context.found.self ? 'Your review' : `Review questions for ${context.found.person.name}`,
    titleSymbol: 'review',
    ...context,
    self: context.found.self,
    personName: context.found.person.name,
    started: !!context.found.view,
    answers: personAnswers(context.found.view),
    whoAnswers: options(
      { themselves: `${context.found.person.name}, on their own`, with_support: `${context.found.person.name}, with support` },
      context.found.view?.answeredBy,
    ),
    backLink: context.found.self ? base(context.id) : `${base(context.id)}/${context.reviewId}`,
  });

  app.get('/arrangements/:id/reviews/:reviewId/person', { config: { access: 'reviews.person' } }, async (request, reply) => {
    const context = await personContext(request);
    const view = context.found.view;
    return reply.view(startView, { ...startContext(context), values: { answeredBy: view?.answeredBy, supportFrom: view?.supportFrom } });
  });

  app.post('/arrangements/:id/reviews/:reviewId/person', { config: { access: 'reviews.person' } }, async (request, reply) => {
    const context = await personContext(request);
    return submitForm(reply, {
      schema: isStaff(request.actor)
        ? whoAnswersForm
        : z.object({}).transform(() => ({ answeredBy: 'themselves' as const, supportFrom: null })),
      view: startView,
      context: startContext(context),
      save: (form) => reviews.startPersonView(request.actor, context.id, context.reviewId, form),
      then: () => reply.redirect(`${context.path}/${context.next}`),
    });
  });

  const stepContext = async (request: FastifyRequest) => {
    const context = await personContext(request);
    if (!context.open) throw notFound();
    const step = stepOf(request.params);
    const index = step === 'more' ? QUESTIONS.length : QUESTIONS.findIndex((q) => q.key === step);
    const question = QUESTIONS[index];
    const chosen = question ? ANSWER_CHOICES.find((a) => a.value === context.given[question.key]) : undefined;
    return {
      ...context,
      step,
      index,
      title: question ? question.topic : 'Anything else',
      titleSymbol: question ? question.symbol : 'say',
      question,
      number: index + 1,
      count: QUESTIONS.length,
      chosen,
      choices: ANSWER_CHOICES,
      backLink: index === 0 ? context.path : `${context.path}/${QUESTIONS[index - 1]!.key}`,
      nextPath: `${context.path}/${QUESTIONS[index + 1]?.key ?? 'more'}`,
      limits: maxLengths(moreForm),
    };
  };

  // Staff say who is answering before the first answer, so the record never says "the person alone" by default.
  const mustStart = (request: FastifyRequest, context: Awaited<ReturnType<typeof stepContext>>) =>
    isStaff(request.actor) && !context.found.view;

  app.get('/arrangements/:id/reviews/:reviewId/person/:question', { config: { access: 'reviews.person' } }, async (request, reply) => {
    const context = await stepContext(request);
    if (mustStart(request, context)) return reply.redirect(context.path);
    return reply.view(context.question ? 'reviews/views/question.njk' : 'reviews/views/more.njk', {
      ...context,
      values: { anythingElse: context.found.view?.anythingElse },
    });
  });

  app.post('/arrangements/:id/reviews/:reviewId/person/:question', { config: { access: 'reviews.person' } }, async (request, reply) => {
    const context = await stepContext(request);
    if (mustStart(request, context)) return reply.redirect(context.path);
    const question = context.question;
    if (question) {
      return submitForm(reply, {
        schema: answerForm,
        view: 'reviews/views/question.njk',
        context,
        save: (form) => reviews.answer(request.actor, context.id, context.reviewId, question.key, form.answer),
        then: () => reply.redirect(context.nextPath),
      });
    }
    return submitForm(reply, {
      schema: moreForm,
      view: 'reviews/views/more.njk',
      context,
      save: (form) => reviews.finishPersonView(request.actor, context.id, context.reviewId, form.anythingElse),
      then: () => reply.redirect(`${context.path}?saved=answered`),
    });
  });

  const carerContext = async (request: FastifyRequest) => {
    const { id, reviewId } = reviewIds(request);
    const found = await reviews.read(request.actor, id, reviewId);
    if (found.review.kind !== 'review' || found.review.completedAt) throw notFound();
    return {
      ...recordContext(found, request.actor, 'reviews'),
      title: `The carer’s view: ${found.person.name}`,
      review: found.review,
      self: request.actor.role === 'carer',
      backLink: `${base(id)}/${reviewId}`,
      existing: found.carerView,
      limits: maxLengths(carerForm),
    };
  };

  app.get('/arrangements/:id/reviews/:reviewId/carer', { config: { access: 'reviews.carer' } }, async (request, reply) => {
    const context = await carerContext(request);
    return reply.view('reviews/views/carer.njk', { ...context, values: context.existing ?? {} });
  });

  app.post('/arrangements/:id/reviews/:reviewId/carer', { config: { access: 'reviews.carer' } }, async (request, reply) => {
    const { id, reviewId } = reviewIds(request);
    return submitForm(reply, {
      schema: carerForm,
      view: 'reviews/views/carer.njk',
      context: await carerContext(request),
      save: (form) => reviews.saveCarerView(request.actor, id, reviewId, form),
      then: () => reply.redirect(`${base(id)}/${reviewId}?saved=carer`),
    });
  });

  const completeContext = async (request: FastifyRequest, values: Values) => {
    const { id, reviewId } = reviewIds(request);
    const found = await reviews.read(request.actor, id, reviewId);
    if (found.review.kind !== 'review' || found.review.completedAt) throw notFound();
    return {
      ...recordContext(found, request.actor, 'reviews'),
      title: `Complete the review: ${found.person.name}`,
      review: found.review,
      personFinished: !!found.personView?.finishedAt,
      carerView: found.carerView,
      areas: WELLBEING_AREAS.map((area) => ({
        area,
        name: WELLBEING_AREA_NAMES[area],
        field: `rating_${area}`,
        items: options(
          RATINGS.map((r) => ({ value: String(r), text: `${r}: ${RATING_NAMES[r]}` })),
          values[`rating_${area}`],
        ),
      })),
      actionRows: ACTION_ROWS,
      limits: maxLengths(completeForm),
      backLink: `${base(id)}/${reviewId}`,
    };
  };

  app.get('/arrangements/:id/reviews/:reviewId/complete', { config: { access: 'reviews.manage' } }, async (request, reply) => {
    const values = dateValues('heldOn', todayInUk());
    return reply.view('reviews/views/complete.njk', { ...(await completeContext(request, values)), values });
  });

  app.post('/arrangements/:id/reviews/:reviewId/complete', { config: { access: 'reviews.manage' } }, async (request, reply) => {
    const { id, reviewId } = reviewIds(request);
    return submitForm(reply, {
      schema: completeForm,
      view: 'reviews/views/complete.njk',
      context: await completeContext(request, answers(request.body)),
      save: (form) => reviews.complete(request.actor, id, reviewId, form),
      then: () => reply.redirect(`${base(id)}/${reviewId}?saved=completed`),
    });
  });

  app.get('/arrangements/:id/wellbeing', { config: { access: 'reviews.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await reviews.wellbeing(request.actor, id);
    const charts = wellbeingCharts(found.reviews);
    return reply.view('reviews/views/wellbeing.njk', {
      ...recordContext(found, request.actor, 'reviews'),
      title: `Wellbeing over time: ${found.person.name}`,
      readable: found.readable,
      chart: CHART,
      gridlines,
      charts,
      table: wellbeingRows(charts),
      reviewLinks: found.reviews.map((r, i) => ({ label: charts.columns[i]!.label, carerName: r.carerName })),
      backLink: base(id),
    });
  });

  const settingsView = 'reviews/views/settings.njk';
  const settingsContext = { title: 'Review schedule', defaults: DEFAULT_REVIEW_SETTINGS, backLink: '/arrangements' };

  app.get('/arrangements/settings/reviews', { config: { access: 'reviews.settings' } }, async (request, reply) => {
    const current = await reviews.settings(request.actor);
    const values = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, String(v)]));
    return reply.view(settingsView, { ...settingsContext, values, saved: saved(request) === '1' });
  });

  app.post('/arrangements/settings/reviews', { config: { access: 'reviews.settings' } }, async (request, reply) =>
    submitForm(reply, {
      schema: settingsForm,
      view: settingsView,
      context: settingsContext,
      save: (form) => reviews.saveSettings(request.actor, form),
      then: () => reply.redirect('/arrangements/settings/reviews?saved=1'),
    }),
  );
}
