import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzleServer } from 'drizzle-orm/node-postgres';
import { migrate as migrateServer } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleEmbedded } from 'drizzle-orm/pglite';
import { migrate as migrateEmbedded } from 'drizzle-orm/pglite/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { RequestUnit } from './unit-of-work.js';
import type { Role } from '../permissions/roles.js';

/**
 * Hearth reads and writes through drizzle's query builders, never its relational `db.query.*` API,
 * so the tables are not handed to drizzle: with them, every transaction object made a query builder
 * for each of the schema's tables, on every request, before its first query.
 */
type NoTables = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoTables, ExtractTablesWithRelations<NoTables>>;
/** Where a service's queries run: a transaction of its own, or its request's unit of work. */
export type Tx = Db;

/** Who is acting, and in which scheme: set inside every transaction so row-level security can see it. */
export interface Scope {
  schemeId: string | null;
  userId: string | null;
  role: Role | null;
  /** The request's unit of work, if it has one: work in this scope then runs in its transaction. */
  unit?: RequestUnit | null;
  /** A form's one-time token, spent in the same transaction as the work (src/platform/forms/once.ts). */
  once?: SpentWith | null;
}

/** Wraps a transaction's work: src/platform/forms/once.ts spends a form's token with it. */
export interface SpentWith {
  run<T>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T>;
}

export const NO_ONE: Scope = { schemeId: null, userId: null, role: null };

export interface Database {
  readonly kind: 'embedded' | 'server';
  /** The owner's connection: migrations and demo loading only. Bypasses row-level security. */
  readonly owner: Db;
  /** One transaction as the application role, scoped to a scheme and user. */
  inScope<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A page's unit of work (src/platform/db/unit-of-work.ts), begun with the rows of `first`; null
   * where holding a transaction for a request would stop every other request: the embedded
   * database has a single connection.
   */
  openUnit<T>(first: string): Promise<{ unit: RequestUnit; rows: T[] } | null>;
  /**
   * One statement on its own as the application role, in one round trip (its own transaction): a
   * session look-up for a change, say. Like `first`, it has no parameters.
   */
  call<T>(statement: string): Promise<T[]>;
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
export type DatabaseOptions = { url: string; appUrl?: string | undefined } | { dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return 'url' in options ? openServer(options.url, options.appUrl) : openEmbedded(options);
}

export async function openEmbeddedClient(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  return PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { btree_gist } });
}

async function openEmbedded(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const client = await openEmbeddedClient(options);
  const owner = drizzleEmbedded(client) as unknown as Db;
  return {
    kind: 'embedded',
    owner,
    inScope: (scope, work) => runInScope(owner, scope, work),
    openUnit: () => Promise.resolve(null),
    call: async <T>(statement: string) => ((await client.exec(asAppRole(statement))).at(-1)?.rows ?? []) as T[],
    migrate: () => migrateEmbedded(owner as never, { migrationsFolder }),
    ping: () => pingWith(owner),
    close: () => client.close(),
  };
}

function openServer(url: string, appUrl: string | undefined): Database {
  const login = appUrl ?? url;
  // Pages hold a connection each for their whole request; other work (changes, sign-in, sessions of
  // forms) has pools of its own, so it never waits behind pages and no page waits on itself.
  const ownerPool = new pg.Pool({ connectionString: url, max: 2 });
  const workPool = new pg.Pool({ connectionString: login, max: WORK_CONNECTIONS });
  const pagePool = new pg.Pool({ connectionString: login, max: PAGE_CONNECTIONS });
  const pools = [ownerPool, workPool, pagePool];
  // An idle connection the server drops (a restart, a failover) must not bring Hearth down:
  // the pool replaces it on the next query.
  for (const pool of pools) pool.on('error', (error) => console.error(`Database connection lost: ${error.message}`));
  const owner = drizzleServer({ client: ownerPool }) as unknown as Db;
  const work = drizzleServer({ client: workPool }) as unknown as Db;
  return {
    kind: 'server',
    owner,
    inScope: (scope, fn) => runInScope(work, scope, fn),
    openUnit: (first) => openUnit(pagePool, first),
    call: async <T>(statement: string) => ((await workPool.query(asAppRole(statement))) as unknown as pg.QueryResult[]).at(-1)!.rows as T[],
    migrate: () => migrateServer(owner as never, { migrationsFolder }),
    ping: () => pingWith(work),
    close: async () => {
      for (const pool of pools) await pool.end();
    },
  };
}

/** A statement run as the application role: the setting lasts until its transaction ends. */
const asAppRole = (statement: string) => `select set_config('role', '${APP_ROLE}', true); ${statement}`;

/** Connections for pages, each held for a request, and for everything else. */
const PAGE_CONNECTIONS = 16;
const WORK_CONNECTIONS = 8;

/** One statement: the role (as `set local role` does) and who is acting, for row-level security. */
const enterScope = (tx: Tx, scope: Scope) =>
  tx.execute(sql`select set_config('role', ${APP_ROLE}, true),
  set_config('app.scheme_id', ${scope.schemeId ?? ''}, true),
  set_config('app.user_id', ${scope.userId ?? ''}, true),
  set_config('app.role', ${scope.role ?? ''}, true)`);

async function runInScope<T>(connection: Db, scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
  const { once } = scope;
  const spending = once ? (tx: Tx) => once.run(tx, work) : work;
  if (scope.unit) return scope.unit.run(spending);
  return connection.transaction(async (tx) => {
    await enterScope(tx, scope);
    return spending(tx);
  });
}

/**
 * A page's unit of work (src/platform/db/unit-of-work.ts) on a connection of its own. Its first
 * round trip begins the transaction, takes the application role and runs `first` (the session
 * look-up), as one simple query: `first` has no parameters, so every literal in it must be one that
 * cannot be mistaken for SQL (a hash in hex, say).
 */
async function openUnit<T>(pool: pg.Pool, first: string): Promise<{ unit: RequestUnit; rows: T[] }> {
  const client = await pool.connect();
  let results: pg.QueryResult[];
  try {
    // A page read writes only its audit entries. Committed without waiting for the disk (the server
    // still writes them within a fraction of a second), a page does not wait for a flush of its own;
    // only a crash of the database server itself in that moment could lose the newest entries, whole.
    // Changes are made outside units, and wait for the disk as usual.
    results = (await client.query(`begin; set local synchronous_commit = off; ${asAppRole(first)}`)) as unknown as pg.QueryResult[];
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  const tx = drizzleServer({ client }) as unknown as Tx;
  const withCommit: string[] = [];
  let ended = false;
  const unit: RequestUnit = {
    run: async (work) => {
      if (ended) throw new Error('The page has been sent and its transaction has ended: database work must finish before the page is sent');
      return work(tx);
    },
    holds: (other) => other === tx,
    atCommit: (statement) => {
      withCommit.push(statement);
    },
    end: async (commit) => {
      if (ended) return;
      ended = true;
      try {
        await client.query(commit ? [...withCommit, 'commit'].join('; ') : 'rollback');
        client.release();
      } catch (error) {
        // A connection whose transaction could not end is not given to anyone else.
        client.release(error as Error);
        throw error;
      }
    },
  };
  return { unit, rows: results.at(-1)!.rows as T[] };
}

/** Rows of a raw SQL query, the same shape on PGlite and on a PostgreSQL server. */
export async function rowsOf<T>(tx: Db, query: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: T[] }).rows;
}

async function pingWith(owner: Db): Promise<boolean> {
  try {
    await owner.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
