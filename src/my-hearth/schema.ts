import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { schemeIdColumn, users } from '../platform/db/schema.js';
import { appRole, currentRole, tenantIsolation } from '../platform/db/tenancy.js';
import { people } from '../people/schema.js';
import { MESSAGE_KINDS } from './words.js';

/*
 * The person's own Hearth: what a person tells the scheme, and how they feel.
 * Who reads (restrictive `own_or_staff`): scheme staff, and the person the row is about, signed in
 * as themselves (`hearth_may_see_person(person_id, 'own')`: never their circle, never a carer).
 * Who writes: the person writes their own messages and mood checks; staff mark messages seen and
 * dealt with, and reply. Nothing is deleted: these are part of the person's record.
 */

export const personMessageKind = pgEnum('person_message_kind', MESSAGE_KINDS);

const staff = sql`${currentRole} in ('scheme_manager', 'scheme_worker')`;
const ownPerson = sql`(${currentRole} = 'person' and hearth_may_see_person(person_id, 'own'))`;
const byUser = (name: string) => uuid(name).references(() => users.id);

const policies = (writers: { insert: 'person' | 'staff'; update: 'staff' | 'nobody' }, ownRow: ReturnType<typeof sql> = ownPerson) => [
  tenantIsolation(),
  pgPolicy('own_or_staff', { as: 'restrictive', for: 'select', to: appRole, using: sql`${staff} or ${ownRow}` }),
  pgPolicy('writers_insert', { as: 'restrictive', for: 'insert', to: appRole, withCheck: writers.insert === 'person' ? ownRow : staff }),
  pgPolicy('writers_update', { as: 'restrictive', for: 'update', to: appRole, using: writers.update === 'staff' ? staff : sql`false` }),
  pgPolicy('no_deletes', { as: 'restrictive', for: 'delete', to: appRole, using: sql`false` }),
];

/** "How I feel": a mood from 1 (very sad) to 5 (very happy), any day, with words if the person wants. */
export const moodChecks = pgTable(
  'mood_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    mood: integer('mood').notNull(),
    words: text('words'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: byUser('by_user_id'),
  },
  (t) => [
    check('mood_checks_mood', sql`${t.mood} between 1 and 5`),
    check('mood_checks_words', sql`${t.words} is null or length(${t.words}) <= 2000`),
    index('mood_checks_person').on(t.personId, t.at),
    ...policies({ insert: 'person', update: 'nobody' }),
  ],
).enableRLS();

/**
 * "Tell someone": a worry, a complaint, a call for help now, or a mood that is not OK. Each reaches
 * the scheme's attention list; "help now" is urgent. The person sees who read it, replies, and when
 * it was dealt with.
 */
export const personMessages = pgTable(
  'person_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: personMessageKind('kind').notNull(),
    words: text('words'),
    /** Symbols the person chose to say it (Hearth's symbol names). */
    symbols: text('symbols')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    moodCheckId: uuid('mood_check_id').references(() => moodChecks.id),
    /** Whose attention it went to first: the person's worker when they were sent it, or no one (all staff). */
    toUserId: byUser('to_user_id'),
    toName: text('to_name'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
    seenByUserId: byUser('seen_by_user_id'),
    seenByName: text('seen_by_name'),
    dealtWithAt: timestamp('dealt_with_at', { withTimezone: true }),
    dealtWithByUserId: byUser('dealt_with_by_user_id'),
    dealtWithByName: text('dealt_with_by_name'),
  },
  (t) => [
    check(
      'person_messages_says_something',
      sql`${t.words} is not null or cardinality(${t.symbols}) > 0 or ${t.kind} in ('help_now', 'not_ok')`,
    ),
    check('person_messages_words', sql`${t.words} is null or length(${t.words}) <= 2000`),
    check('person_messages_mood', sql`(${t.kind} = 'not_ok') = (${t.moodCheckId} is not null)`),
    check('person_messages_seen', sql`(${t.seenAt} is null) = (${t.seenByName} is null)`),
    check('person_messages_dealt', sql`(${t.dealtWithAt} is null) = (${t.dealtWithByName} is null)`),
    index('person_messages_open').on(t.schemeId, t.dealtWithAt, t.sentAt),
    index('person_messages_person').on(t.personId, t.sentAt),
    ...policies({ insert: 'person', update: 'staff' }),
  ],
).enableRLS();

/** What staff say back; the person reads it on their message. */
export const personMessageReplies = pgTable(
  'person_message_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: schemeIdColumn(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => personMessages.id, { onDelete: 'cascade' }),
    words: text('words').notNull(),
    byUserId: byUser('by_user_id'),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('person_message_replies_words', sql`length(${t.words}) between 1 and 2000`),
    index('person_message_replies_message').on(t.messageId, t.at),
    ...policies(
      { insert: 'staff', update: 'nobody' },
      sql`(${currentRole} = 'person' and exists (select 1 from person_messages m where m.id = message_id and hearth_may_see_person(m.person_id, 'own')))`,
    ),
  ],
).enableRLS();
