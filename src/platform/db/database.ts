import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzleServer } from 'drizzle-orm/node-postgres';
import { migrate as migrateServer } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleEmbedded } from 'drizzle-orm/pglite';
import { migrate as migrateEmbedded } from 'drizzle-orm/pglite/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from '../../schema.js';
import type { Role } from '../permissions/roles.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Who is acting, and in which scheme: set inside every transaction so row-level security can see it. */
export interface Scope {
  schemeId: string | null;
  userId: string | null;
  role: Role | null;
}

export const NO_ONE: Scope = { schemeId: null, userId: null, role: null };

export interface Database {
  readonly kind: 'embedded' | 'server';
  /** The owner's connection: migrations and demo loading only. Bypasses row-level security. */
  readonly owner: Db;
  /** One transaction as the application role, scoped to a scheme and user. */
  inScope<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const APP_ROLE = 'hearth_app';
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/**
 * A server is reached with `url`, as the owner of the tables (migrations and demo loading);
 * with `appUrl` too, requests use that login instead: a role with no rights but those of hearth_app.
 */
export type DatabaseOptions =
  | { url: string; appUrl?: string | undefined }
  | { dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return 'url' in options ? openServer(options.url, options.appUrl) : openEmbedded(options);
}

export async function openEmbeddedClient(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  return PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { btree_gist } });
}

async function openEmbedded(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const client = await openEmbeddedClient(options);
  const owner = drizzleEmbedded(client, { schema }) as unknown as Db;
  return {
    kind: 'embedded',
    owner,
    inScope: (scope, work) => runInScope(owner, scope, work),
    migrate: () => migrateEmbedded(owner as never, { migrationsFolder }),
    ping: () => pingWith(owner),
    close: () => client.close(),
  };
}

async function openServer(url: string, appUrl: string | undefined): Promise<Database> {
  const ownerPool = new pg.Pool({ connectionString: url, max: appUrl ? 2 : 10 });
  const appPool = appUrl ? new pg.Pool({ connectionString: appUrl, max: 10 }) : ownerPool;
  // An idle connection the server drops (a restart, a failover) must not bring Hearth down:
  // the pool replaces it on the next query.
  for (const pool of new Set([ownerPool, appPool])) pool.on('error', (error) => console.error(`Database connection lost: ${error.message}`));
  const owner = drizzleServer(ownerPool, { schema }) as unknown as Db;
  const app = appUrl ? (drizzleServer(appPool, { schema }) as unknown as Db) : owner;
  return {
    kind: 'server',
    owner,
    inScope: (scope, work) => runInScope(app, scope, work),
    migrate: () => migrateServer(owner as never, { migrationsFolder }),
    ping: () => pingWith(app),
    close: async () => {
      if (appPool !== ownerPool) await appPool.end();
      await ownerPool.end();
    },
  };
}

function runInScope<T>(connection: Db, scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return connection.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local role ${APP_ROLE}`));
    await tx.execute(sql`select set_config('app.scheme_id', ${scope.schemeId ?? ''}, true),
      set_config('app.user_id', ${scope.userId ?? ''}, true),
      set_config('app.role', ${scope.role ?? ''}, true)`);
    return work(tx);
  });
}

/** Rows of a raw SQL query, the same shape on PGlite and on a PostgreSQL server. */
export async function rowsOf<T>(tx: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function pingWith(owner: Db): Promise<boolean> {
  try {
    await owner.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
