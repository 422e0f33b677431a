import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { carers } from '../carers/schema.js';
import { ownCarerOf, staffOrOwnCarer } from '../carers/policy.js';
import { actingAsStaff } from '../platform/permissions/staff.js';
import { people } from '../people/schema.js';
import { arrangements } from '../arrangements/schema.js';
import { roleEnum, schemeIdColumn, schemes, users } from '../platform/db/schema.js';
import { appRole, currentRole, currentUserId, tenantIsolation } from '../platform/db/tenancy.js';
import { daterange, tstzrange } from './ranges.js';
import { BOOKING_KINDS, BOOKING_STATUSES, DEFAULT_RESPITE_NIGHTS } from './words.js';

/*
 * Short breaks (nights) and day support (sessions): carers' availability, bookings, carers' own
 * breaks and their yearly allowance. The exclusion constraints that refuse double bookings, and the
 * policies that say who sees bookings, are in the hand-written migration `short_breaks_custom`.
 */

export const bookingKind = pgEnum('booking_kind', BOOKING_KINDS);
export const bookingStatus = pgEnum('booking_status', BOOKING_STATUSES);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const byUser = (name: string) => uuid(name).references(() => users.id);
const carerColumn = () =>
  uuid('carer_id')
    .notNull()
    .references(() => carers.id, { onDelete: 'cascade' });
const finite = (column: string) => sql.raw(`not isempty(${column}) and not lower_inf(${column}) and not upper_inf(${column})`);

/** Who may insert, update and delete a table's rows (others may still read them, as its other policies allow). */
const writesBy = (name: string, rule: SQL) =>
  (['insert', 'update', 'delete'] as const).map((action) =>
    pgPolicy(`${name}_${action}`, {
      as: 'restrictive',
      for: action,
      to: appRole,
      ...(action === 'insert' ? { withCheck: rule } : { using: rule }),
    }),
  );

const staffOrOwnCarerRule = (table: string) => sql`${actingAsStaff} or (${currentRole} = 'carer' and ${ownCarerOf(table)})`;

/** Each scheme's choices for short breaks: whether people and their circle may book, and carers' nights off. */
export const shortBreakSettings = pgTable(
  'short_break_settings',
  {
    schemeId: uuid('scheme_id')
      .primaryKey()
      .references(() => schemes.id),
    peopleMayBook: boolean('people_may_book').notNull().default(false),
    respiteNights: integer('respite_nights').notNull().default(DEFAULT_RESPITE_NIGHTS),
    updatedByUserId: byUser('updated_by_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('short_break_settings_nights', sql`${t.respiteNights} between 0 and 366`),
    tenantIsolation(),
    ...writesBy('manager_writes', sql`${currentRole} = 'scheme_manager'`),
  ],
).enableRLS();

/** When a carer can offer short breaks (a range of nights) or day support (a session's hours). */
export const availability = pgTable(
  'short_break_availability',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: carerColumn(),
    kind: bookingKind('kind').notNull(),
    nights: daterange('nights'),
    hours: tstzrange('hours'),
    createdByUserId: byUser('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('short_break_availability_carer').on(t.carerId, t.kind),
    check(
      'short_break_availability_shape',
      sql`case ${t.kind} when 'short_breaks' then ${t.nights} is not null and ${t.hours} is null else ${t.hours} is not null and ${t.nights} is null end`,
    ),
    check('short_break_availability_nights', sql`${t.nights} is null or (${finite('nights')})`),
    check('short_break_availability_hours', sql`${t.hours} is null or (${finite('hours')})`),
    tenantIsolation(),
    ...writesBy('staff_or_carer_writes', staffOrOwnCarerRule('short_break_availability')),
  ],
).enableRLS();

/**
 * A booking: nights at a carer's home in one of their spare rooms, or a day support session.
 * Cancelled bookings are kept, with who cancelled and why. The arrangement it belongs to, when
 * it is part of one.
 */
export const bookings = pgTable(
  'short_break_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: carerColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    arrangementId: uuid('arrangement_id').references(() => arrangements.id),
    kind: bookingKind('kind').notNull(),
    nights: daterange('nights'),
    room: integer('room'),
    hours: tstzrange('hours'),
    notes: text('notes'),
    status: bookingStatus('status').notNull().default('booked'),
    bookedByUserId: byUser('booked_by_user_id'),
    bookedByName: text('booked_by_name'),
    createdAt: createdAt(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledByUserId: byUser('cancelled_by_user_id'),
    cancelledByName: text('cancelled_by_name'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('short_break_bookings_carer').on(t.carerId),
    index('short_break_bookings_person').on(t.personId),
    index('short_break_bookings_scheme').on(t.schemeId, t.status),
    check(
      'short_break_bookings_shape',
      sql`case ${t.kind} when 'short_breaks' then ${t.nights} is not null and ${t.room} is not null and ${t.hours} is null else ${t.hours} is not null and ${t.nights} is null and ${t.room} is null end`,
    ),
    check('short_break_bookings_room', sql`${t.room} is null or ${t.room} between 1 and 30`),
    check('short_break_bookings_nights', sql`${t.nights} is null or (${finite('nights')})`),
    check(
      'short_break_bookings_hours',
      sql`${t.hours} is null or (${finite('hours')} and upper(${t.hours}) - lower(${t.hours}) <= interval '24 hours')`,
    ),
    check(
      'short_break_bookings_cancelled',
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null) and (${t.status} = 'booked' or ${t.cancelReason} is not null)`,
    ),
    tenantIsolation(),
  ],
).enableRLS();

/** The carer's own breaks: nights off, counted against their yearly allowance. */
export const carerBreaks = pgTable(
  'carer_breaks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    carerId: carerColumn(),
    nights: daterange('nights').notNull(),
    note: text('note'),
    createdByUserId: byUser('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('carer_breaks_carer').on(t.carerId),
    check('carer_breaks_nights', sql`${finite('nights')}`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('carer_breaks')),
  ],
).enableRLS();

/** A carer's own yearly allowance of nights off, where it differs from the scheme's. */
export const respiteAllowances = pgTable(
  'respite_allowances',
  {
    carerId: uuid('carer_id')
      .primaryKey()
      .references(() => carers.id, { onDelete: 'cascade' }),
    schemeId: schemeIdColumn(),
    nights: integer('nights').notNull(),
    updatedByUserId: byUser('updated_by_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('respite_allowances_nights', sql`${t.nights} between 0 and 366`),
    tenantIsolation(),
    staffOrOwnCarer(ownCarerOf('respite_allowances')),
    ...writesBy('staff_writes', actingAsStaff),
  ],
).enableRLS();

/**
 * A private calendar link per user (for the scheme and role they had when they made it). Only a
 * hash of the link's token is kept; the feed finds its owner through `hearth_calendar_feed`.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token').on(t.tokenHash),
    uniqueIndex('calendar_feeds_owner').on(t.userId, t.schemeId, t.role),
    tenantIsolation(),
    pgPolicy('own_feed', {
      as: 'restrictive',
      for: 'all',
      to: appRole,
      using: sql`user_id = ${currentUserId}`,
      withCheck: sql`user_id = ${currentUserId}`,
    }),
  ],
).enableRLS();
