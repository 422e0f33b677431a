import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { schemeIdColumn } from '../../platform/db/schema.js';
import { tenantIsolation } from '../../platform/db/tenancy.js';
import { carers, householdMembers } from '../schema.js';
import { ownCarerOf, staffOrOwnCarer } from '../policy.js';
import { OUTCOMES } from './expiry.js';

export const checkKind = pgEnum('check_kind', ['check', 'training']);
export const checkAppliesTo = pgEnum('check_applies_to', ['carer', 'every_adult']);
export const checkOutcome = pgEnum('check_outcome', OUTCOMES);

/** The checks and training a scheme asks of its carers, and how long each lasts: each scheme sets its own. */
export const checkTypes = pgTable(
  'check_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    name: text('name').notNull(),
    kind: checkKind('kind').notNull(),
    appliesTo: checkAppliesTo('applies_to').notNull().default('carer'),
    /** How long one lasts; null when it does not expire. */
    validMonths: integer('valid_months'),
    /** How many are needed at once (two references, say). */
    howMany: integer('how_many').notNull().default(1),
    required: boolean('required').notNull().default(true),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('check_types_scheme_name').on(t.schemeId, sql`lower(${t.name})`),
    check('check_types_valid_months', sql`${t.validMonths} between 1 and 120`),
    check('check_types_how_many', sql`${t.howMany} between 1 and 5`),
    tenantIsolation(),
  ],
).enableRLS();

/** One check done or course completed: for the carer, or for an adult in their household. */
export const checkRecords = pgTable(
  'check_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: uuid('carer_id')
      .notNull()
      .references(() => carers.id, { onDelete: 'cascade' }),
    checkTypeId: uuid('check_type_id')
      .notNull()
      .references(() => checkTypes.id),
    /** Null: the carer themselves. */
    householdMemberId: uuid('household_member_id').references(() => householdMembers.id, { onDelete: 'cascade' }),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    outcome: checkOutcome('outcome').notNull(),
    reference: text('reference'),
    notes: text('notes'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('check_records_carer').on(t.carerId, t.checkTypeId),
    index('check_records_scheme_expiry').on(t.schemeId, t.expiresOn),
    // What is due reads a scheme's carers' records: one index for both, or the planner ANDs two per carer.
    index('check_records_scheme_carer').on(t.schemeId, t.carerId),
    check('check_records_expiry_after', sql`${t.expiresOn} is null or ${t.expiresOn} >= ${t.completedOn}`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('check_records')),
  ],
).enableRLS();
