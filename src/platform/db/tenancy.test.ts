import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit/audit.js';
import type { Actor } from '../http/types.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { rowsOf, type Database } from './database.js';
import { auditEvents, memberships, users } from './schema.js';

/** Drizzle wraps the database's own error: look at its cause. */
const dbError = (pattern: RegExp) => (error: unknown) =>
  pattern.test(String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message));

describe('tenancy: row-level security keeps each scheme to its own rows', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let managerA: Awaited<ReturnType<typeof aUser>>;
  let carerB: Awaited<ReturnType<typeof aUser>>;
  let a: Actor;
  let schemeB = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const schemeA = await aScheme(db, { name: 'Alphaton Shared Lives' });
    schemeB = (await aScheme(db, { name: 'Betaby Shared Lives' })).id;
    managerA = await aUser(db, { role: 'scheme_manager', schemeId: schemeA.id, name: 'Ada Alphaton' });
    await aUser(db, { role: 'carer', schemeId: schemeA.id });
    await aUser(db, { role: 'scheme_manager', schemeId: schemeB, name: 'Bea Betaby' });
    carerB = await aUser(db, { role: 'carer', schemeId: schemeB, name: 'Cal Betaby' });
    a = { userId: managerA.id, schemeId: schemeA.id, role: 'scheme_manager', name: managerA.name };
    const b: Actor = { userId: carerB.id, schemeId: schemeB, role: 'carer', name: carerB.name };
    await db.inScope(b, (tx) => audit(tx, b, { action: 'viewed', recordType: 'user', recordId: carerB.id }));
  });
  afterAll(async () => close());

  it('lists only the own scheme, even with no filter in the query', async () => {
    const seen = await db.inScope(a, async (tx) => ({
      memberships: await tx.select().from(memberships),
      users: await tx.select().from(users),
      audit: await tx.select().from(auditEvents),
    }));
    expect(seen.memberships.length).toBe(2);
    expect(seen.memberships.every((m) => m.schemeId === a.schemeId)).toBe(true);
    expect(seen.users.map((u) => u.name)).not.toContain('Cal Betaby');
    expect(seen.users.map((u) => u.name)).not.toContain('Bea Betaby');
    expect(seen.audit.every((e) => e.schemeId === a.schemeId)).toBe(true);
  });

  it('cannot read, update or delete another scheme’s row by guessing its id', async () => {
    const result = await db.inScope(a, async (tx) => ({
      read: await tx.select().from(memberships).where(eq(memberships.id, carerB.membership.id)),
      updated: await tx.update(memberships).set({ endedAt: new Date() }).where(eq(memberships.id, carerB.membership.id)).returning(),
      renamed: await tx.update(users).set({ name: 'Taken over' }).where(eq(users.id, carerB.id)).returning(),
      deleted: await tx.delete(memberships).where(eq(memberships.id, carerB.membership.id)).returning(),
    }));
    expect(result).toEqual({ read: [], updated: [], renamed: [], deleted: [] });
    const [still] = await db.owner.select().from(memberships).where(eq(memberships.id, carerB.membership.id));
    expect(still?.endedAt).toBeNull();
    const [user] = await db.owner.select().from(users).where(eq(users.id, carerB.id));
    expect(user?.name).toBe('Cal Betaby');
  });

  it('cannot write a row into another scheme', async () => {
    await expect(
      db.inScope(a, (tx) => tx.insert(memberships).values({ userId: managerA.id, schemeId: schemeB, role: 'scheme_worker' })),
    ).rejects.toSatisfy(dbError(/row-level security/));
    await expect(
      db.inScope(a, (tx) => tx.update(memberships).set({ schemeId: schemeB }).where(eq(memberships.userId, managerA.id))),
    ).rejects.toSatisfy(dbError(/row-level security/));
  });

  it('cannot change or delete audit events, even its own', async () => {
    await expect(db.inScope(a, (tx) => tx.update(auditEvents).set({ action: 'nothing' }))).rejects.toSatisfy(dbError(/permission denied/));
    await expect(db.inScope(a, (tx) => tx.delete(auditEvents))).rejects.toSatisfy(dbError(/permission denied/));
    await expect(db.inScope(a, (tx) => tx.execute(sql`truncate audit_events`))).rejects.toSatisfy(
      dbError(/permission denied|must be owner/),
    );
  });

  it('cannot write an audit event in someone else’s name', async () => {
    await expect(db.inScope(a, (tx) => audit(tx, { ...a, userId: carerB.id }, { action: 'viewed', recordType: 'user' }))).rejects.toSatisfy(
      dbError(/row-level security/),
    );
  });

  it('sees nothing of any scheme with no scheme set', async () => {
    const seen = await db.inScope({ userId: null, schemeId: null, role: null }, async (tx) => ({
      memberships: await tx.select().from(memberships),
      users: await tx.select().from(users),
      audit: await tx.select().from(auditEvents),
    }));
    expect(seen).toEqual({ memberships: [], users: [], audit: [] });
  });

  it('protects every table with row-level security and a policy', async () => {
    const tables = await rowsOf<{ table: string; rls: boolean; policies: number | string }>(
      db.owner,
      sql`
      select c.relname as table, c.relrowsecurity as rls,
        (select count(*) from pg_policies p where p.tablename = c.relname) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) {
      expect({ table: t.table, rls: t.rls, hasPolicy: Number(t.policies) > 0 }).toEqual({ table: t.table, rls: true, hasPolicy: true });
    }
  });

  it('answers 404 over HTTP for another scheme’s record, reading or changing', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn(managerA.email);
    expect((await visitor.get(`/team/${carerB.membership.id}`)).statusCode).toBe(404);
    expect((await visitor.post(`/team/${carerB.membership.id}/end`, {})).statusCode).toBe(404);
    const list = await visitor.get('/team');
    expect(list.body).toContain('Ada Alphaton');
    expect(list.body).not.toContain('Betaby');
    const api = await visitor.json('GET', '/api/v1/team?q=Betaby');
    expect(api.json()).toMatchObject({ total: 0, members: [] });
  });
});
