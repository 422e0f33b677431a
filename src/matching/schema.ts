import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { carers } from '../carers/schema.js';
import { schemeIdColumn, schemes, users } from '../platform/db/schema.js';
import { appRole, currentRole, currentUserId, tenantIsolation } from '../platform/db/tenancy.js';
import { consentArea, people } from '../people/schema.js';
import { DEFAULT_STEPS } from './workflow.js';

/*
 * Matching and introductions. A proposal puts one carer to one person; both sides answer, then go
 * through the scheme's introduction steps, each side saying after every step whether to go on.
 *
 * Who sees a proposal (restrictive `party_visible`): scheme staff; the carer it names; the person it
 * is for, and circle members the person consented to for matching. Who writes: staff make and
 * change proposals; the carer and the person record their own answers (the service says which
 * columns); no one deletes. What a proposed carer may read of the person is decided by the
 * proposal's `shares`, in `hearth_may_see_person` (custom migration `matching_custom`).
 */

export const proposalAnswer = pgEnum('proposal_answer', ['yes', 'maybe', 'no']);
export const proposalSide = pgEnum('proposal_side', ['person', 'carer', 'scheme']);
export const noteView = pgEnum('note_view', ['hopeful', 'neutral', 'worried']);

const staff = sql`${currentRole} in ('scheme_manager', 'scheme_worker')`;
const ownCarer = sql`(${currentRole} = 'carer' and exists (select 1 from carers c where c.id = carer_id and c.user_id = ${currentUserId}))`;
const ownPerson = sql`(${currentRole} = 'person' and hearth_may_see_person(person_id, 'own'))`;
const personSide = sql`(${currentRole} in ('person', 'circle_member') and hearth_may_see_person(person_id, 'matching'))`;

/** Reads for staff and the parties; answers by staff and the parties; new rows by staff; nothing deleted. */
const partyPolicies = (proposalOf: 'self' | 'parent') => {
  const via = (condition: ReturnType<typeof sql>) =>
    proposalOf === 'self' ? condition : sql`exists (select 1 from match_proposals m where m.id = proposal_id and ${condition})`;
  return [
    pgPolicy('party_visible', {
      as: 'restrictive',
      for: 'select',
      to: appRole,
      using: sql`${staff} or ${via(sql`(${ownCarer} or ${personSide})`)}`,
    }),
    pgPolicy('party_answers', {
      as: 'restrictive',
      for: 'update',
      to: appRole,
      using: sql`${staff} or ${via(sql`(${ownCarer} or ${ownPerson})`)}`,
    }),
    pgPolicy('staff_inserts', { as: 'restrictive', for: 'insert', to: appRole, withCheck: staff }),
    pgPolicy('no_deletes', { as: 'restrictive', for: 'delete', to: appRole, using: sql`false` }),
  ];
};

/** How a scheme matches: its weights for the soft factors, its distance limit and its introduction steps. */
export const matchingSettings = pgTable(
  'matching_settings',
  {
    schemeId: uuid('scheme_id')
      .primaryKey()
      .references(() => schemes.id, { onDelete: 'cascade' }),
    weights: jsonb('weights').$type<Record<string, number>>().notNull().default({}),
    maxMiles: integer('max_miles'),
    introductionSteps: text('introduction_steps')
      .array()
      .notNull()
      .default(sql.raw(`array[${DEFAULT_STEPS.map((s) => `'${s}'`).join(', ')}]::text[]`)),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('matching_settings_miles', sql`${t.maxMiles} is null or ${t.maxMiles} between 1 and 500`),
    check('matching_settings_steps', sql`cardinality(${t.introductionSteps}) between 1 and 8`),
    tenantIsolation(),
    pgPolicy('manager_writes', {
      as: 'restrictive',
      for: 'all',
      to: appRole,
      using: sql`true`,
      withCheck: sql`${currentRole} = 'scheme_manager'`,
    }),
  ],
).enableRLS();

/** One carer put to one person by the scheme, with both sides' answers, until it is agreed or stopped. */
export const matchProposals = pgTable(
  'match_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    /** The engine's score and explanation when proposed, kept as each reader read them: the worker, the person, the carer. */
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    explanation: jsonb('explanation')
      .$type<Record<'worker' | 'person' | 'carer', { factor: string; points: number; text: string; known?: boolean }[]>>()
      .notNull(),
    workerNote: text('worker_note'),
    /** What the worker's note says of the pair, for the score: a hope, a worry, or neither (read as neither when not given). */
    workerNoteView: noteView('worker_note_view'),
    /** What the person agreed the carer may read about them (consent areas). */
    shares: consentArea('shares').array().notNull(),
    proposedByUserId: uuid('proposed_by_user_id')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    personAnswer: proposalAnswer('person_answer'),
    personWords: text('person_words'),
    personAnsweredAt: timestamp('person_answered_at', { withTimezone: true }),
    personAnsweredByUserId: uuid('person_answered_by_user_id').references(() => users.id),
    carerAnswer: proposalAnswer('carer_answer'),
    carerWords: text('carer_words'),
    carerAnsweredAt: timestamp('carer_answered_at', { withTimezone: true }),
    carerAnsweredByUserId: uuid('carer_answered_by_user_id').references(() => users.id),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    stoppedBy: proposalSide('stopped_by'),
    stopWords: text('stop_words'),
    stoppedByUserId: uuid('stopped_by_user_id').references(() => users.id),
    /** The person's agreed match with another carer, which closed this one. */
    closedByMatchId: uuid('closed_by_match_id'),
    /** The agreed match: both said yes after the last step, and the scheme recorded it. */
    agreedOn: date('agreed_on', { mode: 'string' }),
    startsOn: date('starts_on', { mode: 'string' }),
    agreedByUserId: uuid('agreed_by_user_id').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('match_proposals_person').on(t.personId),
    index('match_proposals_carer').on(t.carerId),
    index('match_proposals_scheme_open')
      .on(t.schemeId, t.updatedAt)
      .where(sql`${t.stoppedAt} is null`),
    uniqueIndex('match_proposals_one_open')
      .on(t.personId, t.carerId)
      .where(sql`${t.stoppedAt} is null`),
    unique('match_proposals_in_scheme').on(t.id, t.schemeId),
    check('match_proposals_carer_answers', sql`${t.carerAnswer} is distinct from 'maybe'`),
    check('match_proposals_person_answered', sql`(${t.personAnswer} is null) = (${t.personAnsweredAt} is null)`),
    check('match_proposals_carer_answered', sql`(${t.carerAnswer} is null) = (${t.carerAnsweredAt} is null)`),
    check('match_proposals_stopped', sql`(${t.stoppedAt} is null) = (${t.stoppedBy} is null)`),
    check('match_proposals_agreed', sql`(${t.agreedOn} is null) = (${t.startsOn} is null)`),
    check(
      'match_proposals_agreed_by_both',
      sql`${t.agreedOn} is null or (${t.personAnswer} = 'yes' and ${t.carerAnswer} = 'yes' and ${t.stoppedAt} is null)`,
    ),
    check('match_proposals_shares', sql`cardinality(${t.shares}) > 0`),
    check('match_proposals_closed', sql`${t.closedByMatchId} is null or (${t.stoppedBy} = 'scheme' and ${t.closedByMatchId} <> ${t.id})`),
    foreignKey({ name: 'match_proposals_closed_by', columns: [t.closedByMatchId, t.schemeId], foreignColumns: [t.id, t.schemeId] }),
    check('match_proposals_score', sql`${t.score} between 0 and 100`),
    tenantIsolation(),
    ...partyPolicies('self'),
  ],
).enableRLS();

/** One introduction step of a proposal (first meeting, tea visit…): its date, and whether each side wants to go on after it. */
export const introductionSteps = pgTable(
  'introduction_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    proposalId: uuid('proposal_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }),
    personGoOn: boolean('person_go_on'),
    personWords: text('person_words'),
    personRecordedAt: timestamp('person_recorded_at', { withTimezone: true }),
    personRecordedByUserId: uuid('person_recorded_by_user_id').references(() => users.id),
    carerGoOn: boolean('carer_go_on'),
    carerWords: text('carer_words'),
    carerRecordedAt: timestamp('carer_recorded_at', { withTimezone: true }),
    carerRecordedByUserId: uuid('carer_recorded_by_user_id').references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.proposalId, t.schemeId], foreignColumns: [matchProposals.id, matchProposals.schemeId] }).onDelete('cascade'),
    uniqueIndex('introduction_steps_position').on(t.proposalId, t.position),
    check('introduction_steps_position', sql`${t.position} between 1 and 8`),
    check('introduction_steps_named', sql`length(trim(${t.name})) > 0`),
    check('introduction_steps_person', sql`(${t.personGoOn} is null) = (${t.personRecordedAt} is null)`),
    check('introduction_steps_carer', sql`(${t.carerGoOn} is null) = (${t.carerRecordedAt} is null)`),
    check('introduction_steps_after_date', sql`(${t.personGoOn} is null and ${t.carerGoOn} is null) or ${t.plannedOn} is not null`),
    tenantIsolation(),
    ...partyPolicies('parent'),
  ],
).enableRLS();
