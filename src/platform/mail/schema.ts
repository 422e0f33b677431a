import { sql } from 'drizzle-orm';
import { index, pgEnum, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { schemes, users } from '../db/schema.js';
import { appRole, currentRole, currentSchemeId, currentUserId } from '../db/tenancy.js';

export const MAIL_STATUSES = ['waiting', 'sent', 'failed'] as const;
export const mailStatus = pgEnum('mail_status', MAIL_STATUSES);

/**
 * Every email Hearth makes. With no SMTP settings a message waits here (status 'waiting') for a
 * scheme manager to pass on; sent and failed ones are recorded without their body, since a body
 * may carry a sign-in link meant only for its recipient. A message about a member of a scheme
 * carries that scheme; one to a national administrator carries none, like their membership.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeId: uuid('scheme_id').references(() => schemes.id),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    status: mailStatus('status').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_scheme_created').on(t.schemeId, t.createdAt),
    pgPolicy('outbox_read', {
      for: 'select',
      to: appRole,
      using: sql`(scheme_id = ${currentSchemeId} and ${currentRole} = 'scheme_manager')
      or (scheme_id is null and ${currentSchemeId} is null and ${currentRole} = 'national_admin')`,
    }),
    pgPolicy('outbox_write', {
      for: 'insert',
      to: appRole,
      withCheck: sql`scheme_id = ${currentSchemeId}
      or (recipient_user_id = ${currentUserId} and (scheme_id is null or exists (
        select 1 from memberships m where m.user_id = ${currentUserId} and m.scheme_id = outbox.scheme_id and m.ended_at is null)))`,
    }),
  ],
).enableRLS();
