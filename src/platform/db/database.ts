import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzleServer } from 'drizzle-orm/node-postgres';
import { migrate as migrateServer } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleEmbedded } from 'drizzle-orm/pglite';
import { migrate as migrateEmbedded } from 'drizzle-orm/pglite/migrator';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres/session';
import { gate, heldFor, type HeldTransaction } from './held.js';
import type { Role } from '../permissions/roles.js';

/**
 * Hearth reads and writes through drizzle's query builders, never its relational `db.query.*` API,
 * so the tables are not handed to drizzle: with them, every transaction object made a query builder
 * for each of the schema's tables, on every request, before its first query.
 */
type NoTables = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoTables>;
export type Tx = PgTransaction<PgQueryResultHKT, NoTables, ExtractTablesWithRelations<NoTables>>;

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
  /**
   * A transaction held open for a whole request (src/platform/db/held.ts), or null where holding
   * one would stop other work: the embedded database has a single connection.
   */
  hold(): Promise<HeldTransaction | null>;
  /**
   * One statement on its own as the application role, outside any request's transaction: one round
   * trip with taking the role. Its values are written in (escaped literals), as with `atCommit`.
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
  const owner = drizzleEmbedded(client) as unknown as Db;
  return {
    kind: 'embedded',
    owner,
    inScope: (scope, work) => runInScope(owner, scope, work),
    hold: async () => null,
    call: async <T>(statement: string) => ((await client.exec(asAppRole(statement))).at(-1)?.rows ?? []) as T[],
    migrate: () => migrateEmbedded(owner as never, { migrationsFolder }),
    ping: () => pingWith(owner),
    close: () => client.close(),
  };
}

/** Statements a connection keeps prepared: far more than Hearth's distinct queries, so a bound on memory only. */
const PREPARED_PER_CONNECTION = 2_000;

/**
 * A connection that prepares each parameterised statement once and reuses it, as postgres.js does:
 * PostgreSQL then plans it once per connection instead of on every request. Planning a query
 * through row-level security policies costs more than running it (1–2 ms against 0.2–1 ms on
 * a caseload), so this is most of the database's work saved. Plans still follow the role and
 * settings: PostgreSQL re-plans a statement whose row-level security no longer applies the same way.
 */
export class PreparingClient extends pg.Client {
  private readonly prepared = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = (super.query as (...args: unknown[]) => never).bind(this);
    if (typeof config !== 'object' || config === null || 'submit' in config || callback !== undefined || typeof values === 'function') {
      return query(config, values, callback);
    }
    const named = this.named(config as pg.QueryConfig, values);
    // One at a time: a page's reads share one held transaction, and node-postgres will stop queuing them itself.
    const run = () => query(named, values);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result as never;
  }

  private named(config: pg.QueryConfig, values: unknown): pg.QueryConfig {
    if (config.name || !Array.isArray(values) || values.length === 0) return config;
    let name = this.prepared.get(config.text);
    if (!name && this.prepared.size < PREPARED_PER_CONNECTION) {
      name = `hearth_${createHash('sha1').update(config.text).digest('base64url')}`;
      this.prepared.set(config.text, name);
    }
    return name ? { ...config, name } : config;
  }
}

async function openServer(url: string, appUrl: string | undefined): Promise<Database> {
  const ownerPool = new pg.Pool({ connectionString: url, max: appUrl ? 2 : POOL_SIZE, Client: PreparingClient });
  const appPool = appUrl ? new pg.Pool({ connectionString: appUrl, max: POOL_SIZE, Client: PreparingClient }) : ownerPool;
  const holding = gate(POOL_SIZE - KEPT_FREE);
  // An idle connection the server drops (a restart, a failover) must not bring Hearth down:
  // the pool replaces it on the next query.
  for (const pool of new Set([ownerPool, appPool])) pool.on('error', (error) => console.error(`Database connection lost: ${error.message}`));
  const owner = drizzleServer(ownerPool) as unknown as Db;
  const app = appUrl ? (drizzleServer(appPool) as unknown as Db) : owner;
  return {
    kind: 'server',
    owner,
    inScope: (scope, work) => runInScope(app, scope, work),
    hold: () => holdTransaction(appPool, app, holding),
    call: async <T>(statement: string) => ((await appPool.query({ text: asAppRole(statement) })) as unknown as pg.QueryResult[]).at(-1)!.rows as T[],
    migrate: () => migrateServer(owner as never, { migrationsFolder }),
    ping: () => pingWith(app),
    close: async () => {
      if (appPool !== ownerPool) await appPool.end();
      await ownerPool.end();
    },
  };
}

/** A statement run as the application role: the setting lasts until its transaction (begun, or the statement's own) ends. */
const asAppRole = (statement: string) => `select set_config('role', '${APP_ROLE}', true); ${statement}`;

/** Connections a server pool opens; requests may hold all but KEPT_FREE of them for their whole length. */
const POOL_SIZE = 20;
const KEPT_FREE = 4;

/** One statement: the role (as `set local role` does) and who is acting, for row-level security. */
const enterScope = (tx: Tx, scope: Scope) => tx.execute(sql`select set_config('role', ${APP_ROLE}, true),
  set_config('app.scheme_id', ${scope.schemeId ?? ''}, true),
  set_config('app.user_id', ${scope.userId ?? ''}, true),
  set_config('app.role', ${scope.role ?? ''}, true)`);

async function runInScope<T>(connection: Db, scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
  const held = heldFor(scope);
  if (held) return work(held);
  return connection.transaction(async (tx) => {
    await enterScope(tx, scope);
    return work(tx);
  });
}

/**
 * A transaction of its own connection that stays open until `end`. It is opened by its first
 * statement, not in a round trip of its own: `asApp` sends begin, the role and the page's first
 * query together (drizzle's transaction() would send begin alone, and hold its callback open).
 */
async function holdTransaction(pool: pg.Pool, connection: Db, holding: ReturnType<typeof gate>): Promise<HeldTransaction> {
  await holding.enter();
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    holding.leave();
    throw error;
  }
  // drizzle's own transaction object, on this connection: what connection.transaction() would make.
  const { dialect, schema, options } = (connection as unknown as { session: { dialect: never; schema: never; options: never } }).session;
  const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, schema, options), schema) as unknown as Tx;
  let begun = false;
  let ended = false;
  const withCommit: string[] = [];
  // Through the connection's queue (a config object, not a string), after anything still running on it.
  const send = async <T>(text: string) => (await client.query({ text })) as unknown as T;
  const begin = async <T>(query: string) => {
    if (begun) throw new Error('The held transaction has already begun');
    begun = true;
    return send<T>(`begin; ${asAppRole(query)}`);
  };
  return {
    tx,
    asApp: async <T>(query: string) => (await begin<pg.QueryResult[]>(query))[2]!.rows as T[],
    scope: async (scope) => {
      if (!begun) await begin('select 1');
      await enterScope(tx, scope);
    },
    atCommit: (statement) => { withCommit.push(statement); },
    get ended() { return ended; },
    end: async (commit) => {
      if (ended) return;
      ended = true;
      try {
        if (begun) await send(commit ? [...withCommit, 'commit'].join('; ') : 'rollback');
        client.release();
      } catch (error) {
        // A connection whose transaction could not end is not given to anyone else.
        client.release(error as Error);
        throw error;
      } finally {
        holding.leave();
      }
    },
  };
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
