import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { Role } from '../platform/permissions/roles.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { addDays, addMonths, todayInUk } from '../platform/dates.js';
import { checkRecords } from './checks/schema.js';
import { carerHomes, carerReviews, carers, carerStageChanges, householdMembers } from './schema.js';
import { carerApprovals } from './approval-schema.js';
import { aCarer, aCheckRecord, aHouseholdMember, defaultCheckTypes } from './testing.js';

describe('who sees carers’ records', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const actors = new Map<Role, Actor>();
  const visitors = new Map<Role, Visitor>();
  let own: Awaited<ReturnType<typeof aCarer>>;
  let other: Awaited<ReturnType<typeof aCarer>>;
  let elsewhere: Awaited<ReturnType<typeof aCarer>>;
  let otherManager: Visitor;
  const today = todayInUk();

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const otherScheme = (await aScheme(db)).id;
    for (const role of [
      'scheme_manager',
      'scheme_worker',
      'carer',
      'person',
      'circle_member',
      'ambassador',
      'panel_member',
      'commissioner',
    ] as const) {
      const user = await aUser(db, { role, schemeId });
      actors.set(role, { userId: user.id, schemeId, role, name: user.name });
      const visitor = new Visitor(app);
      await visitor.signIn(user.email);
      visitors.set(role, visitor);
    }
    const types = await defaultCheckTypes(db, schemeId);
    const dbs = types.find((t) => t.name.startsWith('DBS'))!;
    own = await aCarer(db, {
      schemeId,
      stage: 'approved',
      userId: actors.get('carer')!.userId,
      name: 'Olive Own',
      reviewDueOn: addDays(today, 10),
    });
    other = await aCarer(db, { schemeId, stage: 'approved', name: 'Otto Other', reviewDueOn: addDays(today, -5) });
    const partner = await aHouseholdMember(db, own, { name: 'Pat Own' });
    await aCheckRecord(db, own, dbs, { completedOn: addMonths(today, -40), expiresOn: addMonths(today, -4) });
    await aCheckRecord(db, own, dbs, { completedOn: addMonths(today, -35), expiresOn: addDays(today, 20), memberId: partner.id });
    await aCheckRecord(db, other, dbs, { completedOn: addMonths(today, -1), expiresOn: addMonths(today, 35) });
    elsewhere = await aCarer(db, { schemeId: otherScheme, stage: 'approved', name: 'Elsie Elsewhere' });
    const m = await aUser(db, { role: 'scheme_manager', schemeId: otherScheme });
    otherManager = new Visitor(app);
    await otherManager.signIn(m.email);
  });
  afterAll(async () => close());

  const sections = ['', '/household', '/checks', '/approval', '/reviews', '/history'];

  it('takes a carer to their own record, and only that', async () => {
    const carer = visitors.get('carer')!;
    expect((await carer.get('/carers')).headers.location).toBe('/carers/me');
    expect((await carer.get('/carers/board')).headers.location).toBe('/carers/me');
    expect((await carer.get('/carers/me')).headers.location).toBe(`/carers/${own.id}`);
    for (const section of sections) {
      const page = await carer.get(`/carers/${own.id}${section}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Olive Own');
      expect(page.body).not.toContain('Change stage');
      expect((await carer.get(`/carers/${other.id}${section}`)).statusCode).toBe(404);
    }
    expect((await carer.get(`/carers/${own.id}/household`)).body).toContain('Pat Own');
    expect((await carer.get('/carers/new')).statusCode).toBe(403);
    expect((await carer.get(`/carers/${own.id}/checks/new`)).statusCode).toBe(403);
  });

  it('tells a carer whose sign-in is not linked yet', async () => {
    const user = await aUser(db, { role: 'carer', schemeId });
    const visitor = new Visitor(app);
    await visitor.signIn(user.email);
    const page = await visitor.get('/carers/me');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('not linked to a carer record yet');
  });

  it('keeps every other role out of carers’ records, down to the database', async () => {
    const tables = [carers, carerHomes, householdMembers, carerStageChanges, carerApprovals, carerReviews, checkRecords];
    for (const role of ['person', 'circle_member', 'ambassador', 'panel_member', 'commissioner'] as const) {
      const actor = actors.get(role)!;
      for (const table of tables) expect(await db.inScope(actor, (tx) => tx.select().from(table))).toEqual([]);
      expect((await visitors.get(role)!.get(`/carers/${own.id}`)).statusCode).toBe(403);
    }
    const seenByCarer = await db.inScope(actors.get('carer')!, async (tx) => ({
      carers: (await tx.select().from(carers)).map((c) => c.name),
      members: (await tx.select().from(householdMembers)).map((m) => m.name),
      checks: (await tx.select().from(checkRecords)).map((r) => r.carerId),
    }));
    expect(seenByCarer).toEqual({ carers: ['Olive Own'], members: ['Pat Own'], checks: [own.id, own.id] });
    expect((await db.inScope(actors.get('scheme_worker')!, (tx) => tx.select().from(carers))).map((c) => c.name).sort()).toEqual([
      'Olive Own',
      'Otto Other',
    ]);
  });

  it('keeps each scheme to its own carers', async () => {
    expect((await otherManager.get(`/carers/${own.id}`)).statusCode).toBe(404);
    expect((await otherManager.get('/carers')).body).not.toContain('Olive Own');
    expect((await visitors.get('scheme_manager')!.get(`/carers/${elsewhere.id}`)).statusCode).toBe(404);
  });

  it('shows staff everything due across the scheme, with links to act', async () => {
    const page = await visitors.get('scheme_manager')!.get('/due');
    expect(page.statusCode).toBe(200);
    const rows = page.body.split('<tr class="govuk-table__row">').slice(2);
    const row = (text: string) => rows.find((r) => r.includes(text)) ?? '';
    expect(row('DBS check')).toContain('Olive Own');
    expect(row('DBS check')).toContain('Overdue');
    expect(row('DBS check')).toContain(`/carers/${own.id}/checks/new?type=`);
    expect(rows.find((r) => r.includes('Pat Own'))).toContain('Due in 30 days');
    expect(row('Yearly carer review')).toContain('Otto Other');
    expect(rows.filter((r) => r.includes('Yearly carer review')).map((r) => (r.includes('Otto') ? 'Otto' : 'Olive'))).toEqual([
      'Otto',
      'Olive',
    ]);

    const overdueOnly = await visitors.get('scheme_manager')!.get('/due?status=overdue&kind=review');
    expect(overdueOnly.body).toContain('Otto Other');
    expect(overdueOnly.body).not.toContain('Olive Own</a>');
  });

  it('shows a carer only what is due for them', async () => {
    const page = await visitors.get('carer')!.get('/due');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Olive Own');
    expect(page.body).not.toContain('Otto Other');
    expect(page.body).toContain('See your checks');
    expect(page.body).not.toContain('/checks/new');
  });
});
