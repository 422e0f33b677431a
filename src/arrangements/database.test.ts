import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carers } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import { migrationsFolder, rowsOf, type Database, type Tx } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { testDatabase } from '../platform/testing/database.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { agreementAcknowledgements, agreements, agreementTemplates, arrangements } from './schema.js';
import { constraintOf } from './service.js';
import { DEFAULT_TEMPLATES } from './templates.js';
import { anApprovedCarer, anArrangement, defaultAgreementTemplates } from './testing.js';

/** The database's own word on arrangements: the carer's approval terms (a trigger), and who sees what (row-level security). */
describe('arrangements in the database', () => {
  let db: Database;
  let schemeId = '';
  let otherSchemeId = '';
  let staff: Actor;
  let otherStaff: Actor;

  beforeAll(async () => {
    db = await testDatabase();
    schemeId = (await aScheme(db)).id;
    otherSchemeId = (await aScheme(db)).id;
    const worker = await aUser(db, { role: 'scheme_worker', schemeId });
    staff = { userId: worker.id, schemeId, role: 'scheme_worker', name: worker.name };
    const other = await aUser(db, { role: 'scheme_manager', schemeId: otherSchemeId });
    otherStaff = { userId: other.id, schemeId: otherSchemeId, role: 'scheme_manager', name: other.name };
  });
  afterAll(async () => db.close());

  const supported = () => aPerson(db, { schemeId, status: 'supported' });
  const insert = (
    tx: Tx,
    values: { personId: string; carerId: string; type?: 'live_in' | 'short_breaks' | 'day_support'; scheme?: string },
  ) =>
    tx.insert(arrangements).values({
      schemeId: values.scheme ?? schemeId,
      personId: values.personId,
      carerId: values.carerId,
      type: values.type ?? 'live_in',
      status: 'starting',
      statusSince: '2026-02-01',
      startsOn: '2026-02-01',
      funder: 'council',
    });
  const refused = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      return constraintOf(error);
    }
    return null;
  };

  describe('the carer’s approval terms', () => {
    it('refuses one live-in arrangement more than the carer is approved for, counting only those not ended', async () => {
      const carer = await anApprovedCarer(db, { schemeId, maxPeople: 2 });
      await anArrangement(db, { schemeId, personId: (await supported()).id, carerId: carer.id, status: 'active' });
      await anArrangement(db, { schemeId, personId: (await supported()).id, carerId: carer.id, status: 'ended' });
      await anArrangement(db, { schemeId, personId: (await supported()).id, carerId: carer.id, type: 'short_breaks' });
      const person = await supported();
      await db.inScope(staff, (tx) => insert(tx, { personId: person.id, carerId: carer.id }));
      expect(
        await refused(
          (async () => {
            const id = (await supported()).id;
            return db.inScope(staff, (tx) => insert(tx, { personId: id, carerId: carer.id }));
          })(),
        ),
      ).toBe('arrangements_within_capacity');
      expect(
        await refused(db.inScope(staff, async (tx) => insert(tx, { personId: person.id, carerId: carer.id, type: 'short_breaks' }))),
      ).toBeNull();
    });

    it('refuses a type the carer is not approved for, even by an update', async () => {
      const carer = await anApprovedCarer(db, { schemeId, types: ['short_breaks'] });
      const person = await supported();
      expect(await refused(db.inScope(staff, (tx) => insert(tx, { personId: person.id, carerId: carer.id, type: 'day_support' })))).toBe(
        'arrangements_type_approved',
      );
      const ok = await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id, type: 'short_breaks' });
      expect(
        await refused(db.inScope(staff, (tx) => tx.update(arrangements).set({ type: 'live_in' }).where(eq(arrangements.id, ok.id)))),
      ).toBe('arrangements_type_approved');
    });

    it('refuses a carer not approved now: paused, or whose latest decision declined them', async () => {
      const paused = await anApprovedCarer(db, { schemeId });
      await db.owner.update(carers).set({ stage: 'paused', stageReason: 'A break' }).where(eq(carers.id, paused.id));
      const person = await supported();
      expect(await refused(db.inScope(staff, (tx) => insert(tx, { personId: person.id, carerId: paused.id, type: 'day_support' })))).toBe(
        'arrangements_carer_approved',
      );
      const declined = await anApprovedCarer(db, { schemeId });
      await db.owner.insert(carerApprovals).values({
        schemeId,
        carerId: declined.id,
        decision: 'declined',
        decidedOn: '2099-01-01',
        basis: 'earlier_record',
        reason: 'Re-assessed',
      });
      expect(await refused(db.inScope(staff, (tx) => insert(tx, { personId: person.id, carerId: declined.id, type: 'day_support' })))).toBe(
        'arrangements_carer_approved',
      );
    });

    it('refuses a carer or person from another scheme', async () => {
      const elsewhere = await anApprovedCarer(db, { schemeId: otherSchemeId });
      const person = await supported();
      expect(await refused(db.inScope(staff, (tx) => insert(tx, { personId: person.id, carerId: elsewhere.id })))).toBe(
        'arrangements_same_scheme',
      );
      const local = await anApprovedCarer(db, { schemeId: otherSchemeId });
      expect(
        await refused(db.inScope(otherStaff, (tx) => insert(tx, { personId: person.id, carerId: local.id, scheme: otherSchemeId }))),
      ).toBe('arrangements_same_scheme');
    });

    it('lets exactly one of two arrangements racing for a carer’s last place in', async () => {
      const carer = await anApprovedCarer(db, { schemeId, maxPeople: 1 });
      const [first, second] = [await supported(), await supported()];
      const results =
        db.kind === 'server'
          ? await race(carer.id, first.id, second.id)
          : await Promise.allSettled([
              db.inScope(staff, (tx) => insert(tx, { personId: first.id, carerId: carer.id })),
              db.inScope(staff, (tx) => insert(tx, { personId: second.id, carerId: carer.id })),
            ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(constraintOf(results.find((r) => r.status === 'rejected')!.reason)).toBe('arrangements_within_capacity');
      const [{ n }] = (await rowsOf<{ n: number }>(
        db.owner,
        sql`select count(*)::int as n from arrangements where carer_id = ${carer.id}`,
      )) as [{ n: number }];
      expect(n).toBe(1);
    });

    /** On a server, two connections at once: the first holds its transaction open until the second is waiting on the carer's row. */
    async function race(carerId: string, firstPerson: string, secondPerson: string) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted!: () => void;
      const firstIn = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const first = db.inScope(staff, async (tx) => {
        await insert(tx, { personId: firstPerson, carerId });
        inserted();
        await held;
      });
      await firstIn;
      const second = db.inScope(staff, (tx) => insert(tx, { personId: secondPerson, carerId }));
      for (let i = 0; i < 100; i++) {
        const [{ waiting }] = (await rowsOf<{ waiting: number }>(
          db.owner,
          sql`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        )) as [{ waiting: number }];
        if (waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      release();
      return Promise.allSettled([first, second]);
    }
  });

  describe('who sees arrangements and agreements', () => {
    let arrangementId = '';
    const actors: Record<'ownCarer' | 'otherCarer' | 'ownPerson' | 'otherPerson' | 'consented' | 'notConsented' | 'panel', Actor> =
      {} as never;

    beforeAll(async () => {
      const as = async (key: keyof typeof actors, role: 'carer' | 'person' | 'circle_member' | 'panel_member') => {
        const user = await aUser(db, { role, schemeId });
        actors[key] = { userId: user.id, schemeId, role, name: user.name };
        return user.id;
      };
      const carer = await anApprovedCarer(db, { schemeId, userId: await as('ownCarer', 'carer') });
      await anApprovedCarer(db, { schemeId, userId: await as('otherCarer', 'carer') });
      const person = await aPerson(db, { schemeId, status: 'supported', userId: await as('ownPerson', 'person') });
      await aPerson(db, { schemeId, status: 'supported', userId: await as('otherPerson', 'person') });
      await aCircleMember(db, person, { userId: await as('consented', 'circle_member'), consents: ['profile'] });
      await aCircleMember(db, person, { userId: await as('notConsented', 'circle_member'), consents: [] });
      await as('panel', 'panel_member');
      arrangementId = (await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id })).id;
      await defaultAgreementTemplates(db, schemeId);
      const [template] = await db.owner.select().from(agreementTemplates).where(eq(agreementTemplates.schemeId, schemeId)).limit(1);
      const [agreement] = await db.owner
        .insert(agreements)
        .values({
          schemeId,
          arrangementId,
          kind: 'arrangement',
          version: 1,
          templateId: template!.id,
          templateVersion: 1,
          title: 'T',
          body: 'B',
          easyRead: 'E',
        })
        .returning();
      await db.owner
        .insert(agreementAcknowledgements)
        .values({ schemeId, agreementId: agreement!.id, party: 'scheme', name: 'W', asWhom: 'Scheme worker' });
    });

    const seen = (actor: Actor) =>
      db.inScope(actor, async (tx) => ({
        arrangements: (await tx.select({ id: arrangements.id }).from(arrangements)).map((a) => a.id),
        agreements: (await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.arrangementId, arrangementId))).length,
        acknowledgements: (await tx.select({ id: agreementAcknowledgements.id }).from(agreementAcknowledgements)).length,
        carerName:
          (
            await rowsOf<{ name: string | null }>(
              tx,
              sql`select hearth_arrangement_carer_name(carer_id, person_id) as name from arrangements where id = ${arrangementId}`,
            )
          )[0]?.name ?? null,
      }));

    it('shows the arrangement, its agreements and its carer’s name to its carer, its person and a consented circle member', async () => {
      for (const who of ['ownCarer', 'ownPerson', 'consented'] as const) {
        expect(await seen(actors[who]), who).toEqual({
          arrangements: [arrangementId],
          agreements: 1,
          acknowledgements: 1,
          carerName: expect.any(String),
        });
      }
    });

    it('shows nothing to another carer, another person, a circle member without consent or a panel member', async () => {
      for (const who of ['otherCarer', 'otherPerson', 'notConsented', 'panel'] as const) {
        expect(await seen(actors[who]), who).toEqual({ arrangements: [], agreements: 0, acknowledgements: 0, carerName: null });
      }
    });

    it('keeps each scheme’s arrangements to itself', async () => {
      const theirs = await db.inScope(otherStaff, (tx) => tx.select({ id: arrangements.id }).from(arrangements));
      expect(theirs.map((a) => a.id)).not.toContain(arrangementId);
      const ours = await db.inScope(staff, (tx) => tx.select({ id: arrangements.id }).from(arrangements));
      expect(ours.map((a) => a.id)).toContain(arrangementId);
    });

    it('lets only staff write arrangements, and the person or carer acknowledge only for themselves', async () => {
      const [agreement] = await db.owner.select().from(agreements).where(eq(agreements.arrangementId, arrangementId));
      const acknowledge = (actor: Actor, party: 'person' | 'carer') =>
        db.inScope(actor, (tx) =>
          tx.insert(agreementAcknowledgements).values({ schemeId, agreementId: agreement!.id, party, name: 'X', asWhom: 'Y' }),
        );
      const problem = async (work: Promise<unknown>) => {
        const error = await work.then(
          () => null,
          (e: unknown) => e as { cause?: { message?: string } },
        );
        return error?.cause?.message ?? null;
      };
      const changed = await db.inScope(actors.ownCarer, (tx) =>
        tx.update(arrangements).set({ funder: 'nhs' }).where(eq(arrangements.id, arrangementId)).returning(),
      );
      expect(changed).toEqual([]);
      expect(await problem(acknowledge(actors.ownPerson, 'carer'))).toMatch(/row-level security/);
      expect(await problem(acknowledge(actors.otherCarer, 'carer'))).toMatch(/row-level security/);
      expect(await problem(acknowledge(actors.consented, 'person'))).toMatch(/row-level security/);
      await acknowledge(actors.ownPerson, 'person');
      await acknowledge(actors.ownCarer, 'carer');
      const [{ n }] = (await rowsOf<{ n: number }>(
        db.owner,
        sql`select count(*)::int as n from agreement_acknowledgements where agreement_id = ${agreement!.id}`,
      )) as [{ n: number }];
      expect(n).toBe(3);
    });
  });

  it('gives schemes made before arrangements the same default templates as a new scheme', () => {
    const migration = readFileSync(path.join(migrationsFolder, readdirCustom()), 'utf8');
    for (const template of DEFAULT_TEMPLATES) {
      for (const text of [template.title, template.body, template.easyRead]) expect(migration).toContain(text);
    }
  });
});

function readdirCustom(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return `${journal.entries.find((e) => e.tag.endsWith('_arrangements_custom'))!.tag}.sql`;
}
