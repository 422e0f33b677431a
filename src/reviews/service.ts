import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { arrangementFor, carerName, withCarer } from '../arrangements/access.js';
import { carers } from '../carers/schema.js';
import { arrangements } from '../arrangements/schema.js';
import { openArrangement } from '../arrangements/service.js';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { type IsoDate, todayInUk } from '../platform/dates.js';
import type { RatedReview } from './chart.js';
import { DEFAULT_REVIEW_SETTINGS, reviewSchedule, type ReviewSettings } from './schedule.js';
import {
  arrangementReviews,
  reviewActions,
  reviewCarerViews,
  reviewPersonViews,
  reviewPrivateNotes,
  reviewRatings,
  reviewSettings,
} from './schema.js';
import { QUESTION_KEYS, type Answer, type AnsweredBy, type QuestionKey, type Rating, type WellbeingArea } from './words.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';

export type NewContact = { kind: 'visit'; heldOn: IsoDate; note: string } | { kind: 'review'; heldOn: IsoDate };

export interface CarerView {
  goingWell: string;
  notGoingWell: string | null;
  supportNeeded: string | null;
}

export interface Completion {
  heldOn: IsoDate;
  summary: string;
  ratings: Record<WellbeingArea, Rating>;
  actions: { action: string; who: string; byWhen: IsoDate }[];
  privateNote: string | null;
}

const RECORD = 'arrangement review';

export async function settingsOf(tx: Tx): Promise<ReviewSettings> {
  const [row] = await tx.select().from(reviewSettings);
  return row
    ? { visitMonths: row.visitMonths, firstReviewWeeks: row.firstReviewWeeks, reviewEveryMonths: row.reviewEveryMonths }
    : DEFAULT_REVIEW_SETTINGS;
}

/** Whether the actor may give the person's view: staff with the person, or the person themselves. */
const partiesOf = (actor: Actor, record: { person: { userId: string | null } }) => ({
  asPerson: isStaff(actor) || (actor.role === 'person' && record.person.userId === actor.userId),
});

/** Whether this actor may read the arrangement's reviews (a circle member needs consent to see the support plan). */
async function mayReadReviews(tx: Tx, actor: Actor, personId: string): Promise<boolean> {
  if (actor.role !== 'circle_member') return true;
  const [row] = await rowsOf<{ may: boolean }>(tx, sql`select hearth_may_see_person(${personId}, 'support_plan') as may`);
  return row?.may === true;
}

async function reviewOf(tx: Tx, arrangementId: string, reviewId: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select()
    .from(arrangementReviews)
    .where(and(eq(arrangementReviews.id, reviewId), eq(arrangementReviews.arrangementId, arrangementId)));
  const [review] = options.lock ? await query.for('update') : await query;
  if (!review) throw notFound();
  return review;
}

/**
 * An open review the actor may add their view to; otherwise not found (a completed review cannot
 * change). Staff lock it, so two completions queue; others cannot (a lock needs the right to update
 * it), and the policies on the views refuse a write once it is completed.
 */
async function openReviewFor(tx: Tx, actor: Actor, arrangementId: string, reviewId: string) {
  const arrangement = await arrangementFor(tx, actor, arrangementId);
  const review = await reviewOf(tx, arrangementId, reviewId, { lock: isStaff(actor) });
  if (review.kind !== 'review' || review.completedAt) throw new InputProblem('review', 'This review is finished, so it cannot change');
  return { arrangement, review };
}

/** Arrangement reviews and visits: the schedule, the person's and the carer's views, completion, and wellbeing over time. */
export function reviewsService(db: Database, clock: () => IsoDate = todayInUk) {
  return {
    async settings(actor: Actor) {
      return db.inScope(actor, (tx) => settingsOf(tx));
    },

    async saveSettings(actor: Actor, input: ReviewSettings) {
      return db.inScope(actor, async (tx) => {
        await tx
          .insert(reviewSettings)
          .values({ schemeId: inScheme(actor).schemeId, ...input, updatedByUserId: actor.userId })
          .onConflictDoUpdate({ target: reviewSettings.schemeId, set: { ...input, updatedByUserId: actor.userId, updatedAt: new Date() } });
        await audit(tx, actor, { action: 'updated', recordType: 'review settings', recordId: actor.schemeId, changes: { ...input } });
      });
    },

    /** The arrangement's "Reviews" section: what is due next, and every visit and review. */
    async section(actor: Actor, arrangementId: string) {
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const readable = await mayReadReviews(tx, actor, record.person.id);
        const rows = readable
          ? await tx
              .select({
                id: arrangementReviews.id,
                kind: arrangementReviews.kind,
                heldOn: arrangementReviews.heldOn,
                note: arrangementReviews.note,
                completedAt: arrangementReviews.completedAt,
                personFinished: reviewPersonViews.finishedAt,
                carerView: reviewCarerViews.reviewId,
              })
              .from(arrangementReviews)
              .leftJoin(reviewPersonViews, eq(reviewPersonViews.reviewId, arrangementReviews.id))
              .leftJoin(reviewCarerViews, eq(reviewCarerViews.reviewId, arrangementReviews.id))
              .where(eq(arrangementReviews.arrangementId, arrangementId))
              .orderBy(desc(arrangementReviews.heldOn), desc(arrangementReviews.createdAt))
          : [];
        const { arrangement } = record;
        const schedule =
          arrangement.status === 'ended'
            ? null
            : reviewSchedule(
                await settingsOf(tx),
                arrangement.startsOn,
                rows.filter((r) => r.kind === 'visit' || r.completedAt).map((r) => ({ kind: r.kind, on: r.heldOn })),
                today,
              );
        await audit(tx, actor, { action: 'listed', recordType: RECORD, recordId: arrangementId, subjectUserId: record.person.userId });
        return { ...record, readable, rows, schedule, ...partiesOf(actor, record) };
      });
    },

    /** Plans a review (open until completed) or records a visit (done). */
    async create(actor: Actor, arrangementId: string, input: NewContact) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const arrangement = await arrangementFor(tx, actor, arrangementId, { lock: true });
        if (arrangement.status === 'ended')
          throw new InputProblem('kind', 'The arrangement has ended, so no more visits or reviews are due');
        if (input.heldOn < arrangement.startsOn)
          throw new InputProblem('heldOn', 'The date must be on or after the day the arrangement started');
        if (input.kind === 'visit' && input.heldOn > clock())
          throw new InputProblem('heldOn', 'The date of the visit must be today or in the past');
        const [row] = await tx
          .insert(arrangementReviews)
          .values({
            schemeId: inScheme(actor).schemeId,
            arrangementId,
            kind: input.kind,
            heldOn: input.heldOn,
            createdByUserId: actor.userId,
            ...(input.kind === 'visit' ? { note: input.note, completedAt: new Date(), completedByName: actor.name } : {}),
          })
          .returning({ id: arrangementReviews.id });
        await audit(tx, actor, { action: 'created', recordType: RECORD, recordId: row!.id, changes: { ...input, arrangementId } });
        return row!;
      });
    },

    /** A review or visit in full, as the actor may read it: the private note for staff only. */
    async read(actor: Actor, arrangementId: string, reviewId: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const review = await reviewOf(tx, arrangementId, reviewId);
        const [personView] = await tx.select().from(reviewPersonViews).where(eq(reviewPersonViews.reviewId, reviewId));
        const [carerView] = await tx.select().from(reviewCarerViews).where(eq(reviewCarerViews.reviewId, reviewId));
        const ratings = await tx
          .select({ area: reviewRatings.area, rating: reviewRatings.rating })
          .from(reviewRatings)
          .where(eq(reviewRatings.reviewId, reviewId));
        const actions = await tx
          .select()
          .from(reviewActions)
          .where(eq(reviewActions.reviewId, reviewId))
          .orderBy(asc(reviewActions.position));
        const [privateNote] = isStaff(actor)
          ? await tx.select({ note: reviewPrivateNotes.note }).from(reviewPrivateNotes).where(eq(reviewPrivateNotes.reviewId, reviewId))
          : [];
        await audit(tx, actor, { action: 'viewed', recordType: RECORD, recordId: reviewId, subjectUserId: record.person.userId });
        return {
          ...record,
          review,
          personView: personView ?? null,
          carerView: carerView ?? null,
          actions,
          privateNote: privateNote?.note ?? null,
          ratings: Object.fromEntries(ratings.map((r) => [r.area, r.rating as Rating])),
          ...partiesOf(actor, record),
        };
      });
    },

    /** For the person's Easy Read pages: the open review and their answers so far. */
    async personView(actor: Actor, arrangementId: string, reviewId: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        if (!partiesOf(actor, record).asPerson) throw notFound();
        const review = await reviewOf(tx, arrangementId, reviewId);
        if (review.kind !== 'review') throw notFound();
        const [view] = await tx.select().from(reviewPersonViews).where(eq(reviewPersonViews.reviewId, reviewId));
        await audit(tx, actor, {
          action: 'viewed',
          recordType: 'person’s view of a review',
          recordId: reviewId,
          subjectUserId: record.person.userId,
        });
        return { ...record, review, view: view ?? null, self: actor.role === 'person' };
      });
    },

    /** Staff say who is answering with the person; the person starts their own. */
    async startPersonView(
      actor: Actor,
      arrangementId: string,
      reviewId: string,
      input: { answeredBy: AnsweredBy; supportFrom: string | null },
    ) {
      return db.inScope(actor, async (tx) => {
        await openReviewFor(tx, actor, arrangementId, reviewId);
        const who = isStaff(actor) ? input : { answeredBy: 'themselves' as const, supportFrom: null };
        await tx
          .insert(reviewPersonViews)
          .values({ reviewId, schemeId: inScheme(actor).schemeId, ...who, recordedByUserId: actor.userId, recordedByName: actor.name })
          .onConflictDoUpdate({
            target: reviewPersonViews.reviewId,
            set: { ...who, recordedByUserId: actor.userId, recordedByName: actor.name, updatedAt: new Date() },
          });
        await audit(tx, actor, { action: 'updated', recordType: 'person’s view of a review', recordId: reviewId, changes: { ...who } });
      });
    },

    async answer(actor: Actor, arrangementId: string, reviewId: string, question: QuestionKey, answer: Answer) {
      return db.inScope(actor, async (tx) => {
        await openReviewFor(tx, actor, arrangementId, reviewId);
        const patch = sql`${JSON.stringify({ [question]: answer })}::jsonb`;
        await tx
          .insert(reviewPersonViews)
          .values({
            reviewId,
            schemeId: inScheme(actor).schemeId,
            answers: { [question]: answer },
            recordedByUserId: actor.userId,
            recordedByName: actor.name,
          })
          .onConflictDoUpdate({
            target: reviewPersonViews.reviewId,
            set: { answers: sql`${reviewPersonViews.answers} || ${patch}`, updatedAt: new Date() },
          });
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'person’s view of a review',
          recordId: reviewId,
          changes: { [question]: answer },
        });
      });
    },

    async finishPersonView(actor: Actor, arrangementId: string, reviewId: string, anythingElse: string | null) {
      return db.inScope(actor, async (tx) => {
        await openReviewFor(tx, actor, arrangementId, reviewId);
        const [view] = await tx
          .select({ answers: reviewPersonViews.answers })
          .from(reviewPersonViews)
          .where(eq(reviewPersonViews.reviewId, reviewId));
        const missing = QUESTION_KEYS.find((q) => !view?.answers[q]);
        if (missing) throw new InputProblem('anythingElse', 'Please answer every question first. You can choose “I do not want to say”.');
        await tx
          .update(reviewPersonViews)
          .set({ anythingElse, finishedAt: new Date(), updatedAt: new Date() })
          .where(eq(reviewPersonViews.reviewId, reviewId));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'person’s view of a review',
          recordId: reviewId,
          changes: { anythingElse, finished: true },
        });
      });
    },

    async saveCarerView(actor: Actor, arrangementId: string, reviewId: string, input: CarerView) {
      if (!isStaff(actor) && actor.role !== 'carer') throw notFound();
      return db.inScope(actor, async (tx) => {
        await openReviewFor(tx, actor, arrangementId, reviewId);
        const by = { recordedByUserId: actor.userId, recordedByName: actor.name };
        await tx
          .insert(reviewCarerViews)
          .values({ reviewId, schemeId: inScheme(actor).schemeId, ...input, ...by })
          .onConflictDoUpdate({ target: reviewCarerViews.reviewId, set: { ...input, ...by, updatedAt: new Date() } });
        await audit(tx, actor, { action: 'updated', recordType: 'carer’s view of a review', recordId: reviewId, changes: { ...input } });
      });
    },

    /** The worker's summary, ratings and actions: after the person's view, and then the review is finished. */
    async complete(actor: Actor, arrangementId: string, reviewId: string, input: Completion) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const { arrangement } = await openReviewFor(tx, actor, arrangementId, reviewId);
        if (input.heldOn > clock()) throw new InputProblem('heldOn', 'The date of the review must be today or in the past');
        if (input.heldOn < arrangement.startsOn)
          throw new InputProblem('heldOn', 'The date must be on or after the day the arrangement started');
        const [view] = await tx
          .select({ finishedAt: reviewPersonViews.finishedAt })
          .from(reviewPersonViews)
          .where(eq(reviewPersonViews.reviewId, reviewId));
        if (!view?.finishedAt)
          throw new InputProblem(
            'summary',
            'Record the person’s own view first: the person answers their questions, or you answer them with the person',
          );
        const schemeId = inScheme(actor).schemeId;
        await tx
          .insert(reviewRatings)
          .values(Object.entries(input.ratings).map(([area, rating]) => ({ reviewId, schemeId, area: area as WellbeingArea, rating })));
        if (input.actions.length)
          await tx.insert(reviewActions).values(input.actions.map((a, position) => ({ reviewId, schemeId, position, ...a })));
        if (input.privateNote) await tx.insert(reviewPrivateNotes).values({ reviewId, schemeId, note: input.privateNote });
        await tx
          .update(arrangementReviews)
          .set({ heldOn: input.heldOn, summary: input.summary, completedAt: new Date(), completedByName: actor.name })
          .where(eq(arrangementReviews.id, reviewId));
        await audit(tx, actor, {
          action: 'updated',
          recordType: RECORD,
          recordId: reviewId,
          changes: {
            heldOn: input.heldOn,
            summary: input.summary,
            ratings: input.ratings,
            actions: input.actions,
            privateNote: input.privateNote,
            completed: true,
          },
        });
      });
    },

    /** Every completed review of the person (in the arrangements this actor may see), with its ratings, oldest first. */
    async wellbeing(actor: Actor, arrangementId: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const readable = await mayReadReviews(tx, actor, record.person.id);
        const reviews = readable
          ? await tx
              .select({ id: arrangementReviews.id, heldOn: arrangementReviews.heldOn, carerName })
              .from(arrangementReviews)
              .innerJoin(arrangements, eq(arrangements.id, arrangementReviews.arrangementId))
              .leftJoin(carers, withCarer)
              .where(
                and(
                  eq(arrangements.personId, record.person.id),
                  eq(arrangementReviews.kind, 'review'),
                  isNotNull(arrangementReviews.completedAt),
                ),
              )
              .orderBy(asc(arrangementReviews.heldOn))
          : [];
        const ratings = reviews.length
          ? await tx
              .select()
              .from(reviewRatings)
              .where(
                inArray(
                  reviewRatings.reviewId,
                  reviews.map((r) => r.id),
                ),
              )
          : [];
        const rated: (RatedReview & { carerName: string | null })[] = reviews.map((r) => ({
          ...r,
          ratings: Object.fromEntries(ratings.filter((x) => x.reviewId === r.id).map((x) => [x.area, x.rating as Rating])),
        }));
        await audit(tx, actor, {
          action: 'viewed',
          recordType: 'wellbeing over time',
          recordId: record.person.id,
          subjectUserId: record.person.userId,
        });
        return { ...record, readable, reviews: rated };
      });
    },
  };
}

export type ReviewsService = ReturnType<typeof reviewsService>;
