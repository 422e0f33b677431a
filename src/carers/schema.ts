import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { tenantIsolation } from '../platform/db/tenancy.js';
import { SMOKING } from './household.js';
import { ownCarerOf, staffOrOwnCarer } from './policy.js';
import { CARER_STAGES } from './stages.js';
import { ARRANGEMENT_TYPES, NEEDS } from './terms.js';
import { currentUserId } from '../platform/db/tenancy.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });

export const carerStage = pgEnum('carer_stage', CARER_STAGES);
export const smoking = pgEnum('smoking', SMOKING);
export const arrangementType = pgEnum('arrangement_type', ARRANGEMENT_TYPES);
export const need = pgEnum('need', NEEDS);
export const approvalDecision = pgEnum('approval_decision', ['approved', 'declined']);
export const approvalBasis = pgEnum('approval_basis', ['panel', 'earlier_record']);
export const reviewOutcome = pgEnum('review_outcome', ['continue', 'continue_with_changes', 'refer_to_panel']);

const stagesNeedingReason = sql.raw(`'withdrawn', 'declined', 'paused', 'left'`);

/** A Shared Lives carer, from first enquiry on: where they are in their journey and who supports them. */
export const carers = pgTable(
  'carers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    /** Their own sign-in, once they have one. */
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    postcode: text('postcode'),
    area: text('area'),
    latitude: numeric('latitude', { precision: 8, scale: 5, mode: 'number' }),
    longitude: numeric('longitude', { precision: 8, scale: 5, mode: 'number' }),
    workerUserId: uuid('worker_user_id').references(() => users.id),
    stage: carerStage('stage').notNull().default('enquiry'),
    stageSince: day('stage_since')
      .notNull()
      .default(sql`current_date`),
    stageReason: text('stage_reason'),
    enquiredOn: day('enquired_on')
      .notNull()
      .default(sql`current_date`),
    approvedOn: day('approved_on'),
    /** When the next yearly review is due: set on approval and by each review. */
    reviewDueOn: day('review_due_on'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('carers_scheme_stage').on(t.schemeId, t.stage, t.stageSince),
    index('carers_scheme_name').on(t.schemeId, t.name),
    index('carers_scheme_worker').on(t.schemeId, t.workerUserId),
    index('carers_scheme_area').on(t.schemeId, t.area),
    index('carers_scheme_review').on(t.schemeId, t.reviewDueOn),
    uniqueIndex('carers_user').on(t.schemeId, t.userId),
    check('carers_reason_when_needed', sql`${t.stage} not in (${stagesNeedingReason}) or ${t.stageReason} is not null`),
    check('carers_approved_has_date', sql`${t.stage} not in ('approved', 'paused') or ${t.approvedOn} is not null`),
    check('carers_latitude', sql`${t.latitude} between -90 and 90`),
    check('carers_longitude', sql`${t.longitude} between -180 and 180`),
    check('carers_email_lower', sql`${t.email} = lower(${t.email})`),
    tenantIsolation(),
    staffOrOwnCarer(sql`user_id = ${currentUserId}`),
  ],
).enableRLS();

/** The carer's home and way of life: with the household, their matching profile. */
export const carerHomes = pgTable(
  'carer_homes',
  {
    carerId: uuid('carer_id')
      .primaryKey()
      .references(() => carers.id, { onDelete: 'cascade' }),
    schemeId: schemeIdColumn(),
    bedrooms: integer('bedrooms'),
    spareBedrooms: integer('spare_bedrooms'),
    stepFree: boolean('step_free'),
    ownBathroom: boolean('own_bathroom'),
    smoking: smoking('smoking'),
    pets: text('pets'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    faith: text('faith'),
    culture: text('culture'),
    interests: text('interests')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    routines: text('routines'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('carer_homes_bedrooms', sql`${t.bedrooms} between 0 and 30 and ${t.spareBedrooms} between 0 and ${t.bedrooms}`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('carer_homes')),
  ],
).enableRLS();

/** Everyone else who lives in the carer's home. Adults need their own checks. */
export const householdMembers = pgTable(
  'household_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    dateOfBirth: day('date_of_birth').notNull(),
    movedOutOn: day('moved_out_on'),
    createdAt: createdAt(),
  },
  (t) => [
    index('household_members_carer').on(t.carerId),
    check('household_members_moved_after_birth', sql`${t.movedOutOn} is null or ${t.movedOutOn} >= ${t.dateOfBirth}`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('household_members')),
  ],
).enableRLS();

/** Every move along the journey: from, to, when, why and who. Never changed, only added to. */
export const carerStageChanges = pgTable(
  'carer_stage_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    fromStage: carerStage('from_stage'),
    toStage: carerStage('to_stage').notNull(),
    reason: text('reason'),
    effectiveOn: day('effective_on').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('carer_stage_changes_carer').on(t.carerId, t.at),
    check('carer_stage_changes_reason', sql`${t.toStage} not in (${stagesNeedingReason}) or ${t.reason} is not null`),
    check('carer_stage_changes_moves', sql`${t.fromStage} is distinct from ${t.toStage}`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('carer_stage_changes')),
  ],
).enableRLS();

/** The yearly carer review: how it is going, the carer's own view, and when the next is due. */
export const carerReviews = pgTable(
  'carer_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    reviewedOn: day('reviewed_on').notNull(),
    outcome: reviewOutcome('outcome').notNull(),
    carerView: text('carer_view'),
    summary: text('summary').notNull(),
    nextDueOn: day('next_due_on').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('carer_reviews_carer').on(t.carerId, t.reviewedOn),
    check('carer_reviews_next_after', sql`${t.nextDueOn} > ${t.reviewedOn}`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('carer_reviews')),
  ],
).enableRLS();
