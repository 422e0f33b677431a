import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgEnum, pgPolicy, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { appRole, currentRole, currentUserId, tenantIsolation } from '../platform/db/tenancy.js';
import { carers } from '../carers/schema.js';
import type { PanelPapers } from './papers.js';
import type { ApprovalTerms } from '../carers/terms.js';

export const panelRole = pgEnum('panel_role', ['chair', 'member']);
export const panelView = pgEnum('panel_view', ['approve', 'decline', 'defer']);

const staff = sql`${currentRole} in ('scheme_manager', 'scheme_worker')`;
const sitsOn = (panelId: ReturnType<typeof sql.raw>) =>
  sql`exists (select 1 from panel_members pm where pm.panel_id = ${panelId} and pm.user_id = ${currentUserId})`;

/** Scheme staff see every panel; a panel member only the panels they sit on; no one else any. */
const staffOrSitting = (name: string, panelId: ReturnType<typeof sql.raw>) =>
  pgPolicy(name, {
    as: 'restrictive',
    for: 'all',
    to: appRole,
    using: sql`${staff} or (${currentRole} = 'panel_member' and ${sitsOn(panelId)})`,
    withCheck: sql`${staff}`,
  });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** An approval panel meeting: independent members who recommend, before the scheme decides. */
export const approvalPanels = pgTable(
  'approval_panels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    meetsOn: date('meets_on', { mode: 'string' }).notNull(),
    place: text('place'),
    createdAt: createdAt(),
  },
  (t) => [
    index('approval_panels_scheme').on(t.schemeId, t.meetsOn),
    tenantIsolation(),
    staffOrSitting('staff_or_sitting', sql.raw('approval_panels.id')),
  ],
).enableRLS();

/** Who sits on a panel. A member sees only their own seats. */
export const panelMembers = pgTable(
  'panel_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => approvalPanels.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: panelRole('role').notNull().default('member'),
  },
  (t) => [
    unique('panel_members_once').on(t.panelId, t.userId),
    index('panel_members_user').on(t.userId),
    tenantIsolation(),
    pgPolicy('staff_or_own_seat', {
      as: 'restrictive',
      for: 'all',
      to: appRole,
      using: sql`${staff} or (${currentRole} = 'panel_member' and user_id = ${currentUserId})`,
      withCheck: sql`${staff}`,
    }),
  ],
).enableRLS();

/**
 * A carer going to a panel. The papers are a snapshot made when the case is added (the worker's
 * summary, the household and the checks as they were), so members see what the panel needs and
 * never the carer's full record.
 */
export const panelCases = pgTable(
  'panel_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => approvalPanels.id),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    papers: jsonb('papers').$type<PanelPapers>().notNull(),
    recommendation: panelView('recommendation'),
    recommendedTerms: jsonb('recommended_terms').$type<ApprovalTerms>(),
    recommendationReason: text('recommendation_reason'),
    recommendedOn: date('recommended_on', { mode: 'string' }),
    /** True once the panel has recommended approval or decline: a scheme decision needs it (see carer_approvals). */
    recommended: boolean('recommended')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(recommendation in ('approve', 'decline'), false)`),
    createdAt: createdAt(),
  },
  (t) => [
    unique('panel_cases_once').on(t.panelId, t.carerId),
    unique('panel_cases_recommended').on(t.id, t.carerId, t.recommended),
    index('panel_cases_carer').on(t.carerId),
    tenantIsolation(),
    staffOrSitting('staff_or_sitting', sql.raw('panel_cases.panel_id')),
  ],
).enableRLS();

/** Each panel member's view of a case, in their own words. A member writes only their own. */
export const panelViews = pgTable(
  'panel_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => panelCases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    view: panelView('view').notNull(),
    comments: text('comments').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('panel_views_once').on(t.caseId, t.userId),
    tenantIsolation(),
    pgPolicy('staff_or_sitting', {
      as: 'restrictive',
      for: 'all',
      to: appRole,
      using: sql`${staff} or (${currentRole} = 'panel_member' and exists (select 1 from panel_cases pc where pc.id = panel_views.case_id))`,
      withCheck: sql`${currentRole} = 'panel_member' and user_id = ${currentUserId} and exists (select 1 from panel_cases pc where pc.id = panel_views.case_id)`,
    }),
  ],
).enableRLS();
