import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { appRole, currentRole, tenantIsolation } from '../platform/db/tenancy.js';
import { PERSON_STATUSES } from './status.js';
import {
  CIRCLE_RELATIONSHIPS,
  COMMUNICATION_NEEDS,
  CONSENT_AREAS,
  CONTACT_METHODS,
  HOUSEHOLD_ANSWERS,
  PLACE_KINDS,
  REFERRAL_SOURCES,
  URGENCIES,
} from './words.js';

/*
 * People who use Shared Lives, and what is recorded with them. Every table here is a tenant table.
 * Only scheme staff write (the restrictive `staff_writes` policies). Who may read a person's rows
 * (staff; the person; circle members they consented to) is the restrictive `person_visible` policy
 * of each table, made in the hand-written migration `people_custom` since it calls a function.
 */

export const personStatus = pgEnum('person_status', PERSON_STATUSES);
export const referralSource = pgEnum('referral_source', REFERRAL_SOURCES);
export const referralUrgency = pgEnum('referral_urgency', URGENCIES);
export const referralDecision = pgEnum('referral_decision', ['accepted', 'declined']);
export const communicationNeed = pgEnum('communication_need', COMMUNICATION_NEEDS);
export const contactMethod = pgEnum('contact_method', CONTACT_METHODS);
export const circleRelationship = pgEnum('circle_relationship', CIRCLE_RELATIONSHIPS);
export const consentArea = pgEnum('consent_area', CONSENT_AREAS);
export const householdAnswer = pgEnum('household_answer', HOUSEHOLD_ANSWERS);
export const placeKind = pgEnum('place_kind', PLACE_KINDS);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const byUser = (name: string) => uuid(name).references(() => users.id);

const staffOnly = sql`${currentRole} in ('scheme_manager', 'scheme_worker')`;
const staffWrites = () =>
  (['insert', 'update', 'delete'] as const).map((action) =>
    pgPolicy(`staff_writes_${action}`, {
      as: 'restrictive',
      for: action,
      to: appRole,
      ...(action === 'insert' ? { withCheck: staffOnly } : { using: staffOnly }),
    }),
  );

const ARRANGEMENTS_SQL = sql.raw(`array['live_in', 'short_breaks', 'day_support']::text[]`);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    name: text('name').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth'),
    pronouns: text('pronouns'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    postcode: text('postcode'),
    area: text('area'),
    latitude: numeric('latitude', { precision: 8, scale: 5, mode: 'number' }),
    longitude: numeric('longitude', { precision: 8, scale: 5, mode: 'number' }),
    /** The person's own sign-in, when they have one. */
    userId: byUser('user_id'),
    workerUserId: byUser('worker_user_id'),
    status: personStatus('status').notNull().default('referred'),
    statusSince: date('status_since').notNull(),
    /** When supported: live-in, short breaks and/or day support. */
    arrangementTypes: text('arrangement_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('people_scheme_status').on(t.schemeId, t.status, t.statusSince),
    index('people_scheme_name').on(t.schemeId, t.name),
    index('people_scheme_worker').on(t.schemeId, t.workerUserId),
    index('people_scheme_area').on(t.schemeId, t.area),
    uniqueIndex('people_scheme_user')
      .on(t.schemeId, t.userId)
      .where(sql`${t.userId} is not null`),
    check('people_name_given', sql`length(trim(${t.name})) > 0`),
    check('people_location_whole', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check('people_location_uk', sql`${t.latitude} is null or (${t.latitude} between 49 and 61 and ${t.longitude} between -9 and 2)`),
    check('people_arrangements_known', sql`${t.arrangementTypes} <@ ${ARRANGEMENTS_SQL}`),
    check('people_supported_has_arrangements', sql`(${t.status} = 'supported') = (cardinality(${t.arrangementTypes}) > 0)`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

const personColumn = () =>
  uuid('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' });

/** Every change of status: who, when and why. Never changed once written. */
export const personStatusChanges = pgTable(
  'person_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    fromStatus: personStatus('from_status'),
    toStatus: personStatus('to_status').notNull(),
    on: date('on').notNull(),
    arrangementTypes: text('arrangement_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reason: text('reason'),
    recordedByUserId: byUser('recorded_by_user_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_status_changes_person').on(t.personId, t.recordedAt),
    check('person_status_changes_moved', sql`${t.fromStatus} is distinct from ${t.toStatus} or ${t.toStatus} = 'supported'`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/** How someone came to the scheme: one referral per person. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    source: referralSource('source').notNull(),
    referrerName: text('referrer_name'),
    referrerOrganisation: text('referrer_organisation'),
    referrerContact: text('referrer_contact'),
    receivedOn: date('received_on').notNull(),
    reason: text('reason').notNull(),
    urgency: referralUrgency('urgency').notNull(),
    whatTheyWant: text('what_they_want').notNull(),
    recordedByUserId: byUser('recorded_by_user_id'),
    createdAt: createdAt(),
    decision: referralDecision('decision'),
    decisionReason: text('decision_reason'),
    decidedOn: date('decided_on'),
    decidedByUserId: byUser('decided_by_user_id'),
  },
  (t) => [
    uniqueIndex('referrals_person').on(t.personId),
    index('referrals_scheme_urgency').on(t.schemeId, t.urgency),
    check('referrals_referrer_named', sql`${t.source} = 'self' or ${t.referrerName} is not null`),
    check('referrals_decision_dated', sql`(${t.decision} is null) = (${t.decidedOn} is null)`),
    check('referrals_decline_has_reason', sql`${t.decision} is distinct from 'declined' or ${t.decisionReason} is not null`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/** The one-page profile, in versions: a new version for each change, the old ones kept. */
export const onePageProfiles = pgTable(
  'one_page_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    version: integer('version').notNull(),
    likeAndAdmire: text('like_and_admire').notNull(),
    importantToMe: text('important_to_me').notNull(),
    howToSupportMe: text('how_to_support_me').notNull(),
    /** Who wrote it with the person. */
    writtenWith: text('written_with').notNull(),
    inOwnWords: boolean('in_own_words').notNull(),
    recordedByUserId: byUser('recorded_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('one_page_profiles_version').on(t.personId, t.version),
    check('one_page_profiles_version_positive', sql`${t.version} >= 1`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/** Accessible Information Standard: no row means not asked yet; a row with no needs means asked, none. */
export const communicationNeeds = pgTable(
  'communication_needs',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    schemeId: schemeIdColumn(),
    needs: communicationNeed('needs')
      .array()
      .notNull()
      .default(sql`'{}'`),
    otherNeeds: text('other_needs'),
    preferredContact: contactMethod('preferred_contact'),
    notes: text('notes'),
    updatedByUserId: byUser('updated_by_user_id'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('communication_needs_other_described', sql`not ('other' = any(${t.needs})) or ${t.otherNeeds} is not null`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/** The kinds of support need a scheme records and matches on: its own list. */
export const supportNeedCategories = pgTable(
  'support_need_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    name: text('name').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('support_need_categories_name').on(t.schemeId, sql`lower(${t.name})`),
    unique('support_need_categories_in_scheme').on(t.id, t.schemeId),
    check('support_need_categories_named', sql`length(trim(${t.name})) > 0`),
    tenantIsolation(),
    ...staffWrites(),
    pgPolicy('settings_by_manager', { as: 'restrictive', for: 'update', to: appRole, using: sql`${currentRole} = 'scheme_manager'` }),
  ],
).enableRLS();

export const personSupportNeeds = pgTable(
  'person_support_needs',
  {
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    categoryId: uuid('category_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.categoryId] }),
    foreignKey({ columns: [t.categoryId, t.schemeId], foreignColumns: [supportNeedCategories.id, supportNeedCategories.schemeId] }),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/** How needs show day to day, and the health and medication summary. */
export const needsSummaries = pgTable(
  'needs_summaries',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    schemeId: schemeIdColumn(),
    supportNeeds: text('support_needs'),
    health: text('health'),
    medication: text('medication'),
    updatedByUserId: byUser('updated_by_user_id'),
    updatedAt: updatedAt(),
  },
  () => [tenantIsolation(), ...staffWrites()],
).enableRLS();

/** What the person wants from a match: what matching will weigh. */
export const matchingPreferences = pgTable(
  'matching_preferences',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    schemeId: schemeIdColumn(),
    /** What they are waiting for: live_in, short_breaks or day_support (none recorded: live-in). */
    arrangement: text('arrangement'),
    areas: text('areas'),
    maxDistanceMiles: integer('max_distance_miles'),
    household: text('household'),
    children: householdAnswer('children'),
    pets: householdAnswer('pets'),
    smoking: householdAnswer('smoking'),
    faith: text('faith'),
    culture: text('culture'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    interests: text('interests')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    routines: text('routines'),
    liveWithOrNear: text('live_with_or_near'),
    updatedByUserId: byUser('updated_by_user_id'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('matching_preferences_arrangement', sql`${t.arrangement} is null or ${t.arrangement} = any(${ARRANGEMENTS_SQL})`),
    check('matching_preferences_distance', sql`${t.maxDistanceMiles} is null or ${t.maxDistanceMiles} between 1 and 500`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/**
 * A place that matters to the person (family, day service, college, work, friends): matching weighs
 * how near each carer lives to it. Its location comes from its postcode; a postcode Hearth does not
 * know (or none) is kept, and the distance to it is not known. Read by staff, the person, and circle
 * members they consented to for matching; not by carers, even proposed ones: these are the homes of
 * their family and friends.
 */
export const personPlaces = pgTable(
  'person_places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    label: text('label').notNull(),
    kind: placeKind('kind').notNull(),
    postcode: text('postcode'),
    latitude: numeric('latitude', { precision: 8, scale: 5, mode: 'number' }),
    longitude: numeric('longitude', { precision: 8, scale: 5, mode: 'number' }),
    recordedByUserId: byUser('recorded_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('person_places_person').on(t.personId, t.createdAt),
    check('person_places_label', sql`length(trim(${t.label})) between 1 and 80`),
    check('person_places_location_whole', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check('person_places_location_uk', sql`${t.latitude} is null or (${t.latitude} between 49 and 61 and ${t.longitude} between -9 and 2)`),
    check('person_places_location_has_postcode', sql`${t.latitude} is null or ${t.postcode} is not null`),
    tenantIsolation(),
    ...staffWrites(),
    pgPolicy('person_visible', {
      as: 'restrictive',
      for: 'select',
      to: appRole,
      using: sql`${staffOnly} or (${currentRole} in ('person', 'circle_member') and hearth_may_see_person(${t.personId}, 'matching'))`,
    }),
  ],
).enableRLS();

/** A risk, with the positive steps agreed so the person can still do what matters to them. */
export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    risk: text('risk').notNull(),
    positiveSteps: text('positive_steps').notNull(),
    agreedWith: text('agreed_with'),
    recordedByUserId: byUser('recorded_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('risks_person').on(t.personId), tenantIsolation(), ...staffWrites()],
).enableRLS();

/** Family, friends, advocates and social workers around the person. */
export const circleMembers = pgTable(
  'circle_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: personColumn(),
    name: text('name').notNull(),
    relationship: circleRelationship('relationship').notNull(),
    relationshipDetail: text('relationship_detail'),
    phone: text('phone'),
    email: text('email'),
    /** Their own sign-in (role circle of support), when they have one. */
    userId: byUser('user_id'),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('circle_members_person').on(t.personId),
    index('circle_members_user').on(t.userId),
    unique('circle_members_of_person').on(t.id, t.personId),
    uniqueIndex('circle_members_one_link')
      .on(t.personId, t.userId)
      .where(sql`${t.userId} is not null and ${t.endedAt} is null`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();

/** What the person agrees to share with one member of their circle: who recorded it, and when. */
export const circleConsents = pgTable(
  'circle_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: uuid('person_id').notNull(),
    circleMemberId: uuid('circle_member_id').notNull(),
    area: consentArea('area').notNull(),
    recordedByUserId: byUser('recorded_by_user_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnByUserId: byUser('withdrawn_by_user_id'),
  },
  (t) => [
    foreignKey({ columns: [t.circleMemberId, t.personId], foreignColumns: [circleMembers.id, circleMembers.personId] }).onDelete('cascade'),
    uniqueIndex('circle_consents_current')
      .on(t.circleMemberId, t.area)
      .where(sql`${t.withdrawnAt} is null`),
    index('circle_consents_person').on(t.personId),
    check('circle_consents_withdrawn_by', sql`(${t.withdrawnAt} is null) = (${t.withdrawnByUserId} is null)`),
    tenantIsolation(),
    ...staffWrites(),
  ],
).enableRLS();
