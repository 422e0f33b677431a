import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ArrangementsService } from '../arrangements/service.js';
import { reasonsFor } from '../matching/present.js';
import type { MatchingService } from '../matching/service.js';
import type { PeopleServices } from '../people/service.js';
import { notFound } from '../platform/errors/errors.js';
import { submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { pagination } from '../platform/layout/paging.js';
import type { BookingsService } from '../short-breaks/bookings-service.js';
import { ids } from '../platform/forms/fields.js';
import { answerForm, goOnForm, moodForm, tellForm } from './forms.js';
import {
  bookingLine,
  carerLines,
  homeLines,
  lookedLine,
  messageLines,
  messageSummary,
  moodLine,
  stageLines,
  stepLines,
  type Line,
} from './present.js';
import type { Me, MyHearthService } from './service.js';
import { ABOUT_SYMBOLS, MESSAGE_KIND, MOODS, firstName } from './words.js';

/** Where a big choice leads instead of its own page (the live arrangement's plan, say), or null for its own page. */
export type PersonPage = (request: FastifyRequest, me: Me) => Promise<string | null>;

export interface MyHearthDeps {
  myHearth: MyHearthService;
  matching: MatchingService;
  arrangements: Pick<ArrangementsService, 'list'>;
  bookings: Pick<BookingsService, 'upcoming'>;
  people: Pick<PeopleServices, 'shared'>;
  /** Hooks for the capabilities being built alongside: each replaces the page that says what is there today. */
  pages?: { plan?: PersonPage; reviews?: PersonPage };
}

/** The big choices on the person's home page: each a symbol and a few words. */
export const MY_CHOICES = [
  { href: '/my/home', symbol: 'home', text: 'My home' },
  { href: '/my/plan', symbol: 'plan', text: 'My plan' },
  { href: '/my/feelings', symbol: 'feelings', text: 'How I feel' },
  { href: '/my/carers', symbol: 'carer', text: 'Choose my carer' },
  { href: '/my/reviews', symbol: 'review', text: 'My reviews' },
  { href: '/my/tell', symbol: 'say', text: 'Tell someone' },
  { href: '/my/looked', symbol: 'eye', text: 'Who looked at my record' },
  { href: '/account/reading', symbol: 'settings', text: 'How I like to read' },
] as const;

const access = { config: { access: 'my-hearth.use' } } as const;
const START = { href: '/', symbol: 'home', text: 'Go back to the start' } as const;
const LOOKED_PAGE = 10;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
const position = z.object({ id: z.uuid(), position: z.coerce.number().int().min(1).max(8) });

/** The person's own Hearth: their pages, always in Easy Read, each a few symbols and short lines. */
export function myHearthRoutes(app: FastifyInstance, deps: MyHearthDeps) {
  const { myHearth, matching } = deps;
  const now = () => new Date();

  /** Runs a page for the signed-in person's own record, or says plainly that it is not set up yet. */
  const mine =
    (page: (request: FastifyRequest, reply: FastifyReply, me: Me) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const me = await myHearth.me(request.actor);
      if (!me)
        return reply.view('my-hearth/views/no-record.njk', { title: 'Your record is not ready', titleSymbol: 'information', start: START });
      return page(request, reply, me);
    };

  const personHome = mine(async (request, reply) => {
    const messages = await myHearth.myMessages(request.actor, 5);
    const news: Line[] = messages
      .filter((m) => m.replies.length && !m.dealtWithAt)
      .map((m) => ({
        symbol: 'say',
        text: `${firstName(m.replies.at(-1)!.byName)} replied to you.`,
        href: `/my/messages/${m.id}`,
      }));
    return reply.view('my-hearth/views/home.njk', {
      title: `Hello, ${request.user!.name}`,
      titleSymbol: 'house-with-garden',
      choices: MY_CHOICES,
      news,
    });
  });

  app.get(
    '/my/home',
    access,
    mine(async (request, reply, me) => {
      const actor = request.actor;
      const { rows } = await deps.arrangements.list(actor, { person: me.id, status: 'live', page: 1 });
      const households = await myHearth.households(
        actor,
        rows.map((r) => r.id),
      );
      const breaks = await deps.bookings.upcoming(actor, me.id);
      return reply.view('my-hearth/views/my-home.njk', {
        title: 'My home',
        titleSymbol: 'home',
        me,
        start: START,
        homes: rows.map((r) => homeLines(r, households.get(r.id))),
        breaks: breaks.map(bookingLine),
      });
    }),
  );

  // Choose my carer: matching's proposals and its rules, in Easy Read.
  app.get(
    '/my/carers',
    access,
    mine(async (request, reply) => {
      const proposals = await matching.overview(request.actor);
      const open = proposals.filter((p) => p.stage.stage !== 'stopped');
      const chosen = proposals.find((p) => p.stage.stage === 'agreed');
      return reply.view('my-hearth/views/carers.njk', {
        title: 'Choose my carer',
        titleSymbol: 'carer',
        start: START,
        choices: open.map((p) => ({
          href: `/my/carers/${p.id}`,
          symbol: 'carer',
          text: p.stage.stage === 'agreed' ? `You chose ${p.carerName ?? 'a carer'}` : `Meet ${p.carerName ?? 'a carer'}`,
        })),
        chosen: chosen?.carerName ?? (chosen ? 'a carer' : null),
        // Proposals closed when the person chose someone else are not "stopped" meetings to them.
        stopped: proposals.filter((p) => p.stage.stage === 'stopped' && !p.closedByMatchId).length,
      });
    }),
  );

  const carerContext = async (request: FastifyRequest, id: string) => {
    const found = await matching.proposal(request.actor, id);
    const p = found.proposal;
    const first = found.carer?.firstName ?? p.carerName ?? 'the carer';
    const stage = found.stage;
    return {
      title: `Meet ${first}`,
      titleSymbol: 'carer',
      start: START,
      id,
      first,
      profile: found.carer ? carerLines(found.carer) : [],
      score: Math.round(p.score),
      reasons: reasonsFor(p.explanation.person)
        .slice(0, 3)
        .map((c) => c.text),
      stage: stageLines(stage, p, first),
      steps: p.personAnswer === 'yes' && p.carerAnswer === 'yes' ? stepLines(p.steps) : [],
      mayAnswer: stage.stage === 'answering' && p.personAnswer !== 'yes',
      goOnAt: stage.stage === 'introductions' && stage.waitingFor.includes('person') ? stage.step.position : null,
      mayStop: stage.stage !== 'stopped' && stage.stage !== 'agreed',
      done: (request.query as { done?: string }).done,
    };
  };

  app.get(
    '/my/carers/:id',
    access,
    mine(async (request, reply) => {
      const { id } = ids(request.params, 'id');
      return reply.view('my-hearth/views/carer.njk', await carerContext(request, id));
    }),
  );

  app.post(
    '/my/carers/:id/answer',
    access,
    mine(async (request, reply) => {
      const { id } = ids(request.params, 'id');
      return submitForm(reply, {
        schema: answerForm,
        view: 'my-hearth/views/carer.njk',
        context: await carerContext(request, id),
        save: (form) => matching.answer(request.actor, id, { ...form, side: null }),
        then: () => reply.redirect(`/my/carers/${id}?done=answered`),
      });
    }),
  );

  app.post(
    '/my/carers/:id/steps/:position',
    access,
    mine(async (request, reply) => {
      const parsed = position.safeParse(request.params);
      if (!parsed.success) throw notFound();
      const { id } = parsed.data;
      return submitForm(reply, {
        schema: goOnForm,
        view: 'my-hearth/views/carer.njk',
        context: await carerContext(request, id),
        save: (form) => matching.goOn(request.actor, id, parsed.data.position, { ...form, side: null }),
        then: () => reply.redirect(`/my/carers/${id}?done=said`),
      });
    }),
  );

  app.post(
    '/my/carers/:id/stop',
    access,
    mine(async (request, reply) => {
      const { id } = ids(request.params, 'id');
      return submitForm(reply, {
        schema: z.object({}),
        view: 'my-hearth/views/carer.njk',
        context: await carerContext(request, id),
        save: () => matching.stop(request.actor, id, { words: null }),
        then: () => reply.redirect(`/my/carers/${id}?done=stopped`),
      });
    }),
  );

  // Tell someone: a worry, a complaint, or help now; it reaches the scheme's attention list.
  const tellContext = async (request: FastifyRequest, me: Me) => ({
    title: 'Tell someone',
    titleSymbol: 'say',
    start: START,
    me,
    about: ABOUT_SYMBOLS,
    sent: (await myHearth.myMessages(request.actor)).map((m) => messageSummary(m, now())),
    limits: maxLengths(tellForm),
  });

  app.get(
    '/my/tell',
    access,
    mine(async (request, reply, me) => reply.view('my-hearth/views/tell.njk', { ...(await tellContext(request, me)), values: {} })),
  );

  app.post(
    '/my/tell',
    access,
    mine(async (request, reply, me) =>
      submitForm(reply, {
        schema: tellForm,
        view: 'my-hearth/views/tell.njk',
        context: await tellContext(request, me),
        save: (form) => myHearth.tell(once(request), form),
        then: (sent) => reply.redirect(`/my/messages/${sent.id}?sent=1`),
      }),
    ),
  );

  app.get(
    '/my/messages/:id',
    access,
    mine(async (request, reply) => {
      const { id } = ids(request.params, 'id');
      const message = await myHearth.myMessage(request.actor, id);
      return reply.view('my-hearth/views/message.njk', {
        title: 'Your message',
        titleSymbol: MESSAGE_KIND[message.kind].symbol,
        start: START,
        ...messageLines(message, now()),
        words: message.words,
        sent: (request.query as { sent?: string }).sent === '1',
        kind: message.kind,
      });
    }),
  );

  // How I feel: a mood check any day; not OK reaches the scheme like "Tell someone".
  const feelingsContext = async (request: FastifyRequest, me: Me) => ({
    title: 'How I feel',
    titleSymbol: 'feelings',
    start: START,
    me,
    moods: MOODS,
    limits: maxLengths(moodForm),
    before: (await myHearth.myMoods(request.actor)).map((m) => moodLine(m, now())),
  });

  app.get(
    '/my/feelings',
    access,
    mine(async (request, reply, me) => {
      const { done, message } = request.query as { done?: string; message?: string };
      return reply.view('my-hearth/views/feelings.njk', {
        ...(await feelingsContext(request, me)),
        values: {},
        done: done === 'ok' || done === 'not-ok' ? done : null,
        messageId: z.uuid().safeParse(message).data ?? null,
      });
    }),
  );

  app.post(
    '/my/feelings',
    access,
    mine(async (request, reply, me) =>
      submitForm(reply, {
        schema: moodForm,
        view: 'my-hearth/views/feelings.njk',
        context: await feelingsContext(request, me),
        save: (form) => myHearth.checkMood(once(request), form),
        then: (saved) => reply.redirect(saved.messageId ? `/my/feelings?done=not-ok&message=${saved.messageId}` : '/my/feelings?done=ok'),
      }),
    ),
  );

  app.get(
    '/my/looked',
    access,
    mine(async (request, reply) => {
      const { page } = pageQuery.parse(request.query ?? {});
      const found = await myHearth.whoLooked(request.actor, { page, size: LOOKED_PAGE });
      const paging = pagination({ page, total: found.total, path: '/my/looked', size: LOOKED_PAGE });
      return reply.view('my-hearth/views/looked.njk', {
        title: 'Who looked at my record',
        titleSymbol: 'eye',
        start: START,
        lines: found.rows.map((r) => lookedLine(r, found.workerUserId, now())),
        newer: paging.page > 1 ? paging.govuk?.previous?.href : null,
        older: paging.page < paging.pages ? paging.govuk?.next?.href : null,
        page: paging.page,
        pages: paging.pages,
      });
    }),
  );

  app.get(
    '/my/plan',
    access,
    mine(async (request, reply, me) => {
      const elsewhere = await deps.pages?.plan?.(request, me);
      if (elsewhere) return reply.redirect(elsewhere);
      const view = await deps.people.shared.view(request.actor, me.id);
      return reply.view('my-hearth/views/plan.njk', { title: 'My plan', titleSymbol: 'plan', start: START, profile: view.profile ?? null });
    }),
  );

  app.get(
    '/my/reviews',
    access,
    mine(async (request, reply, me) => {
      const elsewhere = await deps.pages?.reviews?.(request, me);
      if (elsewhere) return reply.redirect(elsewhere);
      return reply.view('my-hearth/views/reviews.njk', { title: 'My reviews', titleSymbol: 'review', start: START, me });
    }),
  );

  return { personHome };
}
