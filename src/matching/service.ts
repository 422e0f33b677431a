import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { carers } from '../carers/schema.js';
import { personHeader } from '../people/header.js';
import { recordStatusChange } from '../people/records-service.js';
import { people } from '../people/schema.js';
import type { ConsentArea } from '../people/words.js';
import {
  explainMatch,
  scoreAll,
  shortlistForCarer,
  shortlistInPool,
  suggestAssignment,
  suggestStableMatching,
  type Contribution,
  type Excluded,
  type PeoplePool,
  type Proposing,
  type Suitable,
  type WorkerNote,
} from './engine/index.js';
import { todayInUk } from '../platform/dates.js';
import { introductionSteps, matchingSettings, matchProposals } from './schema.js';
import { schemePool, settingsOf, type MatchingSettingsRecord } from './store.js';
import {
  endsIt,
  mayAgree,
  mayAnswer,
  mayDate,
  mayGoOn,
  mayStop,
  stageOf,
  type Allowed,
  type Answer,
  type ProposalFacts,
  type Side,
  type Stage,
} from './workflow.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';

/** Names and areas by id, of carers or of people, for the lists the engine's ids come back in. */
async function namesIn(tx: Tx, table: typeof carers | typeof people, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; area: string | null }>();
  const rows = await tx
    .select({ id: table.id, name: table.name, area: table.area })
    .from(table)
    .where(inArray(table.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { name: r.name, area: r.area }]));
}
const namesOf = (tx: Tx, carerIds: readonly string[]) => namesIn(tx, carers, carerIds);
const personNamesOf = (tx: Tx, personIds: readonly string[]) => namesIn(tx, people, personIds);

export interface ProposalRecord extends ProposalFacts {
  id: string;
  personId: string;
  carerId: string;
  personName: string | null;
  personUserId: string | null;
  carerName: string | null;
  carerUserId: string | null;
  score: number;
  explanation: Record<'worker' | 'person' | 'carer', Contribution[]>;
  workerNote: string | null;
  workerNoteView: WorkerNote['view'] | null;
  shares: ConsentArea[];
  proposedAt: Date;
  proposedBy: string | null;
  personWords: string | null;
  personAnsweredAt: Date | null;
  carerWords: string | null;
  carerAnsweredAt: Date | null;
  stoppedBy: 'person' | 'carer' | 'scheme' | null;
  stopWords: string | null;
  /** The person's agreed match with another carer, which closed this proposal. */
  closedByMatchId: string | null;
  startsOn: string | null;
  steps: (ProposalFacts['steps'][number] & { personWords: string | null; carerWords: string | null })[];
}

/** Proposals with their steps, as far as row-level security lets the actor see them (names may be hidden). */
async function proposalsWhere(tx: Tx, where: ReturnType<typeof sql>): Promise<ProposalRecord[]> {
  return rowsOf<ProposalRecord>(
    tx,
    sql`
    select m.id, m.person_id as "personId", m.carer_id as "carerId", p.name as "personName", p.user_id as "personUserId",
      coalesce(c.name, hearth_proposed_carer(m.id)->>'firstName') as "carerName", c.user_id as "carerUserId",
      m.score::float8 as score, m.explanation, m.worker_note as "workerNote", m.worker_note_view as "workerNoteView", m.shares::text[] as shares,
      m.proposed_at as "proposedAt", u.name as "proposedBy",
      m.person_answer as "personAnswer", m.person_words as "personWords", m.person_answered_at as "personAnsweredAt",
      m.carer_answer as "carerAnswer", m.carer_words as "carerWords", m.carer_answered_at as "carerAnsweredAt",
      m.stopped_at as "stoppedAt", m.stopped_by as "stoppedBy", m.stop_words as "stopWords", m.closed_by_match_id as "closedByMatchId",
      m.agreed_on::text as "agreedOn", m.starts_on::text as "startsOn",
      coalesce((select json_agg(json_build_object('position', s.position, 'name', s.name, 'plannedOn', s.planned_on,
          'personGoOn', s.person_go_on, 'carerGoOn', s.carer_go_on, 'personWords', s.person_words, 'carerWords', s.carer_words) order by s.position)
        from introduction_steps s where s.proposal_id = m.id), '[]') as steps
    from match_proposals m
    left join people p on p.id = m.person_id
    left join carers c on c.id = m.carer_id
    left join users u on u.id = m.proposed_by_user_id
    where ${where}
    order by m.stopped_at is not null, m.updated_at desc, m.id`,
  );
}

/** One proposal the actor may see (404 otherwise, whatever the reason). */
async function proposalFor(tx: Tx, id: string, lock = false): Promise<ProposalRecord> {
  if (lock) await tx.execute(sql`select 1 from match_proposals where id = ${id} for update`);
  const [found] = await proposalsWhere(tx, sql`m.id = ${id}`);
  if (!found) throw notFound();
  return found;
}

/** Which side of a proposal the actor speaks for: their own; staff say which side they record for. */
function sideOf(actor: Actor, proposal: ProposalRecord, asked?: Side | null): Side {
  if (actor.role === 'person' && proposal.personUserId === actor.userId) return 'person';
  if (actor.role === 'carer' && proposal.carerUserId === actor.userId) return 'carer';
  if (isStaff(actor)) {
    if (!asked) throw new InputProblem('side', 'Choose whose answer this is');
    return asked;
  }
  throw forbidden();
}

const check = (allowed: Allowed, field: string) => {
  if (!allowed.ok) throw new InputProblem(field, allowed.message);
};

/** The carer as a person proposed to them may read it (see `hearth_proposed_carer`). */
export interface CarerProfile {
  firstName: string;
  area: string | null;
  stepFree: boolean | null;
  ownBathroom: boolean | null;
  spareBedrooms: number | null;
  smoking: 'no' | 'outside' | 'inside' | null;
  pets: string | null;
  languages: string[];
  faith: string | null;
  culture: string | null;
  interests: string[];
  routines: string | null;
  household: { firstName: string; relationship: string; age: number }[];
}

/** The person as a proposed carer may read them: only what the person agreed to share. */
async function personForCarer(tx: Tx, proposal: ProposalRecord) {
  const has = (area: ConsentArea) => proposal.shares.includes(area);
  const [person] = await rowsOf<{ name: string; preferredName: string | null; age: number | null; area: string | null }>(
    tx,
    sql`
    select name, preferred_name as "preferredName", date_part('year', age(current_date, date_of_birth))::int as age, area
    from people where id = ${proposal.personId}`,
  );
  if (!person) return null;
  const one = async <T>(query: ReturnType<typeof sql>) => (await rowsOf<T>(tx, query))[0] ?? null;
  return {
    name: person.preferredName ?? person.name.split(' ')[0]!,
    age: person.age,
    area: person.area,
    communication: await one<{ needs: string[]; otherNeeds: string | null; notes: string | null }>(sql`
      select needs::text[] as needs, other_needs as "otherNeeds", notes from communication_needs where person_id = ${proposal.personId}`),
    profile: has('profile')
      ? await one<{ likeAndAdmire: string; importantToMe: string; howToSupportMe: string }>(sql`
      select like_and_admire as "likeAndAdmire", important_to_me as "importantToMe", how_to_support_me as "howToSupportMe"
      from one_page_profiles where person_id = ${proposal.personId} order by version desc limit 1`)
      : undefined,
    wishes: has('matching')
      ? await one<{
          interests: string[];
          routines: string | null;
          household: string | null;
          faith: string | null;
          culture: string | null;
          languages: string[];
        }>(sql`
      select interests, routines, household, faith, culture, languages from matching_preferences where person_id = ${proposal.personId}`)
      : undefined,
    needs: has('support_plan')
      ? await one<{ needs: string[]; supportNeeds: string | null }>(sql`
      select coalesce((select array_agg(c.name order by c.name) from person_support_needs n join support_need_categories c on c.id = n.category_id where n.person_id = ${proposal.personId}), '{}') as needs,
        (select support_needs from needs_summaries where person_id = ${proposal.personId}) as "supportNeeds"`)
      : undefined,
  };
}

export type PersonForCarer = NonNullable<Awaited<ReturnType<typeof personForCarer>>>;

export interface ProposeInput {
  personId: string;
  carerIds: string[];
  shares: Exclude<ConsentArea, 'daily_notes'>[];
  note: string | null;
  noteView: WorkerNote['view'] | null;
}

/**
 * One pair as every reader reads it: the engine's result for the worker, and the same factors in
 * the person's and the carer's words. The score is the engine's, the same on every page.
 */
function matchOf(
  pool: PeoplePool,
  personId: string,
  carerId: string,
): { result: Suitable; explanation: Record<'worker' | 'person' | 'carer', Contribution[]> } | { result: Excluded; explanation: null } {
  const result = explainMatch(personId, carerId, pool, 'worker');
  if (!result.suitable) return { result, explanation: null };
  const words = (audience: 'person' | 'carer') => (explainMatch(personId, carerId, pool, audience) as Suitable).contributions;
  return { result, explanation: { worker: result.contributions, person: words('person'), carer: words('carer') } };
}

export interface SettingsInput {
  weights: Record<string, number>;
  maxMiles: number | null;
  introductionSteps: string[];
}

export function matchingService(db: Database, clock: () => string = todayInUk) {
  /** Reads and changes one proposal as `actor`, locked, and audits what changed. */
  async function change(
    actor: Actor,
    id: string,
    what: (tx: Tx, proposal: ProposalRecord, today: string) => Promise<Record<string, unknown>>,
  ) {
    if (actor.role === 'circle_member') throw forbidden();
    return db.inScope(actor, async (tx) => {
      const proposal = await proposalFor(tx, id, true);
      const changes = await what(tx, proposal, clock());
      await tx.update(matchProposals).set({ updatedAt: new Date() }).where(eq(matchProposals.id, id));
      await audit(tx, actor, {
        action: 'updated',
        recordType: 'match proposal',
        recordId: id,
        subjectUserId: proposal.personUserId,
        changes,
      });
      return proposal;
    });
  }

  async function stopIt(tx: Tx, actor: Actor, id: string, by: Side | 'scheme', words: string | null) {
    await tx
      .update(matchProposals)
      .set({ stoppedAt: new Date(), stoppedBy: by, stopWords: words, stoppedByUserId: actor.userId })
      .where(eq(matchProposals.id, id));
  }

  return {
    async settings(actor: Actor) {
      return db.inScope(actor, (tx) => settingsOf(tx));
    },

    async saveSettings(actor: Actor, input: SettingsInput) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        const values = {
          weights: input.weights,
          maxMiles: input.maxMiles,
          introductionSteps: input.introductionSteps,
          updatedByUserId: actor.userId,
          updatedAt: new Date(),
        };
        await tx
          .insert(matchingSettings)
          .values({ schemeId: inScheme(actor).schemeId, ...values })
          .onConflictDoUpdate({ target: matchingSettings.schemeId, set: values });
        await audit(tx, actor, { action: 'updated', recordType: 'matching settings', recordId: actor.schemeId, changes: { ...input } });
      });
    },

    /** One person's carers, ranked and explained for the worker, with the reasons others are left out. */
    async personShortlist(actor: Actor, personId: string) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const [person] = await tx
          .select({
            id: people.id,
            userId: people.userId,
            status: people.status,
            postcode: people.postcode,
            located: sql<boolean>`${people.latitude} is not null`,
          })
          .from(people)
          .where(eq(people.id, personId));
        if (!person) throw notFound();
        const header = await personHeader(tx, personId);
        const { pool } = await schemePool(tx, today, personId);
        const list =
          pool.size > 0 ? shortlistInPool(pool, 0, { includeExcluded: true, audience: 'worker' }) : { suitable: [], excluded: [] };
        const names = await namesOf(
          tx,
          [...list.suitable, ...list.excluded].map((r) => r.carerId),
        );
        const open = await proposalsWhere(tx, sql`m.person_id = ${personId}`);
        const freePlaces = new Map(pool.carers.carers.map((c, i) => [c.id, pool.carers.freePlaces[i]!]));
        await audit(tx, actor, { action: 'viewed', recordType: 'matching shortlist', recordId: personId, subjectUserId: person.userId });
        return {
          person: header,
          located: person.located,
          postcode: person.postcode,
          waiting: person.status === 'waiting' || person.status === 'introductions',
          status: person.status,
          suitable: list.suitable.map((s) => ({ ...s, ...names.get(s.carerId)!, freePlaces: freePlaces.get(s.carerId) ?? 0 })),
          excluded: list.excluded.map((e) => ({ ...e, ...names.get(e.carerId)! })),
          proposals: staged(open, today),
        };
      });
    },

    /** One carer's waiting people, ranked and explained for the worker. */
    async carerShortlist(actor: Actor, carerId: string) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const [carer] = await tx
          .select({ id: carers.id, name: carers.name, userId: carers.userId, stage: carers.stage })
          .from(carers)
          .where(eq(carers.id, carerId));
        if (!carer) throw notFound();
        const { pool } = await schemePool(tx, today);
        const inPool = pool.carers.carers.some((c) => c.id === carerId);
        const list = inPool
          ? shortlistForCarer(carerId, pool, { includeExcluded: false, audience: 'worker' })
          : { suitable: [], excluded: [] };
        const names = await personNamesOf(
          tx,
          list.suitable.map((s) => s.personId),
        );
        await audit(tx, actor, { action: 'viewed', recordType: 'matching shortlist', recordId: carerId, subjectUserId: carer.userId });
        return {
          carer: { id: carer.id, name: carer.name },
          inPool,
          approved: carer.stage === 'approved',
          freePlaces: inPool ? pool.carers.freePlaces[pool.carers.carers.findIndex((c) => c.id === carerId)]! : 0,
          suitable: list.suitable.map((s) => ({ ...s, ...names.get(s.personId)! })),
          proposals: staged(await proposalsWhere(tx, sql`m.carer_id = ${carerId}`), today),
        };
      });
    },

    /** The scheme-wide suggestions: the best total within free places, and a stable matching. For the worker to consider only. */
    async suggestions(actor: Actor, proposing: Proposing) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const { pool } = await schemePool(tx, today);
        const table = scoreAll(pool);
        const assignment = suggestAssignment(pool, table);
        const stable = suggestStableMatching(pool, { proposing, table });
        const people_ = await personNamesOf(
          tx,
          pool.people.map((p) => p.id),
        );
        const carers_ = await namesOf(
          tx,
          pool.carers.carers.map((c) => c.id),
        );
        await audit(tx, actor, { action: 'viewed', recordType: 'matching suggestions', recordId: actor.schemeId });
        const named = (pairs: readonly { personId: string; carerId: string; score: number }[]) =>
          pairs
            .map((p) => ({
              ...p,
              personName: people_.get(p.personId)?.name ?? '',
              carerName: carers_.get(p.carerId)?.name ?? '',
            }))
            .sort((a, b) => a.personName.localeCompare(b.personName) || a.personId.localeCompare(b.personId));
        const unplacedNames = (ids: readonly string[]) =>
          ids.map((id) => ({ id, name: people_.get(id)?.name ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
        return {
          peopleConsidered: pool.size,
          carersConsidered: pool.carers.size,
          freePlaces: pool.carers.freePlaces.reduce((sum, n) => sum + Math.max(0, n), 0),
          assignment: {
            pairs: named(assignment.pairs),
            totalScore: assignment.totalScore,
            unplaced: unplacedNames(assignment.unplaced),
            notConsidered: unplacedNames(assignment.notConsidered),
          },
          stable: { pairs: named(stable.pairs), unplaced: unplacedNames(stable.unmatched) },
        };
      });
    },

    /** What the worker reads before proposing: each chosen carer's current score and explanation. */
    async proposalDraft(actor: Actor, personId: string, carerIds: readonly string[]) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const [person] = await tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, personId));
        if (!person) throw notFound();
        const { pool } = await schemePool(tx, today, personId);
        const names = await namesOf(tx, carerIds);
        return {
          person,
          carers: carerIds
            .filter((id) => names.has(id))
            .map((id) => ({
              id,
              ...names.get(id)!,
              result: pool.carers.indexOf.has(id) ? explainMatch(personId, id, pool, 'worker') : null,
            })),
        };
      });
    },

    /** Proposes carers to a person: each pair must still be suitable, and not already open. The introduction steps are the scheme's, as they are today. */
    async propose(actor: Actor, input: ProposeInput) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const [person] = await tx
          .select({ id: people.id, userId: people.userId, status: people.status })
          .from(people)
          .where(eq(people.id, input.personId))
          .for('update');
        if (!person) throw notFound();
        if (person.status !== 'waiting' && person.status !== 'introductions')
          throw new InputProblem('carerIds', 'Only someone waiting for a match, or in introductions, can be proposed carers');
        const note = (carerId: string): WorkerNote[] =>
          input.note ? [{ personId: input.personId, carerId, view: input.noteView ?? 'neutral', text: input.note }] : [];
        const { pool, settings } = await schemePool(tx, today, input.personId, input.carerIds.flatMap(note));
        const names = await namesOf(tx, input.carerIds);
        const already = await tx
          .select({ carerId: matchProposals.carerId })
          .from(matchProposals)
          .where(
            and(
              eq(matchProposals.personId, input.personId),
              isNull(matchProposals.stoppedAt),
              inArray(matchProposals.carerId, input.carerIds),
            ),
          );
        if (already.length)
          throw new InputProblem('carerIds', `${names.get(already[0]!.carerId)?.name ?? 'This carer'} has already been proposed`);
        const ids: string[] = [];
        for (const carerId of input.carerIds) {
          const name = names.get(carerId)?.name;
          if (!name || !pool.carers.indexOf.has(carerId)) throw new InputProblem('carerIds', 'Choose carers from the list');
          const match = matchOf(pool, input.personId, carerId);
          if (match.explanation === null)
            throw new InputProblem('carerIds', `${name} is not suitable: ${match.result.reasons.map((r) => r.text).join('; ')}`);
          const { result, explanation } = match;
          const [row] = await tx
            .insert(matchProposals)
            .values({
              schemeId: inScheme(actor).schemeId,
              personId: input.personId,
              carerId,
              score: result.score,
              explanation,
              workerNote: input.note,
              workerNoteView: input.note ? (input.noteView ?? 'neutral') : null,
              shares: input.shares,
              proposedByUserId: inScheme(actor).userId,
            })
            .returning({ id: matchProposals.id });
          await tx.insert(introductionSteps).values(
            settings.introductionSteps.map((name_, i) => ({
              schemeId: inScheme(actor).schemeId,
              proposalId: row!.id,
              position: i + 1,
              name: name_,
            })),
          );
          await audit(tx, actor, {
            action: 'created',
            recordType: 'match proposal',
            recordId: row!.id,
            subjectUserId: person.userId,
            changes: {
              personId: input.personId,
              carerId,
              score: result.score,
              shares: input.shares,
              note: input.note,
              noteView: input.noteView,
            },
          });
          ids.push(row!.id);
        }
        return ids;
      });
    },

    /** Proposals the actor is part of: staff see the scheme's (open, and lately ended); the person, their circle and the carer their own. */
    async overview(actor: Actor) {
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const where = isStaff(actor)
          ? sql`(m.stopped_at is null or m.stopped_at > now() - interval '60 days') and (m.agreed_on is null or m.agreed_on > ${today}::date - 60)`
          : sql`true`;
        const proposals = staged(await proposalsWhere(tx, where), today);
        await audit(tx, actor, { action: 'listed', recordType: 'match proposals', changes: { count: proposals.length } });
        return proposals;
      });
    },

    /** One proposal, as the actor may read it: the other side's profile for a person or carer. */
    async proposal(actor: Actor, id: string) {
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const proposal = await proposalFor(tx, id);
        const carer =
          actor.role !== 'carer'
            ? ((await rowsOf<{ profile: CarerProfile | null }>(tx, sql`select hearth_proposed_carer(${id}) as profile`))[0]?.profile ??
              null)
            : null;
        const person = actor.role === 'carer' && !proposal.stoppedAt ? await personForCarer(tx, proposal) : null;
        await audit(tx, actor, { action: 'viewed', recordType: 'match proposal', recordId: id, subjectUserId: proposal.personUserId });
        return { proposal, stage: stageOf(proposal, today), carer, person, today };
      });
    },

    async answer(actor: Actor, id: string, input: { side?: Side | null; answer: Answer; words: string | null }) {
      return change(actor, id, async (tx, proposal) => {
        const side = sideOf(actor, proposal, input.side);
        check(mayAnswer(proposal, side, input.answer), 'answer');
        const at = new Date();
        await tx
          .update(matchProposals)
          .set(
            side === 'person'
              ? { personAnswer: input.answer, personWords: input.words, personAnsweredAt: at, personAnsweredByUserId: actor.userId }
              : { carerAnswer: input.answer, carerWords: input.words, carerAnsweredAt: at, carerAnsweredByUserId: actor.userId },
          )
          .where(eq(matchProposals.id, id));
        if (endsIt(input.answer)) await stopIt(tx, actor, id, side, null);
        return { side, answer: input.answer, words: input.words };
      });
    },

    /** The scheme dates a step; dating the first one starts introductions for someone still waiting. */
    async date(actor: Actor, id: string, position: number, plannedOn: string) {
      requireStaff(actor);
      return change(actor, id, async (tx, proposal, today) => {
        check(mayDate(proposal, position, today), 'plannedOn');
        await tx
          .update(introductionSteps)
          .set({ plannedOn })
          .where(and(eq(introductionSteps.proposalId, id), eq(introductionSteps.position, position)));
        const [person] = await tx.select({ status: people.status }).from(people).where(eq(people.id, proposal.personId));
        if (person?.status === 'waiting') {
          const name = proposal.carerName ?? 'a carer';
          await recordStatusChange(
            tx,
            actor,
            proposal.personId,
            { to: 'introductions', on: today, reason: `Introductions with ${name} began`, arrangementTypes: [] },
            today,
          );
        }
        return { position, plannedOn };
      });
    },

    async goOn(actor: Actor, id: string, position: number, input: { side?: Side | null; goOn: boolean; words: string | null }) {
      return change(actor, id, async (tx, proposal, today) => {
        const side = sideOf(actor, proposal, input.side);
        check(mayGoOn(proposal, side, position, today), 'goOn');
        const at = new Date();
        await tx
          .update(introductionSteps)
          .set(
            side === 'person'
              ? { personGoOn: input.goOn, personWords: input.words, personRecordedAt: at, personRecordedByUserId: actor.userId }
              : { carerGoOn: input.goOn, carerWords: input.words, carerRecordedAt: at, carerRecordedByUserId: actor.userId },
          )
          .where(and(eq(introductionSteps.proposalId, id), eq(introductionSteps.position, position)));
        if (endsIt(input.goOn)) await stopIt(tx, actor, id, side, null);
        return { side, position, goOn: input.goOn, words: input.words };
      });
    },

    /** Either side stops, without giving a reason; staff stopping is the scheme withdrawing the proposal. */
    async stop(actor: Actor, id: string, input: { words: string | null }) {
      return change(actor, id, async (tx, proposal) => {
        const by = isStaff(actor) ? 'scheme' : sideOf(actor, proposal);
        check(mayStop(proposal), 'words');
        await stopIt(tx, actor, id, by, input.words);
        return { stoppedBy: by, words: input.words };
      });
    },

    /**
     * Records the agreed match and its start date: the arrangement follows from it. The person's
     * other open proposals close with it; each carer reads that the person chose someone else.
     */
    async agree(actor: Actor, id: string, input: { startsOn: string }) {
      requireStaff(actor);
      return change(actor, id, async (tx, proposal, today) => {
        check(mayAgree(proposal, today), 'startsOn');
        await tx
          .update(matchProposals)
          .set({ agreedOn: today, startsOn: input.startsOn, agreedByUserId: actor.userId })
          .where(eq(matchProposals.id, id));
        const closed = await tx
          .update(matchProposals)
          .set({ stoppedAt: new Date(), stoppedBy: 'scheme', stoppedByUserId: actor.userId, closedByMatchId: id, updatedAt: new Date() })
          .where(
            and(
              eq(matchProposals.personId, proposal.personId),
              ne(matchProposals.id, id),
              isNull(matchProposals.stoppedAt),
              isNull(matchProposals.agreedOn),
            ),
          )
          .returning({ id: matchProposals.id, carerId: matchProposals.carerId });
        for (const other of closed) {
          await audit(tx, actor, {
            action: 'updated',
            recordType: 'match proposal',
            recordId: other.id,
            subjectUserId: proposal.personUserId,
            changes: { stoppedBy: 'scheme', closedByMatchId: id },
          });
        }
        return { agreedOn: today, startsOn: input.startsOn, closed: closed.map((c) => c.id) };
      });
    },
  };
}

const staged = (proposals: ProposalRecord[], today: string) => proposals.map((p) => ({ ...p, stage: stageOf(p, today) }));

export type MatchingService = ReturnType<typeof matchingService>;
export type { MatchingSettingsRecord, PeoplePool, Stage };
