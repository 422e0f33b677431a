import { sql } from 'drizzle-orm';
import { bigint, check, index, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema.js';
import { appRole, currentUserId, ownRows } from '../db/tenancy.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * One-time sign-in links sent by email. The link carries a random token; the table keeps only its
 * SHA-256 hash. Used once (used_at), within minutes (expires_at). Redeemed before anyone is signed in,
 * through hearth_use_sign_in_link (see the custom migration).
 */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    returnTo: text('return_to'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_links_user').on(t.userId, t.expiresAt), ownRows('sign_in_links_own')],
).enableRLS();

/** Passkeys (WebAuthn credentials): only the public key is kept. Looked up before sign-in through hearth_passkey. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'`),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('passkeys_credential_id').on(t.credentialId), index('passkeys_user').on(t.userId), ownRows('passkeys_own')],
).enableRLS();

/**
 * A WebAuthn ceremony's challenge: kept on the server, short-lived, taken (deleted) when used.
 * Registration challenges belong to the signed-in user; sign-in challenges to no one yet.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    challenge: text('challenge').primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'passkey_challenges_purpose',
      sql`${t.purpose} in ('register', 'sign-in') and (${t.purpose} = 'sign-in') = (${t.userId} is null)`,
    ),
    pgPolicy('passkey_challenges_own', {
      for: 'all',
      to: appRole,
      using: sql`user_id is not distinct from ${currentUserId}`,
      withCheck: sql`user_id is not distinct from ${currentUserId}`,
    }),
  ],
).enableRLS();
