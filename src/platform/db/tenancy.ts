import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/** The role every request runs as. Not a superuser, so row-level security applies to it. */
export const appRole = pgRole('hearth_app').existing();

export const currentSchemeId = sql`nullif(current_setting('app.scheme_id', true), '')::uuid`;
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')::uuid`;
export const currentRole = sql`nullif(current_setting('app.role', true), '')`;

/**
 * The one policy a tenant table needs: rows of the scheme set for this transaction, and only those,
 * can be read or written. A query that forgets its filter still sees only its own scheme.
 */
export const tenantIsolation = (column: { name: string } = { name: 'scheme_id' }) =>
  pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`${sql.identifier(column.name)} = ${currentSchemeId}`,
    withCheck: sql`${sql.identifier(column.name)} = ${currentSchemeId}`,
  });

/** The policy of a table of a person's own rows (their sign-in links, passkeys, spent form tokens): theirs only. */
export const ownRows = (name: string) =>
  pgPolicy(name, { for: 'all', to: appRole, using: sql`user_id = ${currentUserId}`, withCheck: sql`user_id = ${currentUserId}` });
