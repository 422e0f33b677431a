import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { arrangements } from '../arrangements/schema.js';
import { staffWrites } from '../arrangements/policy.js';
import { schemeIdColumn, schemes, users } from '../platform/db/schema.js';
import { appRole, currentRole, tenantIsolation } from '../platform/db/tenancy.js';
import { noDeletes, partOfReviewVisible, reviewVisible, staffOnly, staffWritesOpen, theCarer, thePerson, viewWrites } from './policy.js';
import { DEFAULT_REVIEW_SETTINGS } from './schedule.js';
import { ANSWERED_BY, REVIEW_KINDS, WELLBEING_AREAS } from './words.js';

/*
 * Arrangement reviews and visits (not carers' yearly reviews, which are `carer_reviews`): the
 * person's view first, then the carer's, then the worker's summary, agreed actions and a rating of
 * each Care Act wellbeing area. Who sees and writes what is in ./policy.ts.
 */

export const reviewKind = pgEnum('arrangement_review_kind', REVIEW_KINDS);
export const wellbeingArea = pgEnum('wellbeing_area', WELLBEING_AREAS);
export const answeredBy = pgEnum('review_answered_by', ANSWERED_BY);

const at = (name: string) => timestamp(name, { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });
const reviewColumn = () =>
  uuid('review_id')
    .notNull()
    .references(() => arrangementReviews.id, { onDelete: 'cascade' });

/** Each scheme's review schedule; without a row, the default (monthly visits for 6 months, a review at 6 weeks, then yearly). */
export const reviewSettings = pgTable(
  'review_settings',
  {
    schemeId: uuid('scheme_id')
      .primaryKey()
      .references(() => schemes.id),
    visitMonths: integer('visit_months').notNull().default(DEFAULT_REVIEW_SETTINGS.visitMonths),
    firstReviewWeeks: integer('first_review_weeks').notNull().default(DEFAULT_REVIEW_SETTINGS.firstReviewWeeks),
    reviewEveryMonths: integer('review_every_months').notNull().default(DEFAULT_REVIEW_SETTINGS.reviewEveryMonths),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
    updatedAt: at('updated_at'),
  },
  (t) => [
    check(
      'review_settings_ranges',
      sql`${t.visitMonths} between 0 and 24 and ${t.firstReviewWeeks} between 1 and 52 and ${t.reviewEveryMonths} between 1 and 36`,
    ),
    tenantIsolation(),
    ...(['insert', 'update', 'delete'] as const).map((action) =>
      pgPolicy(`manager_writes_${action}`, {
        as: 'restrictive',
        for: action,
        to: appRole,
        ...(action === 'insert'
          ? { withCheck: sql`${currentRole} = 'scheme_manager'` }
          : { using: sql`${currentRole} = 'scheme_manager'` }),
      }),
    ),
  ],
).enableRLS();

/**
 * A visit (done when recorded: a date and a short note) or a review (planned for a date, open while
 * the person's and carer's views are gathered, completed by the worker with a summary and ratings).
 */
export const arrangementReviews = pgTable(
  'arrangement_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => arrangements.id, { onDelete: 'cascade' }),
    kind: reviewKind('kind').notNull(),
    /** When it is (or was) held. */
    heldOn: day('held_on').notNull(),
    /** A visit's short note. */
    note: text('note'),
    /** The worker's summary, in plain words: everyone who reads the review reads it. */
    summary: text('summary'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByName: text('completed_by_name'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: at('created_at'),
  },
  (t) => [
    index('arrangement_reviews_arrangement').on(t.arrangementId, t.heldOn),
    check('arrangement_reviews_visit_whole', sql`${t.kind} <> 'visit' or (${t.note} is not null and ${t.completedAt} is not null)`),
    check('arrangement_reviews_completed_whole', sql`${t.kind} <> 'review' or ((${t.completedAt} is null) = (${t.summary} is null))`),
    tenantIsolation(),
    reviewVisible(sql.raw('arrangement_reviews.arrangement_id')),
    ...staffWrites(),
  ],
).enableRLS();

/** The person's own view: their answers to the Easy Read questions, in their words, and who helped. */
export const reviewPersonViews = pgTable(
  'review_person_views',
  {
    reviewId: reviewColumn().primaryKey(),
    schemeId: schemeIdColumn(),
    /** Question key → answer (words.ts ANSWERS), checked by the service. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    anythingElse: text('anything_else'),
    answeredBy: answeredBy('answered_by').notNull().default('themselves'),
    supportFrom: text('support_from'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    recordedByUserId: uuid('recorded_by_user_id'),
    recordedByName: text('recorded_by_name'),
    updatedAt: at('updated_at'),
  },
  (t) => [
    check('review_person_views_support', sql`(${t.answeredBy} = 'with_support') = (${t.supportFrom} is not null)`),
    tenantIsolation(),
    partOfReviewVisible(sql.raw('review_person_views.review_id')),
    ...viewWrites(sql.raw('review_person_views.review_id'), thePerson),
    noDeletes,
  ],
).enableRLS();

/** The carer's view. */
export const reviewCarerViews = pgTable(
  'review_carer_views',
  {
    reviewId: reviewColumn().primaryKey(),
    schemeId: schemeIdColumn(),
    goingWell: text('going_well').notNull(),
    notGoingWell: text('not_going_well'),
    supportNeeded: text('support_needed'),
    recordedByUserId: uuid('recorded_by_user_id'),
    recordedByName: text('recorded_by_name'),
    updatedAt: at('updated_at'),
  },
  () => [
    tenantIsolation(),
    partOfReviewVisible(sql.raw('review_carer_views.review_id')),
    ...viewWrites(sql.raw('review_carer_views.review_id'), theCarer),
    noDeletes,
  ],
).enableRLS();

/** A rating of one Care Act wellbeing area, 1 (very poor) to 5 (very good), at one review. */
export const reviewRatings = pgTable(
  'review_ratings',
  {
    reviewId: reviewColumn(),
    schemeId: schemeIdColumn(),
    area: wellbeingArea('area').notNull(),
    rating: smallint('rating').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.area] }),
    check('review_ratings_range', sql`${t.rating} between 1 and 5`),
    tenantIsolation(),
    partOfReviewVisible(sql.raw('review_ratings.review_id')),
    ...staffWritesOpen(sql.raw('review_ratings.review_id')),
  ],
).enableRLS();

/** An action agreed at a review: what, who does it, by when. */
export const reviewActions = pgTable(
  'review_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: reviewColumn(),
    schemeId: schemeIdColumn(),
    position: integer('position').notNull(),
    action: text('action').notNull(),
    who: text('who').notNull(),
    byWhen: day('by_when').notNull(),
  },
  (t) => [
    index('review_actions_review').on(t.reviewId, t.position),
    tenantIsolation(),
    partOfReviewVisible(sql.raw('review_actions.review_id')),
    ...staffWritesOpen(sql.raw('review_actions.review_id')),
  ],
).enableRLS();

/** What the worker keeps for the scheme only: never shown to the carer, the person or their circle. */
export const reviewPrivateNotes = pgTable(
  'review_private_notes',
  {
    reviewId: reviewColumn().primaryKey(),
    schemeId: schemeIdColumn(),
    note: text('note').notNull(),
  },
  () => [tenantIsolation(), staffOnly],
).enableRLS();
