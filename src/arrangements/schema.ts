import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { arrangementType, carers } from '../carers/schema.js';
import { people } from '../people/schema.js';
import { matchProposals } from '../matching/schema.js';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { tenantIsolation } from '../platform/db/tenancy.js';
import { acknowledgedByParty, arrangementVisible, neverChanged, staffWrites, templatePolicies, withArrangement } from './policy.js';
import { ARRANGEMENT_STATUSES, END_KINDS, FUNDERS } from './status.js';
import { AGREEMENT_KINDS } from './templates.js';

/*
 * Arrangements and their agreements. The carer's approval terms are the database's word too:
 * the trigger `hearth_check_arrangement` (custom migration `arrangements_custom`) refuses an
 * arrangement the carer is not approved for, or one live-in arrangement too many.
 */

export const arrangementStatus = pgEnum('arrangement_status', ARRANGEMENT_STATUSES);
export const funder = pgEnum('funder', FUNDERS);
export const endKind = pgEnum('end_kind', END_KINDS);
export const agreementKind = pgEnum('agreement_kind', AGREEMENT_KINDS);
export const agreementParty = pgEnum('agreement_party', ['person', 'carer', 'scheme']);

const day = (name: string) => date(name, { mode: 'string' });
const at = (name: string) => timestamp(name, { withTimezone: true }).notNull().defaultNow();

/** A person and a Shared Lives carer, living or spending time together: from starting to ended, never deleted. */
export const arrangements = pgTable(
  'arrangements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id),
    type: arrangementType('type').notNull(),
    status: arrangementStatus('status').notNull().default('starting'),
    statusSince: day('status_since').notNull(),
    startsOn: day('starts_on').notNull(),
    plannedEndOn: day('planned_end_on'),
    workerUserId: uuid('worker_user_id').references(() => users.id),
    funder: funder('funder').notNull(),
    funderDetail: text('funder_detail'),
    /** The agreed match it came from, when it came through matching in Hearth. */
    matchId: uuid('match_id').references(() => matchProposals.id),
    endedOn: day('ended_on'),
    endKind: endKind('end_kind'),
    endReason: text('end_reason'),
    whatsNext: text('whats_next'),
    createdAt: at('created_at'),
    updatedAt: at('updated_at'),
  },
  (t) => [
    index('arrangements_scheme_status').on(t.schemeId, t.status, t.statusSince),
    index('arrangements_scheme_worker').on(t.schemeId, t.workerUserId, t.status),
    index('arrangements_carer').on(t.carerId, t.status),
    index('arrangements_person').on(t.personId, t.status),
    check('arrangements_planned_end_after_start', sql`${t.plannedEndOn} is null or ${t.plannedEndOn} > ${t.startsOn}`),
    check(
      'arrangements_ended_whole',
      sql`(${t.status} = 'ended') = (${t.endedOn} is not null and ${t.endKind} is not null and ${t.endReason} is not null)`,
    ),
    check('arrangements_ended_after_start', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startsOn}`),
    tenantIsolation(),
    arrangementVisible,
    ...staffWrites(),
  ],
).enableRLS();

const arrangementColumn = () =>
  uuid('arrangement_id')
    .notNull()
    .references(() => arrangements.id, { onDelete: 'cascade' });

/** Every change of an arrangement's status: from, to, when, why and who. Never changed, only added to. */
export const arrangementStatusChanges = pgTable(
  'arrangement_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    arrangementId: arrangementColumn(),
    fromStatus: arrangementStatus('from_status'),
    toStatus: arrangementStatus('to_status').notNull(),
    on: day('on').notNull(),
    reason: text('reason'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    at: at('at'),
  },
  (t) => [
    index('arrangement_status_changes_arrangement').on(t.arrangementId, t.at),
    check('arrangement_status_changes_moved', sql`${t.fromStatus} is distinct from ${t.toStatus}`),
    tenantIsolation(),
    withArrangement(sql.raw('arrangement_status_changes.arrangement_id')),
    ...staffWrites(),
  ],
).enableRLS();

/** A scheme's agreement templates, in versions: editing adds a version, the old ones are kept. */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    kind: agreementKind('kind').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    easyRead: text('easy_read').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    createdAt: at('created_at'),
  },
  (t) => [
    uniqueIndex('agreement_templates_version').on(t.schemeId, t.kind, t.version),
    check('agreement_templates_version_positive', sql`${t.version} >= 1`),
    tenantIsolation(),
    ...templatePolicies(),
  ],
).enableRLS();

/** An agreement issued for an arrangement: the filled text as it was, with the template version it came from. */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    arrangementId: arrangementColumn(),
    kind: agreementKind('kind').notNull(),
    /** 1 for the first issued to this arrangement, 2 for the next, and so on. */
    version: integer('version').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => agreementTemplates.id),
    templateVersion: integer('template_version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    easyRead: text('easy_read').notNull(),
    issuedByUserId: uuid('issued_by_user_id'),
    issuedByName: text('issued_by_name'),
    issuedAt: at('issued_at'),
  },
  (t) => [
    uniqueIndex('agreements_version').on(t.arrangementId, t.kind, t.version),
    check('agreements_version_positive', sql`${t.version} >= 1`),
    tenantIsolation(),
    withArrangement(sql.raw('agreements.arrangement_id')),
    ...staffWrites(),
  ],
).enableRLS();

/** Who read and acknowledged which issued version: for each party, who it was, as whom, and when. */
export const agreementAcknowledgements = pgTable(
  'agreement_acknowledgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    party: agreementParty('party').notNull(),
    /** Who acknowledged: the person, their representative, the carer, or someone for the scheme. */
    name: text('name').notNull(),
    /** As whom: "The person", "Their sister, for them", "Scheme manager". */
    asWhom: text('as_whom').notNull(),
    recordedByUserId: uuid('recorded_by_user_id'),
    at: at('at'),
  },
  (t) => [
    uniqueIndex('agreement_acknowledgements_once').on(t.agreementId, t.party),
    tenantIsolation(),
    withArrangement(sql.raw('(select g.arrangement_id from agreements g where g.id = agreement_acknowledgements.agreement_id)')),
    acknowledgedByParty,
    ...neverChanged(),
  ],
).enableRLS();
