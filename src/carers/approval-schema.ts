import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { panelCases } from '../panel/schema.js';
import { schemeIdColumn } from '../platform/db/schema.js';
import { tenantIsolation } from '../platform/db/tenancy.js';
import { ownCarerOf, staffOrOwnCarer } from './policy.js';
import { approvalBasis, approvalDecision, arrangementType, carers, need } from './schema.js';

// In a file of its own because it rests on a panel case, and panel_cases rests on carers: kept
// beside carers' other tables, the two schema files would import each other.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });

/**
 * The scheme's decisions on a carer, with the terms they are approved on. A decision made in Hearth
 * rests on a panel case with a recommendation (the foreign key on panel_case_id and
 * panel_recommended only matches a case whose recommendation is to approve or decline);
 * an approval from before the scheme used Hearth says so.
 */
export const carerApprovals = pgTable(
  'carer_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    decision: approvalDecision('decision').notNull(),
    decidedOn: day('decided_on').notNull(),
    basis: approvalBasis('basis').notNull().default('panel'),
    panelCaseId: uuid('panel_case_id'),
    panelRecommended: boolean('panel_recommended').notNull().default(true),
    maxPeople: integer('max_people'),
    arrangementTypes: arrangementType('arrangement_types').array(),
    needs: need('needs').array(),
    reason: text('reason'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('carer_approvals_carer').on(t.carerId, t.decidedOn),
    foreignKey({
      name: 'carer_approvals_recommended_case',
      columns: [t.panelCaseId, t.carerId, t.panelRecommended],
      foreignColumns: [panelCases.id, panelCases.carerId, panelCases.recommended],
    }),
    check('carer_approvals_panel_basis', sql`(${t.basis} = 'panel') = (${t.panelCaseId} is not null)`),
    check('carer_approvals_recommended', sql`${t.panelRecommended}`),
    check(
      'carer_approvals_terms',
      sql`${t.decision} <> 'approved' or (${t.maxPeople} between 1 and 10 and cardinality(${t.arrangementTypes}) > 0 and ${t.needs} is not null)`,
    ),
    check('carer_approvals_decline_reason', sql`${t.decision} <> 'declined' or ${t.reason} is not null`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('carer_approvals')),
  ],
).enableRLS();
