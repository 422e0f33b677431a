import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { circleConsents, circleMembers, people, personSupportNeeds, risks, supportNeedCategories } from './schema.js';
import { aCircleMember, aPerson, aReferral } from './testing.js';

describe('people’s records: details, lists, support needs, circle and risks', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  let manager: Visitor;
  let worker: Visitor;
  let workerId = '';
  let person: Awaited<ReturnType<typeof aPerson>>;
  let personSignIn: Awaited<ReturnType<typeof aUser>>;
  let circleSignIn: Awaited<ReturnType<typeof aUser>>;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const m = await aUser(db, { role: 'scheme_manager', schemeId });
    const w = await aUser(db, { role: 'scheme_worker', schemeId, name: 'Wren Worker' });
    workerId = w.id;
    personSignIn = await aUser(db, { role: 'person', schemeId });
    circleSignIn = await aUser(db, { role: 'circle_member', schemeId });
    manager = new Visitor(app);
    await manager.signIn(m.email);
    worker = new Visitor(app);
    await worker.signIn(w.email);
    person = await aPerson(db, { schemeId, name: 'Iris Fenwick', status: 'assessing' });
  });
  afterAll(async () => close());

  it('changes details and links the person’s own sign-in, refusing one that is not theirs to have', async () => {
    await worker.get(`/people/${person.id}/details`);
    const base = {
      name: 'Iris Fenwick',
      pronouns: 'she/her',
      postcode: 'nb2 7xy',
      area: 'Riverside',
      workerUserId: workerId,
      'dateOfBirth-day': '',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
    };
    const wrongRole = await worker.post(`/people/${person.id}/details`, { ...base, signInEmail: circleSignIn.email });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.body).toContain('No one has a person who uses Shared Lives sign-in with this email');
    const notStaff = await worker.post(`/people/${person.id}/details`, { ...base, workerUserId: personSignIn.id });
    expect(notStaff.body).toContain('Choose a worker from this scheme');
    const saved = await worker.post(`/people/${person.id}/details`, { ...base, signInEmail: personSignIn.email.toUpperCase() });
    expect(saved.statusCode).toBe(302);
    const [row] = await db.owner.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({
      userId: personSignIn.id,
      postcode: 'NB2 7XY',
      area: 'Riverside',
      pronouns: 'she/her',
      workerUserId: workerId,
    });
    const other = await aPerson(db, { schemeId, name: 'Someone Else' });
    await worker.get(`/people/${other.id}/details`);
    const taken = await worker.post(`/people/${other.id}/details`, { ...base, name: 'Someone Else', signInEmail: personSignIn.email });
    expect(taken.body).toContain('already linked to another person');
  });

  it('searches by name or postcode, filters, and pages 50 at a time', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      schemeId,
      name: `Listed Person ${String(i).padStart(2, '0')}`,
      status: i % 2 ? ('waiting' as const) : ('assessing' as const),
      statusSince: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
      area: i % 3 ? 'Hillside' : 'Riverside',
      postcode: `NB${i % 5} 1AA`,
    }));
    await db.owner.insert(people).values(rows);
    const first = await worker.get('/people?q=listed');
    expect(first.body).toContain('Showing 1 to 50 of 60');
    const second = await worker.get('/people?q=listed&page=2');
    expect(second.body).toContain('Showing 51 to 60 of 60');
    const byPostcode = await worker.get('/people?q=nb2%207');
    expect(byPostcode.body).toContain('Iris Fenwick');
    expect(byPostcode.body).not.toContain('Listed Person 00');
    const filtered = await worker.get('/people?status=waiting&area=Riverside');
    const names = [...filtered.body.matchAll(/>(Listed Person \d+)</g)].map((m) => m[1]);
    expect(names.length).toBe(10);
    const waitingSince = [...filtered.body.matchAll(/since (\d+ \w+ \d{4})/g)].map((m) => Date.parse(m[1]!));
    expect(waitingSince).toEqual([...waitingSince].sort((a, b) => a - b));
    const byWorker = await worker.get(`/people?worker=${workerId}`);
    expect(byWorker.body).toContain('Iris Fenwick');
    expect(byWorker.body).not.toContain('Listed Person');
    const unassigned = await worker.get('/people?worker=none&q=listed');
    expect(unassigned.body).toContain('of 60');
    await aReferral(db, person, { urgency: 'urgent' });
    const urgent = await worker.get('/people?urgency=urgent');
    expect(urgent.body).toContain('Iris Fenwick');
    expect(urgent.body).not.toContain('Listed Person');
    expect((await worker.get('/people?status=nonsense&page=-4')).statusCode).toBe(200);
  });

  it('lets the manager, and only the manager, keep the scheme’s list of support needs', async () => {
    const page = await manager.get('/people/settings/needs');
    expect(page.body).toContain('Learning disability');
    expect(page.body).toContain('Leaving hospital');
    expect((await manager.post('/people/settings/needs', { name: 'leaving hospital' })).body).toContain('already has that support need');
    expect((await manager.post('/people/settings/needs', { name: 'Leaving prison' })).statusCode).toBe(302);
    expect((await worker.get('/people/settings/needs')).statusCode).toBe(403);
    const [dementia] = await db.owner
      .select()
      .from(supportNeedCategories)
      .where(and(eq(supportNeedCategories.schemeId, schemeId), eq(supportNeedCategories.name, 'Dementia')));
    await worker.get(`/people/${person.id}/needs/edit`);
    await worker.post(`/people/${person.id}/needs`, { categoryIds: dementia!.id });
    await manager.get('/people/settings/needs');
    expect((await manager.post(`/people/settings/needs/${dementia!.id}/retire`, {})).statusCode).toBe(302);
    const form = await worker.get(`/people/${person.id}/needs/edit`);
    expect(form.body).toContain('Dementia (no longer offered)');
    expect(form.body).toContain('Leaving prison');
    const fresh = await aPerson(db, { schemeId });
    expect((await worker.get(`/people/${fresh.id}/needs/edit`)).body).not.toContain('Dementia');
    expect(await db.owner.select().from(personSupportNeeds).where(eq(personSupportNeeds.personId, person.id))).toHaveLength(1);
    const outsider = (
      await db.owner
        .insert(supportNeedCategories)
        .values({ schemeId: (await aScheme(db)).id, name: 'Elsewhere' })
        .returning()
    )[0]!;
    await worker.get(`/people/${person.id}/needs/edit`);
    expect((await worker.post(`/people/${person.id}/needs`, { categoryIds: outsider.id })).body).toContain(
      'Choose support needs from the list',
    );
  });

  it('adds someone to the circle with consents, records who recorded them, and ends their place', async () => {
    await worker.get(`/people/${person.id}/circle/new`);
    const bad = await worker.post(`/people/${person.id}/circle`, { name: '', relationship: 'cousin', consents: ['profile', 'gossip'] });
    expect(bad.statusCode).toBe(400);
    for (const message of ['Enter their name', 'Choose how they know the person', 'Choose from the list'])
      expect(bad.body).toContain(message);
    const added = await worker.post(`/people/${person.id}/circle`, {
      name: 'Petra Fenwick',
      relationship: 'family',
      relationshipDetail: 'mother',
      signInEmail: circleSignIn.email,
      consents: ['profile', 'matching'],
    });
    expect(added.statusCode).toBe(302);
    const page = await worker.get(`/people/${person.id}/circle`);
    expect(page.body).toContain('Petra Fenwick');
    expect(page.body).toContain('Family (mother)');
    expect(page.body).toContain('by Wren Worker');
    const [member] = await db.owner.select().from(circleMembers).where(eq(circleMembers.name, 'Petra Fenwick'));
    const consents = await db.owner.select().from(circleConsents).where(eq(circleConsents.circleMemberId, member!.id));
    expect(consents.map((c) => [c.area, c.recordedByUserId])).toEqual(
      expect.arrayContaining([
        ['profile', workerId],
        ['matching', workerId],
      ]),
    );
    await worker.get(`/people/${person.id}/circle/new`);
    const twice = await worker.post(`/people/${person.id}/circle`, {
      name: 'Petra again',
      relationship: 'family',
      signInEmail: circleSignIn.email,
    });
    expect(twice.body).toContain('already linked to someone else in this circle');

    const petra = new Visitor(app);
    await petra.signIn(circleSignIn.email);
    expect((await petra.get(`/people/${person.id}`)).statusCode).toBe(200);
    await worker.get(`/people/${person.id}/circle`);
    expect((await worker.post(`/people/${person.id}/circle/${member!.id}/end`, {})).statusCode).toBe(302);
    expect((await petra.get(`/people/${person.id}`)).statusCode).toBe(403);
    const after = await db.owner.select().from(circleConsents).where(eq(circleConsents.circleMemberId, member!.id));
    expect(after.every((c) => c.withdrawnAt)).toBe(true);
    expect((await worker.get(`/people/${person.id}/circle`)).body).toContain('No longer in the circle');
    const stranger = await aCircleMember(db, await aPerson(db, { schemeId }), { name: 'Not This Circle' });
    expect((await worker.get(`/people/${person.id}/circle/${stranger.id}`)).statusCode).toBe(404);
  });

  it('adds a risk with positive steps, changes it, and removes it once it is no longer a risk', async () => {
    await worker.get(`/people/${person.id}/risks/new`);
    expect((await worker.post(`/people/${person.id}/risks`, { risk: '', positiveSteps: '' })).body).toContain(
      'Enter the positive steps agreed',
    );
    await worker.post(`/people/${person.id}/risks`, {
      risk: 'Gets lost on new routes',
      positiveSteps: 'Practise with a carer first',
      agreedWith: 'Iris and her mother',
    });
    const [risk] = await db.owner.select().from(risks).where(eq(risks.personId, person.id));
    await worker.get(`/people/${person.id}/risks/${risk!.id}`);
    await worker.post(`/people/${person.id}/risks/${risk!.id}`, {
      risk: 'Gets lost on new routes',
      positiveSteps: 'Practise with a carer; carries a card',
    });
    expect((await worker.get(`/people/${person.id}/needs`)).body).toContain('carries a card');
    await worker.get(`/people/${person.id}/risks/${risk!.id}`);
    await worker.post(`/people/${person.id}/risks/${risk!.id}`, { risk: 'Gets lost on new routes', positiveSteps: 'x', ended: 'yes' });
    expect((await worker.get(`/people/${person.id}/needs`)).body).not.toContain('Gets lost on new routes');
    expect((await worker.get(`/people/${person.id}/risks/${risk!.id}`)).statusCode).toBe(404);
  });

  it('records communication needs, including none, and says what to fix', async () => {
    await worker.get(`/people/${person.id}/communication`);
    const neither = await worker.post(`/people/${person.id}/communication`, {});
    expect(neither.body).toContain('Choose their communication needs, or that they have none');
    const both = await worker.post(`/people/${person.id}/communication`, { needs: 'bsl', noNeeds: 'yes' });
    expect(both.body).toContain('not both');
    const other = await worker.post(`/people/${person.id}/communication`, { needs: 'other' });
    expect(other.body).toContain('Describe the other communication needs');
    expect((await worker.post(`/people/${person.id}/communication`, { noNeeds: 'yes', preferredContact: 'letter' })).statusCode).toBe(302);
    expect((await worker.get(`/people/${person.id}`)).body).toContain('No communication needs: asked and recorded');
  });
});
