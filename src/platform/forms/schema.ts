import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema.js';
import { ownRows } from '../db/tenancy.js';

/**
 * One-time form tokens, spent: a form that creates a record carries a random token (written into
 * the page, nothing stored), and the write that the form makes inserts it here in the same
 * transaction, so a second send of the same form finds it spent and saves nothing. `result` is what
 * the first send saved (its ids), to go where it went. Each of a person's sends forgets their tokens
 * spent over a day before: no job tidies up, and what is kept is at most a day's forms a person.
 */
export const formTokens = pgTable(
  'form_tokens',
  {
    token: text('token').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    result: jsonb('result'),
    spentAt: timestamp('spent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('form_tokens_user_spent_at').on(t.userId, t.spentAt), ownRows('form_tokens_own')],
).enableRLS();
