import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../permissions/roles.js';
import { appRole, currentRole, currentSchemeId, currentUserId, tenantIsolation } from './tenancy.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const schemeKind = pgEnum('scheme_kind', ['shared_lives', 'homeshare', 'both']);
export const userStatus = pgEnum('user_status', ['active', 'suspended']);
export const roleEnum = pgEnum('role', ROLES);

/** A scheme is a tenant. Its name and area are public; everything in it is not. */
export const schemes = pgTable(
  'schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: schemeKind('kind').notNull().default('shared_lives'),
    region: text('region').notNull(),
    localAuthority: text('local_authority').notNull(),
    createdAt: createdAt(),
  },
  () => [
    pgPolicy('schemes_read', { for: 'select', to: appRole, using: sql`true` }),
    pgPolicy('schemes_create', { for: 'insert', to: appRole, withCheck: sql`${currentRole} = 'national_admin'` }),
    pgPolicy('schemes_update', {
      for: 'update',
      to: appRole,
      using: sql`${currentRole} = 'national_admin' or (id = ${currentSchemeId} and ${currentRole} = 'scheme_manager')`,
    }),
  ],
).enableRLS();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    status: userStatus('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    pgPolicy('users_visible', {
      for: 'select',
      to: appRole,
      using: sql`id = ${currentUserId} or exists (select 1 from memberships m where m.user_id = users.id and m.scheme_id = ${currentSchemeId})`,
    }),
    pgPolicy('users_create', { for: 'insert', to: appRole, withCheck: sql`${currentUserId} is not null` }),
    pgPolicy('users_update', {
      for: 'update',
      to: appRole,
      using: sql`id = ${currentUserId} or (${currentRole} = 'scheme_manager' and exists (select 1 from memberships m where m.user_id = users.id and m.scheme_id = ${currentSchemeId}))`,
    }),
  ],
).enableRLS();

/** The column every tenant row carries: its scheme, which must exist. */
export const schemeIdColumn = () =>
  uuid('scheme_id')
    .notNull()
    .references(() => schemes.id);

/** Who may act in which scheme, and as what. A national administrator's membership has no scheme. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    schemeId: uuid('scheme_id').references(() => schemes.id),
    role: roleEnum('role').notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_user_scheme_role')
      .on(t.userId, t.schemeId, t.role)
      .where(sql`${t.endedAt} is null`),
    index('memberships_scheme').on(t.schemeId, t.role),
    check('memberships_national_has_no_scheme', sql`(${t.role} = 'national_admin') = (${t.schemeId} is null)`),
    pgPolicy('memberships_own', { for: 'select', to: appRole, using: sql`user_id = ${currentUserId}` }),
    tenantIsolation(),
  ],
).enableRLS();

/** Server-side sessions: the cookie holds a random token, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    schemeId: uuid('scheme_id').references(() => schemes.id),
    role: roleEnum('role'),
    /** How the session began (password, link, passkey), for the audit event once a scheme is chosen. */
    method: text('method').notNull().default('password'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sessions_user').on(t.userId),
    pgPolicy('sessions_own', {
      for: 'all',
      to: appRole,
      using: sql`user_id = ${currentUserId}`,
      withCheck: sql`user_id = ${currentUserId}`,
    }),
  ],
).enableRLS();

/**
 * Append-only record of who read or changed what. The application role may insert and read
 * its scheme's events, never update or delete them (see the grants migration).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    schemeId: uuid('scheme_id').references(() => schemes.id),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    actorRole: roleEnum('actor_role'),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    subjectUserId: uuid('subject_user_id'),
    changedFields: jsonb('changed_fields').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_scheme_at').on(t.schemeId, t.at),
    index('audit_subject').on(t.subjectUserId, t.at),
    pgPolicy('audit_scheme', {
      for: 'select',
      to: appRole,
      using: sql`scheme_id = ${currentSchemeId} or (scheme_id is null and ${currentSchemeId} is null and ${currentRole} = 'national_admin')`,
    }),
    pgPolicy('audit_append', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(scheme_id is not distinct from ${currentSchemeId}) and actor_user_id is not distinct from ${currentUserId}`,
    }),
  ],
).enableRLS();
