import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { notFound } from '../platform/errors/errors.js';
import { answers, submitForm, submitJson } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import type { Actor } from '../platform/http/types.js';
import { dateValues } from '../platform/forms/date-input.js';
import { ids } from '../platform/forms/fields.js';
import { options, type Values } from '../platform/forms/options.js';
import { DEFAULT_WEIGHTS, FACTORS, resolveSettings } from './engine/index.js';
import { NOTE_VIEWS, agreeForm, answerForm, dateForm, goOnForm, proposeForm, settingsForm, stopForm } from './forms.js';
import {
  ANSWER_NAMES,
  NOTE_VIEW_NAMES,
  SHARE_NAMES,
  carerSentences,
  completeness,
  distanceWords,
  explained,
  goOnWords,
  personRows,
  reasonsFor,
  stageWords,
} from './present.js';
import type { MatchingService } from './service.js';
import { recordContext } from '../carers/present.js';
import type { CarersService } from '../carers/service.js';
import { mayAgree, mayAnswer, mayDate, mayGoOn, mayStop, type Side } from './workflow.js';
import { isStaff } from '../platform/permissions/staff.js';

const sideQuery = z.object({ side: z.enum(['person', 'carer']).optional().catch(undefined) });
const positionParams = z.object({ id: z.uuid(), position: z.coerce.number().int().min(1).max(8) });

export const FACTOR_NAMES: Record<(typeof FACTORS)[number], string> = {
  interests: 'Shared interests',
  routines: 'Daily routines',
  language: 'Language',
  faithAndCulture: 'Faith and culture',
  placesThatMatter: 'Near places that matter',
  household: 'Household fit',
  wishes: 'Wishes on both sides',
  workerNotes: 'Worker’s notes',
};

/** Matching: shortlists, proposals, answers and introductions, for staff, people, their circles and carers. */
export function matchingRoutes(app: FastifyInstance, matching: MatchingService, carerRecords: Pick<CarersService, 'record'>) {
  const readerOf = (actor: Actor) =>
    isStaff(actor) ? 'staff' : actor.role === 'carer' ? 'carer' : actor.role === 'person' ? 'person' : 'circle';
  const withStage = <T extends { stage: Parameters<typeof stageWords>[0] } & Parameters<typeof stageWords>[1]>(p: T, actor: Actor) => ({
    ...p,
    words: stageWords(p.stage, p, readerOf(actor)),
  });

  app.get('/matching', { config: { access: 'matching.use' } }, async (request, reply) => {
    const actor = request.actor;
    const proposals = (await matching.overview(actor)).map((p) => withStage(p, actor));
    if (isStaff(actor)) {
      const needsYou = proposals.filter(
        (p) => (p.stage.stage === 'introductions' && p.stage.waitingFor.includes('date')) || p.stage.stage === 'ready',
      );
      return reply.view('matching/views/overview.njk', {
        title: 'Matching',
        proposals,
        needsYou,
        open: proposals.filter((p) => p.stage.stage !== 'stopped' && p.stage.stage !== 'agreed'),
        ended: proposals.filter((p) => p.stage.stage === 'stopped' || p.stage.stage === 'agreed'),
        isManager: actor.role === 'scheme_manager',
      });
    }
    const reader = readerOf(actor);
    return reply.view('matching/views/mine.njk', {
      title: reader === 'carer' ? 'People you might support' : reader === 'person' ? 'Carers you might meet' : 'Carers proposed',
      reader,
      current: proposals.filter((p) => p.stage.stage !== 'stopped'),
      stopped: proposals.filter((p) => p.stage.stage === 'stopped'),
    });
  });

  app.get('/people/:id/matching', { config: { access: 'matching.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const excluded = (request.query as { excluded?: string }).excluded === '1';
    const found = await matching.personShortlist(request.actor, id);
    const proposed = new Set(found.proposals.filter((p) => !p.stoppedAt).map((p) => p.carerId));
    return reply.view('matching/views/person-shortlist.njk', {
      title: `Matching: ${found.person.name}`,
      section: 'matching',
      backLink: `/people/${id}`,
      ...found,
      showExcluded: excluded,
      suitable: found.suitable.map((s) => ({
        ...s,
        proposed: proposed.has(s.carerId),
        distance: distanceWords(s.miles),
        explained: explained(s.contributions),
      })),
      proposals: found.proposals.map((p) => withStage(p, request.actor)),
    });
  });

  app.get('/carers/:id/matching', { config: { access: 'matching.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await matching.carerShortlist(request.actor, id);
    const proposed = new Set(found.proposals.filter((p) => !p.stoppedAt).map((p) => p.personId));
    return reply.view('matching/views/carer-shortlist.njk', {
      ...found,
      ...recordContext(await carerRecords.record(request.actor, id), 'matching', true),
      title: `Matching: ${found.carer.name}`,
      suitable: found.suitable.map((s) => ({
        ...s,
        proposed: proposed.has(s.personId),
        distance: distanceWords(s.miles),
        explained: explained(s.contributions),
      })),
      proposals: found.proposals.map((p) => withStage(p, request.actor)),
    });
  });

  app.get('/matching/suggestions', { config: { access: 'matching.manage' } }, async (request, reply) => {
    const proposing = (request.query as { proposing?: string }).proposing === 'carers' ? 'carers' : 'people';
    const found = await matching.suggestions(request.actor, proposing);
    return reply.view('matching/views/suggestions.njk', {
      title: 'Suggestions across the scheme',
      backLink: '/matching',
      proposing,
      ...found,
    });
  });

  // Proposing: the worker confirms what the person agreed to share, then proposes.
  const draftQuery = z.object({
    person: z.uuid(),
    carer: z
      .union([z.uuid(), z.array(z.uuid())])
      .optional()
      .transform((v) => (v === undefined ? [] : [v].flat())),
  });
  const proposeContext = async (actor: Actor, personId: string, carerIds: string[], values: Values) => {
    const draft = await matching.proposalDraft(actor, personId, carerIds);
    return {
      title: `Propose carers to ${draft.person.name}`,
      backLink: `/people/${personId}/matching`,
      ...draft,
      carerItems: draft.carers.map((c) => ({
        value: c.id,
        text: `${c.name}${c.area ? `, ${c.area}` : ''}${c.result?.suitable ? ` (score ${Math.round(c.result.score)}, based on ${c.result.known} of ${c.result.of} things)` : ''}`,
        checked: [values.carerIds ?? carerIds].flat().includes(c.id),
        hint: {
          text: c.result
            ? c.result.suitable
              ? [
                  distanceWords(c.result.miles),
                  ...c.result.contributions
                    .filter((x) => x.known)
                    .slice(0, 3)
                    .map((x) => x.text),
                ].join('. ')
              : `Not suitable: ${c.result.reasons.map((r) => r.text).join('; ')}`
            : '',
        },
      })),
      shareItems: options(SHARE_NAMES, values.shares ?? ['profile']),
      noteViewItems: options(
        NOTE_VIEWS.map((v) => ({ value: v, text: NOTE_VIEW_NAMES[v] })),
        values.noteView,
      ),
      limits: maxLengths(proposeForm),
    };
  };

  app.get('/matching/proposals/new', { config: { access: 'matching.manage' } }, async (request, reply) => {
    const parsed = draftQuery.safeParse(request.query ?? {});
    if (!parsed.success) return reply.redirect('/matching');
    const { person, carer } = parsed.data;
    if (carer.length === 0) return reply.redirect(`/people/${person}/matching?choose=1`);
    return reply.view('matching/views/propose.njk', { ...(await proposeContext(request.actor, person, carer, {})), values: {} });
  });

  app.post('/matching/proposals', { config: { access: 'matching.manage' } }, async (request, reply) => {
    const body = answers(request.body);
    const personId = z.uuid().safeParse(body.personId);
    if (!personId.success) return reply.redirect('/matching');
    const carerIds = [body.carerIds ?? []].flat().filter((c): c is string => typeof c === 'string' && z.uuid().safeParse(c).success);
    return submitForm(reply, {
      schema: proposeForm,
      view: 'matching/views/propose.njk',
      context: await proposeContext(request.actor, personId.data, carerIds, body),
      save: (form) => matching.propose(once(request), form),
      then: (created) =>
        reply.redirect(
          created.length === 1
            ? `/matching/proposals/${created[0]}?proposed=1`
            : `/people/${personId.data}/matching?proposed=${created.length}`,
        ),
    });
  });

  app.post('/api/v1/matching/proposals', { config: { access: 'matching.manage' } }, async (request, reply) =>
    submitJson(reply, proposeForm, async (form) => ({ ids: await matching.propose(request.actor, form) })),
  );

  app.get('/api/v1/people/:id/shortlist', { config: { access: 'matching.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await matching.personShortlist(request.actor, id);
    return reply.send({
      suitable: found.suitable.map(({ carerId, name, score, known, of, miles, contributions, freePlaces }) => ({
        carerId,
        name,
        score,
        known,
        of,
        miles,
        freePlaces,
        contributions,
      })),
      excluded: found.excluded.map(({ carerId, name, reasons }) => ({ carerId, name, reasons })),
    });
  });

  // One proposal: what each side reads, and their answers.
  const proposalContext = async (actor: Actor, id: string) => {
    const found = await matching.proposal(actor, id);
    const reader = readerOf(actor);
    const p = found.proposal;
    const today = found.today;
    const sides: Side[] = reader === 'staff' ? ['person', 'carer'] : reader === 'circle' ? [] : [reader];
    const can = {
      answer: sides.filter((side) => mayAnswer(p, side, 'yes').ok),
      stop: reader !== 'circle' && mayStop(p).ok,
      agree: reader === 'staff' && mayAgree(p, today).ok,
    };
    // The carer knows the person by the name they go by; everyone else by their full name.
    const personName = reader === 'carer' ? (found.person?.name ?? 'The person') : p.personName;
    return {
      can,
      personName,
      answered: { person: p.personAnswer !== null, carer: p.carerAnswer !== null },
      title:
        reader === 'staff'
          ? `${p.personName ?? 'Person'} and ${p.carerName ?? 'carer'}`
          : reader === 'carer'
            ? `Meeting ${found.person?.name ?? 'someone new'}`
            : `Meeting ${found.carer?.firstName ?? 'a carer'}`,
      backLink: '/matching',
      reader,
      ...found,
      words: stageWords(found.stage, p, reader),
      // Each reads the reasons in their own words; the person and carer only those that say something about the pair.
      reasons:
        reader === 'staff'
          ? explained(p.explanation.worker)
          : reasonsFor(reader === 'circle' ? p.explanation.worker : p.explanation[reader]),
      completeness: completeness(p.explanation.worker),
      noteViewName: NOTE_VIEW_NAMES[p.workerNoteView ?? 'neutral'],
      carerSentences: found.carer ? carerSentences(found.carer) : [],
      personRows: found.person ? personRows(found.person) : [],
      shareNames: p.shares.map((s) => SHARE_NAMES[s as keyof typeof SHARE_NAMES]).filter(Boolean),
      steps: p.steps.map((s) => ({
        ...s,
        current: found.stage.stage === 'introductions' && found.stage.step.position === s.position,
        canDate: reader === 'staff' && mayDate(p, s.position, today).ok,
        canGoOn: sides.filter((side) => mayGoOn(p, side, s.position, today).ok),
        due: !!s.plannedOn && s.plannedOn <= found.today,
        personSaid: goOnWords(s.personGoOn, reader === 'person'),
        carerSaid: goOnWords(s.carerGoOn, reader === 'carer'),
      })),
      answerNames: {
        person: p.personAnswer ? ANSWER_NAMES.person[p.personAnswer] : 'Not answered yet',
        carer: p.carerAnswer ? ANSWER_NAMES.carer[p.carerAnswer as 'yes' | 'no'] : 'Not answered yet',
      },
    };
  };

  app.get('/matching/proposals/:id', { config: { access: 'matching.use' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const query = request.query as Record<string, string | undefined>;
    return reply.view('matching/views/proposal.njk', {
      ...(await proposalContext(request.actor, id)),
      done: query.done ?? (query.proposed ? 'proposed' : undefined),
    });
  });

  /** A form page about one proposal: its context, the form, and back to the proposal once saved. */
  const formPage = <S extends z.ZodType>(
    path: string,
    access: 'matching.respond' | 'matching.manage',
    view: string,
    schema: S,
    spec: {
      title: (context: Awaited<ReturnType<typeof proposalContext>>, side: Side | null) => string;
      values?: (context: Awaited<ReturnType<typeof proposalContext>>, position: number) => Values;
      save: (actor: Actor, id: string, position: number, form: z.output<S>, side: Side | null) => Promise<unknown>;
      done: string;
    },
  ) => {
    const params = (raw: unknown) => {
      const parsed = positionParams.partial({ position: true }).parse(raw);
      return { id: parsed.id, position: parsed.position ?? 0 };
    };
    const context = async (actor: Actor, id: string, position: number, side: Side | null) => {
      const base = await proposalContext(actor, id);
      const step = base.steps.find((s) => s.position === position);
      if (position && !step) throw notFound();
      return {
        ...base,
        step,
        side,
        title: spec.title(base, side),
        backLink: `/matching/proposals/${id}`,
        action: `/matching/proposals/${id}/${path.replace(':position', String(position))}`,
        limits: maxLengths(schema),
      };
    };
    const sideFor = (actor: Actor, raw: unknown) => (isStaff(actor) ? (sideQuery.parse(raw ?? {}).side ?? null) : null);
    app.get(`/matching/proposals/:id/${path}`, { config: { access } }, async (request, reply) => {
      const { id, position } = params(request.params);
      const side = sideFor(request.actor, request.query);
      const ctx = await context(request.actor, id, position, side);
      return reply.view(view, { ...ctx, values: spec.values?.(ctx, position) ?? {} });
    });
    app.post(`/matching/proposals/:id/${path}`, { config: { access } }, async (request, reply: FastifyReply) => {
      const { id, position } = params(request.params);
      const side = sideFor(request.actor, request.body);
      return submitForm(reply, {
        schema,
        view,
        context: await context(request.actor, id, position, side),
        save: (form) => spec.save(request.actor, id, position, form, side),
        then: () => reply.redirect(`/matching/proposals/${id}?done=${spec.done}`),
      });
    });
  };

  const partyName = (ctx: Awaited<ReturnType<typeof proposalContext>>, side: Side | null) =>
    side === 'person' ? (ctx.proposal.personName ?? 'the person') : (ctx.proposal.carerName ?? 'the carer');

  formPage('answer', 'matching.respond', 'matching/views/answer.njk', answerForm, {
    title: (ctx, side) =>
      ctx.reader === 'staff'
        ? `Record ${partyName(ctx, side)}’s answer`
        : ctx.reader === 'carer'
          ? `Would you like to meet ${ctx.person?.name ?? 'them'}?`
          : `Would you like to meet ${ctx.carer?.firstName ?? 'this carer'}?`,
    save: (actor, id, _p, form, side) => matching.answer(actor, id, { ...form, side: side ?? form.side }),
    done: 'answered',
  });
  formPage('steps/:position/date', 'matching.manage', 'matching/views/date.njk', dateForm, {
    title: (ctx) => `Set the date: ${ctx.title}`,
    values: (ctx, position) => dateValues('plannedOn', ctx.steps.find((s) => s.position === position)?.plannedOn),
    save: (actor, id, position, form) => matching.date(actor, id, position, form.plannedOn),
    done: 'dated',
  });
  formPage('steps/:position/go-on', 'matching.respond', 'matching/views/go-on.njk', goOnForm, {
    title: (ctx, side) => (ctx.reader === 'staff' ? `Record whether ${partyName(ctx, side)} wants to go on` : 'Do you want to go on?'),
    save: (actor, id, position, form, side) => matching.goOn(actor, id, position, { ...form, side: side ?? form.side }),
    done: 'recorded',
  });
  formPage('stop', 'matching.respond', 'matching/views/stop.njk', stopForm, {
    title: (ctx) => (ctx.reader === 'staff' ? 'Withdraw this proposal' : 'Stop these introductions'),
    save: (actor, id, _p, form) => matching.stop(actor, id, form),
    done: 'stopped',
  });
  formPage('agree', 'matching.manage', 'matching/views/agree.njk', agreeForm, {
    title: () => 'Record the agreed match',
    save: (actor, id, _p, form) => matching.agree(actor, id, form),
    done: 'agreed',
  });

  // The scheme's settings: weights, distance and introduction steps.
  const settingsContext = (values: Values) => ({
    title: 'Matching settings',
    backLink: '/matching',
    factors: FACTORS.map((f) => ({ name: `weight-${f}`, label: FACTOR_NAMES[f], default: DEFAULT_WEIGHTS[f] })),
    limits: maxLengths(settingsForm),
    values,
  });

  app.get('/matching/settings', { config: { access: 'matching.settings' } }, async (request, reply) => {
    const settings = await matching.settings(request.actor);
    const weights = resolveSettings({ weights: settings.weights }).weights;
    const values = {
      ...Object.fromEntries(FACTORS.map((f) => [`weight-${f}`, String(weights[f])])),
      maxMiles: settings.maxMiles ?? '',
      introductionSteps: settings.introductionSteps.join('\n'),
    };
    return reply.view('matching/views/settings.njk', {
      ...settingsContext(values),
      saved: (request.query as { saved?: string }).saved === '1',
    });
  });

  app.post('/matching/settings', { config: { access: 'matching.settings' } }, async (request, reply) =>
    submitForm(reply, {
      schema: settingsForm,
      view: 'matching/views/settings.njk',
      context: settingsContext(answers(request.body)),
      save: (form) => matching.saveSettings(request.actor, form),
      then: () => reply.redirect('/matching/settings?saved=1'),
    }),
  );
}
