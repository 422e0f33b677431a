import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { aHouseholdMember } from '../carers/testing.js';
import { matchingPreferences, people, personSupportNeeds, supportNeedCategories } from '../people/schema.js';
import { aCircleMember, aPerson, aProfile } from '../people/testing.js';
import { todayInUk } from '../platform/dates.js';
import { introductionSteps, matchProposals } from './schema.js';
import { aMatchableCarer } from './testing.js';

/** The matching workflow over real HTTP and a real database: worker, person, circle and carer, each seeing only their part. */
describe('matching and introductions', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const visitors: Record<string, Visitor> = {};
  let person: Awaited<ReturnType<typeof aPerson>>;
  let hana: Awaited<ReturnType<typeof aMatchableCarer>>;
  let dev: Awaited<ReturnType<typeof aMatchableCarer>>;
  let ola: Awaited<ReturnType<typeof aMatchableCarer>>;
  let users: Record<string, Awaited<ReturnType<typeof aUser>>> = {};
  const today = todayInUk();
  const [year, month, day] = today.split('-');
  const dateFields = (name: string) => ({
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year!,
  });

  async function visitor(name: string, role: Parameters<typeof aUser>[1]['role']) {
    users[name] = await aUser(db, { role, schemeId, name: `${name[0]!.toUpperCase()}${name.slice(1)} Test` });
    const v = new Visitor(app);
    await v.signIn(users[name].email);
    visitors[name] = v;
    return v;
  }

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    users = {};
    await visitor('worker', 'scheme_worker');
    await visitor('manager', 'scheme_manager');
    await visitor('asha', 'person');
    await visitor('hana', 'carer');
    await visitor('dev', 'carer');
    await visitor('sister', 'circle_member');
    await visitor('friend', 'circle_member');
    person = await aPerson(db, {
      schemeId,
      name: 'Asha Quill',
      preferredName: 'Asha',
      status: 'waiting',
      userId: users.asha!.id,
      latitude: 54.97,
      longitude: -1.61,
      area: 'Riverside',
    });
    const [need] = await db.owner.insert(supportNeedCategories).values({ schemeId, name: 'Learning disability' }).returning();
    await db.owner.insert(personSupportNeeds).values({ schemeId, personId: person.id, categoryId: need!.id });
    await db.owner
      .insert(matchingPreferences)
      .values({ schemeId, personId: person.id, interests: ['Gardening', 'Buses'], pets: 'not_wanted', routines: 'Up early' });
    await aProfile(db, person, { importantToMe: 'Seeing my sister on Sundays' });
    await aCircleMember(db, person, { userId: users.sister!.id, consents: ['matching'] });
    await aCircleMember(db, person, { userId: users.friend!.id, consents: ['profile'] });
    hana = await aMatchableCarer(db, {
      schemeId,
      name: 'Hana Brightwater',
      userId: users.hana!.id,
      latitude: 54.98,
      longitude: -1.6,
      area: 'Hillside',
      home: { interests: ['gardening'], pets: null, routines: 'Up early' },
    });
    await aHouseholdMember(db, hana, { name: 'Tom Brightwater', relationship: 'Husband', dateOfBirth: '1970-04-02' });
    dev = await aMatchableCarer(db, {
      schemeId,
      name: 'Dev Ashdown',
      userId: users.dev!.id,
      latitude: 54.99,
      longitude: -1.62,
      home: { interests: ['buses'], pets: 'a dog' },
    });
    ola = await aMatchableCarer(db, {
      schemeId,
      name: 'Ola Stonebridge',
      latitude: 54.96,
      longitude: -1.63,
      home: { interests: ['buses', 'gardening'], routines: 'Up early' },
    });
  });
  afterAll(async () => close());

  const proposalOf = async (carerId: string) =>
    (
      await db.owner
        .select()
        .from(matchProposals)
        .where(and(eq(matchProposals.personId, person.id), eq(matchProposals.carerId, carerId)))
    )[0]!;

  it('shows the worker a ranked, explained shortlist, and why others are left out', async () => {
    const page = await visitors.worker!.get(`/people/${person.id}/matching?excluded=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf('Ola Stonebridge')).toBeLessThan(page.body.indexOf('Hana Brightwater'));
    expect(page.body, page.body.slice(page.body.indexOf('Suitable carers'), page.body.indexOf('Suitable carers') + 3000)).toMatch(
      /Both enjoy gardening/i,
    );
    expect(page.body).toMatch(/Dev Ashdown<\/a>[^<]*<\/td>\s*<td class="govuk-table__cell">Pets at home: they want a home without pets/);
    const json = await visitors.worker!.json('GET', `/api/v1/people/${person.id}/shortlist`);
    expect(JSON.parse(json.body)).toMatchObject({
      suitable: [{ name: 'Ola Stonebridge' }, { name: 'Hana Brightwater' }],
      excluded: [{ name: 'Dev Ashdown', reasons: [{ constraint: 'pets' }] }],
    });
  });

  it('refuses to propose nobody, or a carer who is not suitable, keeping what was typed', async () => {
    await visitors.worker!.get(`/matching/proposals/new?person=${person.id}&carer=${hana.id}`);
    const nobody = await visitors.worker!.post('/matching/proposals', { personId: person.id, shares: 'profile', note: 'Keep this note' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.body).toContain('Choose at least one carer to propose');
    expect(nobody.body).toContain('Keep this note');
    const unsuitable = await visitors.worker!.post('/matching/proposals', { personId: person.id, carerIds: dev.id, shares: 'profile' });
    expect(unsuitable.statusCode).toBe(400);
    expect(unsuitable.body).toContain('Dev Ashdown is not suitable: Pets at home');
    const api = await visitors.worker!.json('POST', '/api/v1/matching/proposals', { personId: person.id, carerIds: [], shares: [] });
    expect(api.statusCode).toBe(400);
    expect(JSON.parse(api.body).errors).toMatchObject({
      carerIds: 'Choose at least one carer to propose',
      shares: 'Choose at least one thing the person agreed to share',
    });
    expect(await db.owner.select().from(matchProposals)).toEqual([]);
  });

  it('proposes two carers; the person sees them in plain words, and no one else’s', async () => {
    const proposed = await visitors.worker!.post('/matching/proposals', {
      personId: person.id,
      carerIds: [hana.id, ola.id],
      shares: 'profile',
      note: 'Both garden',
    });
    expect(proposed.statusCode).toBe(302);
    const again = await visitors.worker!.post('/matching/proposals', { personId: person.id, carerIds: hana.id, shares: 'profile' });
    expect(again.body).toContain('Hana Brightwater has already been proposed');
    const list = await visitors.asha!.get('/matching');
    expect(list.body).toContain('Carers you might meet');
    expect(list.body).toContain('>Hana</a>');
    expect(list.body).not.toContain('Brightwater');
    const page = await visitors.asha!.get(`/matching/proposals/${(await proposalOf(hana.id)).id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hana lives in Hillside.');
    expect(page.body).toContain('Hana lives with Tom (husband,');
    expect(page.body).toContain('Hana enjoys gardening.');
    expect(page.body).not.toContain('NB1 4QT');
    expect(page.body).not.toContain('Both garden');
  });

  it('lets the carer read only what the person agreed to share, and another carer nothing', async () => {
    const proposal = await proposalOf(hana.id);
    const page = await visitors.hana!.get(`/matching/proposals/${proposal.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Seeing my sister on Sundays');
    expect(page.body).not.toContain('Buses');
    expect((await visitors.dev!.get(`/matching/proposals/${proposal.id}`)).statusCode).toBe(404);
    expect((await visitors.dev!.post(`/matching/proposals/${proposal.id}/answer`, { answer: 'yes' })).statusCode).toBe(404);
    // The same in the database, whatever the query: the carer sees the shared profile, not wishes or the referral.
    const seen = await db.inScope({ schemeId, userId: users.hana!.id, role: 'carer' }, async (tx) => ({
      profiles: (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from one_page_profiles`))[0]!.n,
      wishes: (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from matching_preferences`))[0]!.n,
      people: (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from people`))[0]!.n,
      proposals: (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from match_proposals`))[0]!.n,
    }));
    expect(seen).toEqual({ profiles: 1, wishes: 0, people: 1, proposals: 1 });
    const devSees = await db.inScope(
      { schemeId, userId: users.dev!.id, role: 'carer' },
      async (tx) =>
        (
          await rowsOf<{ n: number }>(
            tx,
            sql`select (select count(*) from people)::int + (select count(*) from match_proposals)::int + (select count(*) from one_page_profiles)::int as n`,
          )
        )[0]!.n,
    );
    expect(devSees).toBe(0);
  });

  it('shows the circle what the person consented to: with matching, read only; without, nothing', async () => {
    const proposal = await proposalOf(hana.id);
    const page = await visitors.sister!.get(`/matching/proposals/${proposal.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hana enjoys gardening.');
    expect(page.body).not.toContain('/answer');
    expect((await visitors.sister!.post(`/matching/proposals/${proposal.id}/answer`, { answer: 'yes' })).statusCode).toBe(403);
    expect((await visitors.friend!.get(`/matching/proposals/${proposal.id}`)).statusCode).toBe(404);
  });

  it('stops at a no from either side, without a reason, and never suggests that pair again', async () => {
    const { id } = await proposalOf(ola.id);
    await visitors.asha!.get(`/matching/proposals/${id}/answer`);
    expect((await visitors.asha!.post(`/matching/proposals/${id}/answer`, { answer: 'no' })).statusCode).toBe(302);
    const stopped = await proposalOf(ola.id);
    expect(stopped).toMatchObject({ personAnswer: 'no', stoppedBy: 'person' });
    const page = await visitors.worker!.get(`/people/${person.id}/matching?excluded=1`);
    expect(page.body).toMatch(/Ola Stonebridge<\/a>[^<]*<\/td>\s*<td class="govuk-table__cell">The person said no to this carer/);
    const steps = await db.owner.select().from(introductionSteps).where(eq(introductionSteps.proposalId, id));
    expect(steps.every((s) => s.personGoOn === null)).toBe(true);
  });

  it('takes both through every introduction step to an agreed match, with the person’s status following', async () => {
    const { id } = await proposalOf(hana.id);
    const base = `/matching/proposals/${id}`;
    await visitors.asha!.get(`${base}/answer`);
    const noAnswer = await visitors.asha!.post(`${base}/answer`, { words: 'Thinking' });
    expect(noAnswer.statusCode).toBe(400);
    expect(noAnswer.body).toContain('Choose an answer');
    expect(noAnswer.body).toContain('Thinking');
    expect((await visitors.asha!.post(`${base}/answer`, { answer: 'maybe' })).statusCode).toBe(302);
    await visitors.hana!.get(`${base}/answer`);
    expect((await visitors.hana!.post(`${base}/answer`, { answer: 'maybe' })).statusCode).toBe(400);
    expect((await visitors.hana!.post(`${base}/answer`, { answer: 'yes', words: 'Looking forward to it' })).statusCode).toBe(302);
    expect((await visitors.asha!.post(`${base}/answer`, { answer: 'yes' })).statusCode).toBe(302);
    await visitors.worker!.get(`${base}/agree`);
    const early = await visitors.worker!.post(`${base}/agree`, dateFields('startsOn'));
    expect(early.body).toContain('Both sides need to say yes after every introduction step first');

    for (const position of [1, 2, 3, 4]) {
      await visitors.worker!.get(`${base}/steps/${position}/date`);
      expect((await visitors.worker!.post(`${base}/steps/${position}/date`, dateFields('plannedOn'))).statusCode).toBe(302);
      if (position === 1)
        expect((await db.owner.select({ status: people.status }).from(people).where(eq(people.id, person.id)))[0]!.status).toBe(
          'introductions',
        );
      await visitors.asha!.get(`${base}/steps/${position}/go-on`);
      expect(
        (await visitors.asha!.post(`${base}/steps/${position}/go-on`, { goOn: 'yes', words: position === 2 ? 'The cake was nice' : '' }))
          .statusCode,
      ).toBe(302);
      await visitors.hana!.get(`${base}/steps/${position}/go-on`);
      expect((await visitors.hana!.post(`${base}/steps/${position}/go-on`, { goOn: 'yes' })).statusCode).toBe(302);
      const twice = await visitors.hana!.post(`${base}/steps/${position}/go-on`, { goOn: 'yes' });
      expect(twice.statusCode).toBe(400);
    }
    const ready = await visitors.worker!.get(base);
    expect(ready.body).toContain('Record the agreed match');
    expect(ready.body).toContain('The cake was nice');
    expect(
      (await visitors.worker!.post(`${base}/agree`, { ...dateFields('startsOn'), 'startsOn-year': String(Number(year) + 1) })).statusCode,
    ).toBe(302);
    const agreed = await proposalOf(hana.id);
    expect(agreed).toMatchObject({ agreedOn: today, startsOn: `${Number(year) + 1}-${month}-${day}` });
    expect((await visitors.asha!.get(base)).body).toContain('Match agreed');
    const events = await db.owner
      .select({ action: auditEvents.action, subject: auditEvents.subjectUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, 'match proposal'), eq(auditEvents.recordId, id)));
    expect(events.filter((e) => e.action === 'updated').length).toBeGreaterThanOrEqual(15);
    expect(events.every((e) => e.subject === users.asha!.id)).toBe(true);
    // The agreed match takes one of Hana's two places.
    const shortlist = await visitors.worker!.json('GET', `/api/v1/people/${person.id}/shortlist`);
    expect(JSON.parse(shortlist.body).suitable.find((s: { name: string }) => s.name === 'Hana Brightwater')).toMatchObject({
      freePlaces: 1,
    });
  });

  it('lets a manager set the weights, distance and steps, refusing nonsense', async () => {
    await visitors.manager!.get('/matching/settings');
    const bad = await visitors.manager!.post('/matching/settings', { 'weight-interests': 'lots', introductionSteps: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the weight of interests as a whole number, like 10');
    expect(bad.body).toContain('List at least one introduction step');
    const saved = await visitors.manager!.post('/matching/settings', {
      'weight-interests': '50',
      maxMiles: '30',
      introductionSteps: 'Coffee\nWeekend stay',
    });
    expect(saved.statusCode).toBe(302);
    expect((await visitors.manager!.get('/matching/settings')).body).toContain('Weekend stay');
    expect((await visitors.worker!.get('/matching/settings')).statusCode).toBe(403);
  });
});
