import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgEnum, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { arrangements } from '../arrangements/schema.js';
import { carerOf, readBy, staffChanges, writtenBy } from '../notes/policy.js';
import { actingAsStaff } from '../platform/permissions/staff.js';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { appRole, currentUserId, tenantIsolation } from '../platform/db/tenancy.js';
import { INCIDENT_KINDS, NOTIFIABLE_CATEGORIES, NOTIFICATION_METHODS, SEVERITIES } from './rules.js';

/*
 * Incidents and safeguarding concerns about an arrangement. Sensitive: only scheme staff and the
 * arrangement's carer see them; the person and their circle do not (they can tell someone through
 * their own pages, issue 6). Never deleted: an incident is closed with its outcome.
 */

export const incidentKind = pgEnum('incident_kind', INCIDENT_KINDS);
export const incidentSeverity = pgEnum('incident_severity', SEVERITIES);
export const notifiableCategory = pgEnum('notifiable_category', NOTIFIABLE_CATEGORIES);
export const notificationMethod = pgEnum('notification_method', NOTIFICATION_METHODS);

const at = (name: string) => timestamp(name, { withTimezone: true });

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => arrangements.id, { onDelete: 'cascade' }),
    kind: incidentKind('kind').notNull(),
    severity: incidentSeverity('severity').notNull(),
    occurredAt: at('occurred_at').notNull(),
    place: text('place').notNull(),
    whatHappened: text('what_happened').notNull(),
    whoInvolved: text('who_involved').notNull(),
    immediateAction: text('immediate_action').notNull(),
    categories: notifiableCategory('categories')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Decided by notificationAdvice (rules.ts) when recorded. */
    notifiable: boolean('notifiable').notNull().default(false),
    notifiedOn: date('notified_on', { mode: 'string' }),
    notifiedHow: notificationMethod('notified_how'),
    notificationReference: text('notification_reference'),
    notificationRecordedByName: text('notification_recorded_by_name'),
    /** Serious incidents and safeguarding concerns wait on the attention list until someone says what they did. */
    needsAttention: boolean('needs_attention').notNull().default(false),
    dealtAt: at('dealt_at'),
    dealtByName: text('dealt_by_name'),
    whatWasDone: text('what_was_done'),
    closedAt: at('closed_at'),
    closedByName: text('closed_by_name'),
    outcome: text('outcome'),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    index('incidents_scheme_occurred').on(t.schemeId, t.occurredAt, t.id),
    index('incidents_arrangement').on(t.arrangementId, t.occurredAt),
    index('incidents_waiting')
      .on(t.schemeId)
      .where(sql`(${t.notifiable} and ${t.notifiedOn} is null) or (${t.needsAttention} and ${t.dealtAt} is null)`),
    check(
      'incidents_notified_whole',
      sql`(${t.notifiedOn} is null) = (${t.notifiedHow} is null) and (${t.notifiedOn} is null or ${t.notifiable})`,
    ),
    check('incidents_notifiable_has_category', sql`${t.notifiable} = (cardinality(${t.categories}) > 0)`),
    check(
      'incidents_dealt_whole',
      sql`(${t.dealtAt} is null) = (${t.whatWasDone} is null) and (${t.dealtAt} is null or ${t.needsAttention})`,
    ),
    check('incidents_closed_whole', sql`(${t.closedAt} is null) = (${t.outcome} is null)`),
    check('incidents_closed_once_notified', sql`${t.closedAt} is null or not ${t.notifiable} or ${t.notifiedOn} is not null`),
    tenantIsolation(),
    readBy(sql.raw('incidents.arrangement_id'), { person: false }),
    writtenBy(sql.raw('arrangement_id'), sql.raw('recorded_by_user_id')),
    ...staffChanges(),
  ],
).enableRLS();

/** What happened next: follow-up notes by staff or the carer, in order. Never changed. */
export const incidentFollowUps = pgTable(
  'incident_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    note: text('note').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    index('incident_follow_ups_incident').on(t.incidentId, t.at),
    tenantIsolation(),
    pgPolicy('incident_visible', {
      as: 'restrictive',
      for: 'select',
      to: appRole,
      using: sql`exists (select 1 from incidents i where i.id = incident_follow_ups.incident_id)`,
    }),
    pgPolicy('staff_or_carer_writes', {
      as: 'restrictive',
      for: 'insert',
      to: appRole,
      withCheck: sql`by_user_id = ${currentUserId} and (${actingAsStaff} or exists (select 1 from incidents i where i.id = incident_id and ${carerOf(sql.raw('i.arrangement_id'))}))`,
    }),
    pgPolicy('never_updated', { as: 'restrictive', for: 'update', to: appRole, using: sql`false` }),
    pgPolicy('never_deleted', { as: 'restrictive', for: 'delete', to: appRole, using: sql`false` }),
  ],
).enableRLS();
