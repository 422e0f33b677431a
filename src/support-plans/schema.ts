import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { arrangements } from '../arrangements/schema.js';
import { schemeIdColumn } from '../platform/db/schema.js';
import { tenantIsolation } from '../platform/db/tenancy.js';
import type { PlanRisk } from './plan.js';
import { never, planVisible, proposedByParty, staffWrite, withPlan, writtenByThemselves } from './policy.js';
import { PARTY_ROLES, PROPOSAL_KINDS, PROPOSAL_STATUSES } from './words.js';

/*
 * Support plans, co-produced. A plan per arrangement, in versions: its row holds the current
 * version number, and a save moves it on only from the version the writer started from
 * (`update … where version = n`), while the versions' unique (plan_id, version) refuses a second
 * version n + 1: of two people saving at once, one wins and the other merges.
 */

export const proposalKind = pgEnum('support_plan_proposal_kind', PROPOSAL_KINDS);
export const proposalStatus = pgEnum('support_plan_proposal_status', PROPOSAL_STATUSES);
export const partyRole = pgEnum('support_plan_party', PARTY_ROLES);

const at = (name: string) => timestamp(name, { withTimezone: true }).notNull().defaultNow();

export const supportPlans = pgTable(
  'support_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => arrangements.id, { onDelete: 'cascade' }),
    /** The current version: moved on by one, from the version the writer read, at each save. */
    version: integer('version').notNull(),
    createdAt: at('created_at'),
    updatedAt: at('updated_at'),
  },
  (t) => [
    uniqueIndex('support_plans_arrangement').on(t.arrangementId),
    check('support_plans_version_positive', sql`${t.version} >= 1`),
    tenantIsolation(),
    planVisible,
    ...staffWrite(['insert', 'update']),
    ...never(['delete']),
  ],
).enableRLS();

const planColumn = () =>
  uuid('plan_id')
    .notNull()
    .references(() => supportPlans.id, { onDelete: 'cascade' });

/** Each version as it was saved: every part, which parts changed, who changed them and why. Never changed. */
export const supportPlanVersions = pgTable(
  'support_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    planId: planColumn(),
    version: integer('version').notNull(),
    goals: text('goals').notNull(),
    dailySupport: text('daily_support').notNull(),
    risks: jsonb('risks').$type<PlanRisk[]>().notNull(),
    medication: text('medication').notNull(),
    importantPeople: text('important_people').notNull(),
    routines: text('routines').notNull(),
    changedSections: text('changed_sections').array().notNull(),
    reason: text('reason').notNull(),
    /** The proposal this version accepted, when it came from one. */
    proposalId: uuid('proposal_id'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    createdAt: at('created_at'),
  },
  (t) => [
    uniqueIndex('support_plan_versions_version').on(t.planId, t.version),
    check('support_plan_versions_version_positive', sql`${t.version} >= 1`),
    check('support_plan_versions_reason_given', sql`length(trim(${t.reason})) > 0`),
    check('support_plan_versions_risks_list', sql`jsonb_typeof(${t.risks}) = 'array'`),
    tenantIsolation(),
    withPlan(sql.raw('support_plan_versions.plan_id')),
    ...staffWrite(['insert']),
    ...never(['update', 'delete']),
  ],
).enableRLS();

/** A comment on, or a change proposed to, a part of the plan, in the words of who made it; the worker decides. */
export const supportPlanProposals = pgTable(
  'support_plan_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    planId: planColumn(),
    section: text('section').notNull(),
    kind: proposalKind('kind').notNull(),
    /** What they want, or what they say, in their own words. */
    words: text('words').notNull(),
    /** New wording for the part, when they wrote it out. */
    proposedText: text('proposed_text'),
    /** The version they were reading. */
    onVersion: integer('on_version').notNull(),
    status: proposalStatus('status').notNull().default('open'),
    authorUserId: uuid('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    authorRole: partyRole('author_role').notNull(),
    createdAt: at('created_at'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedByName: text('decided_by_name'),
    decisionReason: text('decision_reason'),
    /** The version that took it in, when accepted. */
    acceptedVersion: integer('accepted_version'),
  },
  (t) => [
    index('support_plan_proposals_plan').on(t.planId, t.status, t.createdAt),
    index('support_plan_proposals_open')
      .on(t.schemeId, t.status)
      .where(sql`${t.status} in ('open', 'discussing')`),
    check(
      'support_plan_proposals_section',
      sql`${t.section} in ('goals', 'dailySupport', 'risks', 'medication', 'importantPeople', 'routines', 'whole')`,
    ),
    check('support_plan_proposals_words_given', sql`length(trim(${t.words})) > 0`),
    check('support_plan_proposals_decided', sql`(${t.status} in ('open', 'discussing')) = (${t.decidedAt} is null)`),
    check('support_plan_proposals_declined_reason', sql`${t.status} <> 'declined' or ${t.decisionReason} is not null`),
    check('support_plan_proposals_accepted_version', sql`(${t.status} = 'accepted') = (${t.acceptedVersion} is not null)`),
    tenantIsolation(),
    withPlan(sql.raw('support_plan_proposals.plan_id')),
    proposedByParty,
    ...staffWrite(['update']),
    ...never(['delete']),
  ],
).enableRLS();

/** The conversation about a proposal: replies from the worker, the person, their circle or the carer. Never changed. */
export const supportPlanMessages = pgTable(
  'support_plan_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => supportPlanProposals.id, { onDelete: 'cascade' }),
    words: text('words').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    /** Their role as shown: "Scheme worker", "Shared Lives carer", "The person", "Circle of support". */
    authorAs: text('author_as').notNull(),
    createdAt: at('created_at'),
  },
  (t) => [
    index('support_plan_messages_proposal').on(t.proposalId, t.createdAt),
    check('support_plan_messages_words_given', sql`length(trim(${t.words})) > 0`),
    tenantIsolation(),
    withPlan(sql.raw('(select q.plan_id from support_plan_proposals q where q.id = support_plan_messages.proposal_id)')),
    writtenByThemselves,
    ...never(['update', 'delete']),
  ],
).enableRLS();
