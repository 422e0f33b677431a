import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../testing/database.js';
import { aScheme } from '../testing/builders.js';
import { rowsOf, type Database, type Scope, type Tx } from './database.js';
import { gate, keep, withHolding } from './held.js';

const txid = async (tx: Tx) => (await rowsOf<{ id: string }>(tx, sql`select txid_current()::text as id`))[0]!.id;

/** Runs `work` as a request would: inside withHolding, so a transaction can be held for it. */
const asRequest = <T>(work: () => Promise<T>) => new Promise<T>((resolve, reject) => withHolding(() => { work().then(resolve, reject); }));

describe('a page’s one held transaction', () => {
  let db: Database;
  let scope: Scope;

  beforeAll(async () => {
    db = await testDatabase();
    scope = { schemeId: (await aScheme(db)).id, userId: null, role: 'scheme_manager' };
  });
  afterAll(async () => db.close());

  it('is shared by every read for the same scope, not by another scope’s, and refuses work once the page is sent', async (context) => {
    const probe = await db.hold();
    if (!probe) return context.skip(); // The embedded database has one connection: nothing is held there.
    await probe.end(true);
    await asRequest(async () => {
      const held = (await db.hold())!;
      await held.scope(scope);
      keep(held, scope);
      const heldId = await txid(held.tx);
      const [first, second] = await Promise.all([db.inScope(scope, txid), db.inScope({ ...scope }, txid)]);
      expect([first, second]).toEqual([heldId, heldId]);
      expect(await db.inScope({ ...scope, role: 'scheme_worker' }, txid)).not.toBe(heldId);
      // Row-level security sees the scope set on the held transaction.
      expect(await db.inScope(scope, async (tx) => (await rowsOf<{ s: string }>(tx, sql`select current_setting('app.scheme_id') as s`))[0]!.s)).toBe(scope.schemeId);
      await held.end(true);
      await expect(db.inScope(scope, txid)).rejects.toThrow(/transaction has ended/);
    });
  });

  it('rolls back what a failed page wrote', async (context) => {
    const held = await db.hold();
    if (!held) return context.skip();
    await held.scope({ schemeId: null, userId: null, role: null });
    await held.tx.execute(sql`create temporary table held_probe (n int)`);
    await held.end(false);
    await expect(db.owner.execute(sql`select * from held_probe`)).rejects.toThrow();
  });
});

describe('the gate on held connections', () => {
  it('lets in as many as it has room for, and the next in turn as each leaves', async () => {
    const g = gate(2);
    const order: string[] = [];
    await g.enter();
    await g.enter();
    const third = g.enter().then(() => order.push('third in'));
    await Promise.resolve();
    order.push('first leaves');
    g.leave();
    await third;
    expect(order).toEqual(['first leaves', 'third in']);
  });
});
