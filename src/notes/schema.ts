import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { arrangements } from '../arrangements/schema.js';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { tenantIsolation } from '../platform/db/tenancy.js';
import { readBy, staffChanges, writtenBy } from './policy.js';

/**
 * A carer's short note about a day: what happened, how the person seemed (1–5, see moods.ts), and
 * anything to flag. A flagged note waits on the worker's attention list until someone says what
 * they did about it. Never deleted.
 */
export const dailyNotes = pgTable(
  'daily_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => arrangements.id, { onDelete: 'cascade' }),
    writtenOn: date('written_on', { mode: 'string' }).notNull(),
    whatHappened: text('what_happened').notNull(),
    mood: smallint('mood').notNull(),
    flagged: boolean('flagged').notNull().default(false),
    flagReason: text('flag_reason'),
    writtenByUserId: uuid('written_by_user_id').references(() => users.id),
    writtenByName: text('written_by_name').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
    dealtAt: timestamp('dealt_at', { withTimezone: true }),
    dealtByUserId: uuid('dealt_by_user_id').references(() => users.id),
    dealtByName: text('dealt_by_name'),
    whatWasDone: text('what_was_done'),
  },
  (t) => [
    // The caseload list, one arrangement's notes, flagged notes (newest first: each scanned backwards, as ORDER BY … DESC
    // wants; an index declared DESC NULLS LAST would not match it and the page would be sorted), and open flags.
    index('daily_notes_scheme_day').on(t.schemeId, t.writtenOn, t.id),
    // The scheme too, which row-level security adds to every query: one index for both, in the order pages read.
    index('daily_notes_arrangement_day').on(t.arrangementId, t.schemeId, t.writtenOn, t.id),
    index('daily_notes_flagged_day')
      .on(t.schemeId, t.writtenOn, t.id)
      .where(sql`${t.flagged}`),
    index('daily_notes_open_flags')
      .on(t.schemeId, t.writtenOn)
      .where(sql`${t.flagged} and ${t.dealtAt} is null`),
    check('daily_notes_mood_scale', sql`${t.mood} between 1 and 5`),
    check('daily_notes_flag_says_why', sql`${t.flagged} = (${t.flagReason} is not null)`),
    check('daily_notes_dealt_whole', sql`(${t.dealtAt} is null) = (${t.whatWasDone} is null) and (${t.dealtAt} is null or ${t.flagged})`),
    tenantIsolation(),
    readBy(sql.raw('daily_notes.arrangement_id'), { person: true }),
    writtenBy(sql.raw('arrangement_id'), sql.raw('written_by_user_id')),
    ...staffChanges(),
  ],
).enableRLS();
