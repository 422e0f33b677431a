import { sql } from 'drizzle-orm';
import { boolean, pgPolicy, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema.js';
import { appRole, currentUserId } from '../db/tenancy.js';

/**
 * How someone wants Hearth to show itself, once they have chosen. Until then their communication
 * needs give the default (see reading.ts). It belongs to the user, in every scheme, and only they see it.
 */
export const readingPreferences = pgTable(
  'reading_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    easyRead: boolean('easy_read').notNull(),
    largerText: boolean('larger_text').notNull(),
    readAloudFirst: boolean('read_aloud_first').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('reading_preferences_own', {
      for: 'all',
      to: appRole,
      using: sql`user_id = ${currentUserId}`,
      withCheck: sql`user_id = ${currentUserId}`,
    }),
  ],
).enableRLS();
