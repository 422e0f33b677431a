import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit/audit.js';
import type { Actor } from '../http/types.js';
import { aScheme, aUser } from '../testing/builders.js';
import { testDatabase } from '../testing/database.js';
import { rowsOf, type Database, type Tx } from './database.js';
import { auditEvents } from './schema.js';
import { inTurn } from './unit-of-work.js';

const txid = async (tx: Tx) => (await rowsOf<{ id: string }>(tx, sql`select txid_current()::text as id`))[0]!.id;
/** A first statement that, as hearth_page_session does, says who is acting. */
const firstFor = (a: Actor) => `select txid_current()::text as id, current_setting('role') as role,
  set_config('app.scheme_id', '${a.schemeId}', true), set_config('app.user_id', '${a.userId}', true), set_config('app.role', '${a.role}', true)`;

describe('a page’s unit of work', () => {
  let db: Database;
  let manager: Actor;

  beforeAll(async () => {
    db = await testDatabase();
    const scheme = await aScheme(db);
    const user = await aUser(db, { role: 'scheme_manager', schemeId: scheme.id });
    manager = { schemeId: scheme.id, userId: user.id, role: 'scheme_manager', name: 'Test manager', unit: null };
  });
  afterAll(async () => db.close());

  it('is one transaction, as the application role, for every service given its actor, and no one else’s', async (context) => {
    const opened = await db.openUnit<{ id: string; role: string }>(firstFor(manager));
    if (!opened) return context.skip(); // The embedded database has one connection: no unit holds it.
    const actor = { ...manager, unit: opened.unit };
    const [first] = opened.rows;
    expect(first!.role).toBe('hearth_app');
    expect(await db.inScope(actor, txid)).toBe(first!.id);
    expect(await db.inScope(actor, txid)).toBe(first!.id);
    expect(await db.inScope(manager, txid)).not.toBe(first!.id);
    await opened.unit.end(true);
    await expect(db.inScope(actor, txid)).rejects.toThrow(/transaction has ended/);
  });

  it('writes the audit of what the page read with its commit, and nothing of a page that failed', async (context) => {
    const entry = (recordId: string) => ({ action: 'viewed' as const, recordType: 'unit test', recordId });
    const auditedAs = (recordId: string) => db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, recordId));
    for (const [recordId, commit] of [
      ['committed', true],
      ['rolled back', false],
    ] as const) {
      const opened = await db.openUnit(firstFor(manager));
      if (!opened) return context.skip();
      const actor = { ...manager, unit: opened.unit };
      await db.inScope(actor, (tx) => audit(tx, actor, entry(recordId)));
      expect(await auditedAs(recordId)).toHaveLength(0);
      await opened.unit.end(commit);
      expect(await auditedAs(recordId)).toHaveLength(commit ? 1 : 0);
    }
  });
});

describe('work in turn', () => {
  it('starts each call after the one before has finished, and gives the results in order', async () => {
    const order: string[] = [];
    const call = (name: string, ms: number) => async () => {
      order.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name} ends`);
      return name;
    };
    expect(await inTurn([call('a', 20), call('b', 1)])).toEqual(['a', 'b']);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });
});
