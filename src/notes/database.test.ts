import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { incidentFollowUps, incidents } from '../incidents/schema.js';
import { anIncident } from '../incidents/testing.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { Role } from '../platform/permissions/roles.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { testDatabase } from '../platform/testing/database.js';
import { loadBulkNotes } from './generated.js';
import { dailyNotes } from './schema.js';
import { caseloadConditions, pageQuery } from './service.js';
import { aNote } from './testing.js';

/** Who sees daily notes and incidents, whatever the query (row-level security), and the caseload list's use of indexes. */
describe('daily notes and incidents in the database', () => {
  let db: Database;
  let schemeId = '';
  const actors = new Map<string, Actor>();
  let arrangement = { id: '', schemeId: '' };
  let otherArrangement = { id: '', schemeId: '' };

  beforeAll(async () => {
    db = await testDatabase();
    schemeId = (await aScheme(db)).id;
    const as = async (key: string, role: Role, scheme = schemeId) => {
      const user = await aUser(db, { role, schemeId: scheme });
      actors.set(key, { userId: user.id, schemeId: scheme, role, name: user.name });
      return user.id;
    };
    await as('worker', 'scheme_worker');
    await as('outsider', 'scheme_manager', (await aScheme(db)).id);
    const carer = await anApprovedCarer(db, { schemeId, userId: await as('carer', 'carer') });
    const otherCarer = await anApprovedCarer(db, { schemeId, userId: await as('otherCarer', 'carer') });
    const person = await aPerson(db, { schemeId, status: 'supported', userId: await as('person', 'person') });
    await aCircleMember(db, person, { userId: await as('circle', 'circle_member'), consents: ['daily_notes'] });
    await aCircleMember(db, person, { userId: await as('circleProfileOnly', 'circle_member'), consents: ['profile'] });
    arrangement = await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id, workerUserId: actors.get('worker')!.userId });
    otherArrangement = await anArrangement(db, {
      schemeId,
      personId: (await aPerson(db, { schemeId, status: 'supported' })).id,
      carerId: otherCarer.id,
    });
    await aNote(db, arrangement, { text: 'About Ana' });
    await aNote(db, otherArrangement, { text: 'About someone else' });
    await anIncident(db, arrangement, { severity: 'serious' });
  });
  afterAll(async () => db.close());

  const notesSeenBy = async (key: string) =>
    (await db.inScope(actors.get(key)!, (tx) => tx.select().from(dailyNotes))).map((n) => n.whatHappened).sort();
  const incidentsSeenBy = async (key: string) => (await db.inScope(actors.get(key)!, (tx) => tx.select().from(incidents))).length;
  const refused = async (work: Promise<unknown>) =>
    work.then(
      () => false,
      () => true,
    );

  it('shows notes to staff, the arrangement’s carer, the person and the circle they shared notes with; no one else', async () => {
    expect(await notesSeenBy('worker')).toEqual(['About Ana', 'About someone else']);
    expect(await notesSeenBy('carer')).toEqual(['About Ana']);
    expect(await notesSeenBy('otherCarer')).toEqual(['About someone else']);
    expect(await notesSeenBy('person')).toEqual(['About Ana']);
    expect(await notesSeenBy('circle')).toEqual(['About Ana']);
    expect(await notesSeenBy('circleProfileOnly')).toEqual([]);
    expect(await notesSeenBy('outsider')).toEqual([]);
  });

  it('shows incidents to staff and the arrangement’s carer only: never the person or their circle', async () => {
    expect(await incidentsSeenBy('worker')).toBe(1);
    expect(await incidentsSeenBy('carer')).toBe(1);
    for (const key of ['otherCarer', 'person', 'circle', 'outsider']) expect(await incidentsSeenBy(key)).toBe(0);
  });

  it('lets a carer write only about their own arrangements, in their own name; only staff change notes; no one deletes them', async () => {
    const carer = actors.get('carer')!;
    const note = (arrangementId: string, writer = carer.userId) => ({
      schemeId,
      arrangementId,
      writtenOn: '2026-03-01',
      whatHappened: 'x',
      mood: 3,
      writtenByUserId: writer,
      writtenByName: 'x',
    });
    expect(await refused(db.inScope(carer, (tx) => tx.insert(dailyNotes).values(note(arrangement.id))))).toBe(false);
    expect(await refused(db.inScope(carer, (tx) => tx.insert(dailyNotes).values(note(otherArrangement.id))))).toBe(true);
    expect(await refused(db.inScope(carer, (tx) => tx.insert(dailyNotes).values(note(arrangement.id, actors.get('worker')!.userId))))).toBe(
      true,
    );
    expect(
      await refused(
        db.inScope(actors.get('person')!, (tx) => tx.insert(dailyNotes).values(note(arrangement.id, actors.get('person')!.userId))),
      ),
    ).toBe(true);
    const changed = await db.inScope(carer, (tx) => tx.update(dailyNotes).set({ whatHappened: 'changed' }).returning());
    expect(changed).toEqual([]);
    const deleted = await db.inScope(actors.get('worker')!, (tx) => tx.delete(dailyNotes).returning());
    expect(deleted).toEqual([]);
    expect(
      await refused(
        db.inScope(carer, (tx) =>
          tx
            .insert(incidentFollowUps)
            .values({ schemeId, incidentId: '00000000-0000-4000-8000-000000000000', note: 'x', byUserId: carer.userId, byName: 'x' }),
        ),
      ),
    ).toBe(true);
  });

  it('refuses a mood off the scale, a flag without a reason, and closing a notifiable incident before it is notified', async () => {
    expect(await refused(aNote(db, arrangement, { mood: 6 }))).toBe(true);
    expect(
      await refused(
        db.owner.insert(dailyNotes).values({
          schemeId,
          arrangementId: arrangement.id,
          writtenOn: '2026-03-01',
          whatHappened: 'x',
          mood: 3,
          flagged: true,
          writtenByName: 'x',
        }),
      ),
    ).toBe(true);
    const notifiable = await anIncident(db, arrangement, { categories: ['death'] });
    expect(
      await refused(db.owner.update(incidents).set({ closedAt: new Date(), outcome: 'x' }).where(eq(incidents.id, notifiable.id))),
    ).toBe(true);
  });

  it('adds notes in bulk for benchmarks, deterministically and only once', async () => {
    const before = (await db.owner.select({ id: dailyNotes.id }).from(dailyNotes)).length;
    const added = await loadBulkNotes(db, { total: 6000, today: '2026-10-01', schemeIds: [schemeId] });
    expect(added).toBeGreaterThan(5000);
    expect(await loadBulkNotes(db, { total: 6000, today: '2026-10-01', schemeIds: [schemeId] })).toBe(0);
    const rows = await db.owner.select({ id: dailyNotes.id, mood: dailyNotes.mood, flagged: dailyNotes.flagged }).from(dailyNotes);
    // Ids the routes accept (RFC 9562 layout), so a generated note's page opens.
    expect(rows.every((r) => z.uuid().safeParse(r.id).success)).toBe(true);
    expect(rows.length).toBe(before + added);
    expect(new Set(rows.map((r) => r.mood)).size).toBe(5);
    expect(rows.filter((r) => r.flagged).length).toBeGreaterThan(50);
  });

  it('reads the caseload list through an index, not by scanning every note', async () => {
    const worker = actors.get('worker')!;
    const plans = await db.inScope(worker, async (tx) => {
      const explain = async (filter: Parameters<typeof caseloadConditions>[2]) =>
        (
          await rowsOf<{ 'QUERY PLAN': string }>(
            tx,
            sql`explain ${pageQuery(tx, caseloadConditions(tx, worker, filter), filter.cursor).getSQL()}`,
          )
        )
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      return [
        await explain({}),
        await explain({ worker: worker.userId! }),
        await explain({ flagged: true }),
        await explain({
          from: '2026-05-01',
          to: '2026-06-01',
          cursor: { direction: 'older', writtenOn: '2026-05-20', id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' },
        }),
      ];
    });
    for (const plan of plans) {
      expect(plan).toMatch(/Index (Only )?Scan (Backward )?using daily_notes_/);
      expect(plan).not.toMatch(/Seq Scan on daily_notes/);
    }
    // The scheme's list, flagged or by dates, walks the index newest first and stops after a page: nothing is sorted.
    for (const plan of [plans[0], plans[2], plans[3]]) expect(plan).not.toMatch(/Sort Key: daily_notes/);
  });
});
