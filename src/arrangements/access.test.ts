import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleCarers } from '../carers/access.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { testDatabase } from '../platform/testing/database.js';
import { visibleArrangements } from './access.js';
import { everyoneAroundArrangements } from './testing.js';

/**
 * One rule, two forms: the filter a service puts in its queries (so a list's count and rows agree)
 * and the row-level security policy that the database applies whatever the query. For every kind
 * of actor, each form alone lets through the same rows.
 */
describe('who sees arrangements and carers: the services’ filters agree with row-level security', () => {
  let db: Database;
  let actors: Actor[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    ({ actors } = await everyoneAroundArrangements(db));
  });
  afterAll(async () => db.close());

  /** Row ids by row-level security alone (as the application role), and by the service's filter alone (as the owner, who bypasses it). */
  const bothWays = async (actor: Actor, table: 'arrangements' | 'carers', filter: SQL) => {
    const ids = (query: SQL) => async (tx: Parameters<Parameters<Database['inScope']>[1]>[0]) =>
      (await rowsOf<{ id: string }>(tx, query)).map((r) => r.id).sort();
    const byPolicy = await db.inScope(actor, ids(sql`select id from ${sql.identifier(table)}`));
    const byFilter = await db.owner.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.scheme_id', ${actor.schemeId}, true), set_config('app.user_id', ${actor.userId}, true), set_config('app.role', ${actor.role}, true)`,
      );
      return ids(sql`select id from ${sql.identifier(table)} where ${filter}`)(tx);
    });
    return { byPolicy, byFilter };
  };

  it('arrangements', async () => {
    for (const actor of actors) {
      const { byPolicy, byFilter } = await bothWays(actor, 'arrangements', visibleArrangements(actor));
      expect({ role: actor.role, ids: byFilter }).toEqual({ role: actor.role, ids: byPolicy });
    }
    expect(new Set(actors.map((a) => a.role))).toContain('circle_member');
  });

  it('carers', async () => {
    for (const actor of actors) {
      const { byPolicy, byFilter } = await bothWays(actor, 'carers', visibleCarers(actor));
      expect({ role: actor.role, ids: byFilter }).toEqual({ role: actor.role, ids: byPolicy });
    }
  });

  it('lets each actor see something, or is not a test of anything', async () => {
    const seen = await Promise.all(actors.map(async (a) => (await bothWays(a, 'arrangements', visibleArrangements(a))).byPolicy.length));
    expect(seen.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
  });
});
