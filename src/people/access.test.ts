import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { Role } from '../platform/permissions/roles.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { circleConsents, circleMembers, needsSummaries, onePageProfiles, people, referrals, risks } from './schema.js';
import { aCircleMember, aPerson, aProfile, aReferral, someCommunicationNeeds } from './testing.js';

/** Drizzle wraps the database's own error: look at its cause. */
const dbError = (pattern: RegExp) => (error: unknown) =>
  pattern.test(String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message));

describe('who sees which person’s record', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const visitors = {} as Record<'worker' | 'mara' | 'jo' | 'carer' | 'commissioner' | 'national' | 'otherManager' | 'unlinked', Visitor>;
  const actors = {} as Record<'mara' | 'jo', Actor>;
  let joEmail = '';
  let mara: Awaited<ReturnType<typeof aPerson>>;
  let theo: Awaited<ReturnType<typeof aPerson>>;
  let joMemberId = '';

  const signedIn = async (role: Role, scheme: string | null, name?: string) => {
    const user = await aUser(db, { role, schemeId: scheme, ...(name ? { name } : {}) });
    const visitor = new Visitor(app);
    await visitor.signIn(user.email);
    return { user, visitor };
  };

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const otherScheme = (await aScheme(db)).id;
    const maraSignIn = await signedIn('person', schemeId, 'Mara Person');
    const joSignIn = await signedIn('circle_member', schemeId, 'Jo Circle');
    visitors.mara = maraSignIn.visitor;
    visitors.jo = joSignIn.visitor;
    joEmail = joSignIn.user.email;
    visitors.worker = (await signedIn('scheme_worker', schemeId)).visitor;
    visitors.carer = (await signedIn('carer', schemeId)).visitor;
    visitors.commissioner = (await signedIn('commissioner', schemeId)).visitor;
    visitors.unlinked = (await signedIn('person', schemeId)).visitor;
    visitors.national = (await signedIn('national_admin', null)).visitor;
    visitors.otherManager = (await signedIn('scheme_manager', otherScheme)).visitor;
    actors.mara = { userId: maraSignIn.user.id, schemeId, role: 'person', name: 'Mara Person' };
    actors.jo = { userId: joSignIn.user.id, schemeId, role: 'circle_member', name: 'Jo Circle' };

    mara = await aPerson(db, { schemeId, name: 'Amara Okafor', preferredName: 'Mara', status: 'waiting', userId: maraSignIn.user.id });
    await aReferral(db, mara, { reason: 'A private reason from the social worker' });
    await aProfile(db, mara, { importantToMe: 'My dog Biscuit' });
    await someCommunicationNeeds(db, mara);
    await db.owner.insert(needsSummaries).values({ schemeId, personId: mara.id, health: 'Epilepsy, well controlled' });
    await db.owner.insert(risks).values({ schemeId, personId: mara.id, risk: 'Seizures at night', positiveSteps: 'Bed sensor' });
    joMemberId = (await aCircleMember(db, mara, { userId: joSignIn.user.id, consents: ['profile'] })).id;
    theo = await aPerson(db, { schemeId, name: 'Theo Marsh', status: 'assessing' });
    await aProfile(db, theo, { importantToMe: 'Theo’s own secret' });
    await aCircleMember(db, theo, { userId: joSignIn.user.id, name: 'Jo, with no consent yet' });
  });
  afterAll(async () => close());

  it('shows the person their own record in plain words, and sends them there from People', async () => {
    const list = await visitors.mara.get('/people');
    expect(list.statusCode).toBe(302);
    expect(list.headers.location).toBe(`/people/${mara.id}`);
    const own = await visitors.mara.get(`/people/${mara.id}`);
    expect(own.statusCode).toBe(200);
    for (const text of [
      'Your record',
      'About you',
      'In your own words',
      'My dog Biscuit',
      'Easy Read',
      'Epilepsy, well controlled',
      'Seizures at night',
      'Your circle of support',
      'Jo Circle',
    ]) {
      expect(own.body).toContain(text);
    }
    expect(own.body).not.toContain('A private reason from the social worker');
  });

  it('keeps everyone else’s record from a person, whether or not it exists', async () => {
    expect((await visitors.mara.get(`/people/${theo.id}`)).statusCode).toBe(403);
    expect((await visitors.mara.get('/people/00000000-0000-4000-8000-000000000000')).statusCode).toBe(403);
    expect((await visitors.mara.get(`/people/${mara.id}/profile`)).statusCode).toBe(403);
    const unlinked = await visitors.unlinked.get('/people');
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.body).toContain('has not linked your record');
    expect(unlinked.body).not.toContain('Amara Okafor');
  });

  it('shows someone in the circle only the people who consented, and only what they consented to', async () => {
    const list = await visitors.jo.get('/people');
    expect(list.body).toContain('Amara Okafor');
    expect(list.body).not.toContain('Theo Marsh');
    const shared = await visitors.jo.get(`/people/${mara.id}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.body).toContain('My dog Biscuit');
    expect(shared.body).toContain('Easy Read');
    expect(shared.body).not.toContain('Epilepsy');
    expect(shared.body).not.toContain('Seizures at night');
    expect(shared.body).not.toContain('A private reason');
    expect((await visitors.jo.get(`/people/${theo.id}`)).statusCode).toBe(403);
  });

  it('lets the circle member see more once consent is given, and nothing once withdrawn', async () => {
    await visitors.worker.get(`/people/${mara.id}/circle/${joMemberId}`);
    const given = await visitors.worker.post(`/people/${mara.id}/circle/${joMemberId}`, {
      name: 'Jo Circle',
      relationship: 'family',
      signInEmail: joEmail,
      consents: ['profile', 'support_plan'],
    });
    expect(given.statusCode).toBe(302);
    expect((await visitors.jo.get(`/people/${mara.id}`)).body).toContain('Seizures at night');

    await visitors.worker.get(`/people/${mara.id}/circle/${joMemberId}`);
    await visitors.worker.post(`/people/${mara.id}/circle/${joMemberId}`, {
      name: 'Jo Circle',
      relationship: 'family',
      signInEmail: joEmail,
    });
    expect((await visitors.jo.get(`/people/${mara.id}`)).statusCode).toBe(403);
    const consents = await db.owner.select().from(circleConsents).where(eq(circleConsents.circleMemberId, joMemberId));
    expect(consents.every((c) => c.withdrawnAt && c.withdrawnByUserId)).toBe(true);
    expect(consents).toHaveLength(2);

    await visitors.worker.get(`/people/${mara.id}/circle/${joMemberId}`);
    await visitors.worker.post(`/people/${mara.id}/circle/${joMemberId}`, {
      name: 'Jo Circle',
      relationship: 'family',
      signInEmail: joEmail,
      consents: 'profile',
    });
    expect((await visitors.jo.get(`/people/${mara.id}`)).statusCode).toBe(200);
  });

  it('shows carers no one yet, and commissioners and national administrators none of these records', async () => {
    const carerList = await visitors.carer.get('/people');
    expect(carerList.statusCode).toBe(200);
    expect(carerList.body).not.toContain('Amara Okafor');
    expect((await visitors.carer.get(`/people/${mara.id}`)).statusCode).toBe(403);
    for (const who of [visitors.commissioner, visitors.national]) {
      expect((await who.get('/people')).statusCode).toBe(403);
      expect((await who.get(`/people/${mara.id}`)).statusCode).toBe(403);
    }
  });

  it('answers 404 to another scheme’s staff', async () => {
    expect((await visitors.otherManager.get(`/people/${mara.id}`)).statusCode).toBe(404);
    expect((await visitors.otherManager.get(`/people/${mara.id}/status`)).statusCode).toBe(404);
    expect((await visitors.otherManager.get('/people?q=Amara')).body).not.toContain('Amara Okafor');
  });

  it('flags communication needs at the top of every worker’s page about the person', async () => {
    for (const page of [
      '',
      '/details',
      '/status',
      '/profile',
      '/profile/edit',
      '/communication',
      '/needs',
      '/needs/edit',
      '/wishes',
      '/risks/new',
      '/circle',
      '/circle/new',
    ]) {
      const response = await visitors.worker.get(`/people/${mara.id}${page}`);
      expect(response.statusCode, page).toBe(200);
      expect(response.body, page).toContain('aria-label="Communication needs"');
      expect(response.body, page).toContain('Easy Read');
      expect(response.body, page).toContain('Best way to contact: Text message');
    }
  });

  describe('in the database too (row-level security), whatever the query', () => {
    it('lets a person read only their own rows', async () => {
      const seen = await db.inScope(actors.mara, async (tx) => ({
        people: await tx.select().from(people),
        referrals: await tx.select().from(referrals),
        profiles: await tx.select().from(onePageProfiles),
        risks: await tx.select().from(risks),
      }));
      expect(seen.people.map((p) => p.id)).toEqual([mara.id]);
      expect(seen.referrals.map((r) => r.personId)).toEqual([mara.id]);
      expect(seen.profiles.map((p) => p.personId)).toEqual([mara.id]);
      expect(seen.risks).toHaveLength(1);
    });

    it('lets a circle member read only what was consented to them', async () => {
      const seen = await db.inScope(actors.jo, async (tx) => ({
        people: await tx.select().from(people),
        profiles: await tx.select().from(onePageProfiles),
        risks: await tx.select().from(risks),
        members: await tx.select().from(circleMembers),
      }));
      expect(seen.people.map((p) => p.id)).toEqual([mara.id]);
      expect(seen.profiles.map((p) => p.personId)).toEqual([mara.id]);
      expect(seen.risks).toEqual([]);
      expect(seen.members.every((m) => m.name.startsWith('Jo'))).toBe(true);
    });

    it('lets no one but staff write', async () => {
      await expect(
        db.inScope(actors.mara, (tx) => tx.insert(people).values({ schemeId, name: 'Made up', statusSince: '2026-01-01' })),
      ).rejects.toSatisfy(dbError(/row-level security/));
      const changed = await db.inScope(actors.mara, (tx) =>
        tx.update(people).set({ name: 'Changed' }).where(eq(people.id, mara.id)).returning(),
      );
      expect(changed).toEqual([]);
    });
  });
});
