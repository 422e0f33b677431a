import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carerHomes } from '../carers/schema.js';
import { aHouseholdMember } from '../carers/testing.js';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { matchProposals } from '../matching/schema.js';
import { aMatchableCarer, aProposal } from '../matching/testing.js';
import { aPerson, aProfile } from '../people/testing.js';
import { audit } from '../platform/audit/audit.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { easyReadLines, expectEasyRead } from '../platform/easy-read/testing.js';
import type { Actor } from '../platform/http/types.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { aStay } from '../short-breaks/testing.js';
import { addDays, todayInUk } from '../platform/dates.js';
import { moodChecks, personMessages } from './schema.js';

const dbError = (pattern: RegExp) => (error: unknown) =>
  pattern.test(String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message));

describe('the person’s own Hearth', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId: string;
  let me: Visitor;
  let other: Visitor;
  let worker: Visitor;
  let workerActor: Actor;
  let personId: string;
  let personUserId: string;
  let otherPersonId: string;
  let otherUserId: string;
  let proposalId: string;
  const today = todayInUk();

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const scheme = await aScheme(db);
    schemeId = scheme.id;
    const workerUser = await aUser(db, { role: 'scheme_worker', schemeId, name: 'Sam Whitfield' });
    workerActor = { userId: workerUser.id, schemeId, role: 'scheme_worker', name: workerUser.name };
    const personUser = await aUser(db, { role: 'person', schemeId, name: 'Rosa Penhale' });
    const otherUser = await aUser(db, { role: 'person', schemeId, name: 'Owen Tarrant' });
    personUserId = personUser.id;
    otherUserId = otherUser.id;
    const person = await aPerson(db, {
      schemeId,
      status: 'supported',
      userId: personUser.id,
      name: 'Rosa Penhale',
      workerUserId: workerUser.id,
    });
    personId = person.id;
    await aProfile(db, person, {
      likeAndAdmire: 'I am kind and funny.',
      importantToMe: 'My sister Jo.',
      howToSupportMe: 'Talk to me slowly.',
    });
    otherPersonId = (await aPerson(db, { schemeId, status: 'waiting', userId: otherUser.id, name: 'Owen Tarrant' })).id;

    // Where Rosa lives: with Molly and her son, and a dog; a short break at another carer's.
    const home = await anApprovedCarer(db, { schemeId, name: 'Molly Brennan' });
    await aHouseholdMember(db, home, { name: 'Finn Brennan', relationship: 'son', dateOfBirth: addDays(today, -12 * 366) });
    await db.owner.insert(carerHomes).values({ schemeId, carerId: home.id, pets: 'A dog called Bess', bedrooms: 3, spareBedrooms: 1 });
    await anArrangement(db, { schemeId, personId, carerId: home.id, type: 'live_in', startsOn: '2026-01-10' });
    const breaks = await anApprovedCarer(db, { schemeId, name: 'Priya Shah', types: ['short_breaks'] });
    await aStay(db, breaks, person, { from: addDays(today, 10), to: addDays(today, 12) });

    // A carer proposed to Rosa.
    const proposed = await aMatchableCarer(db, {
      schemeId,
      name: 'Dev Okafor',
      latitude: 53.7,
      longitude: -2.4,
      area: 'Millbank',
      home: { pets: 'Two cats', ownBathroom: true },
    });
    await aHouseholdMember(db, proposed, { name: 'Ada Okafor', relationship: 'wife' });
    proposalId = (
      await aProposal(db, {
        schemeId,
        personId,
        carerId: proposed.id,
        proposedByUserId: workerUser.id,
        carerAnswer: 'yes',
        carerAnsweredAt: new Date(),
      })
    ).id;

    me = new Visitor(app);
    await me.signIn(personUser.email);
    other = new Visitor(app);
    await other.signIn(otherUser.email);
    worker = new Visitor(app);
    await worker.signIn(workerUser.email);
  });
  afterAll(async () => close());

  it('greets the person at / with a few big choices, each a symbol and a few words, in Easy Read', async () => {
    const page = await me.get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hello, Rosa Penhale');
    for (const choice of ['My home', 'My plan', 'How I feel', 'Choose my carer', 'My reviews', 'Tell someone', 'Who looked at my record']) {
      expect(easyReadLines(page.body)).toContain(choice);
    }
    expect(page.body).toContain('class="hearth-er-choice"');
    expect(page.body).toContain('data-read-aloud-controls');
    expectEasyRead(page.body);
  });

  it('staff still get their own home page at /', async () => {
    expect((await worker.get('/')).body).toContain('Hello, Sam Whitfield');
  });

  it('every page of theirs passes the readability check', async () => {
    const pages = [
      ...['/', '/my/home', '/my/carers', `/my/carers/${proposalId}`, '/my/tell', '/my/feelings', '/my/looked'].map(
        (path) => [me, path] as const,
      ),
      // Without a live arrangement, My plan and My reviews are this capability's own pages (with one, they open the arrangement's).
      [other, '/my/plan'] as const,
      [other, '/my/reviews'] as const,
    ];
    for (const [who, path] of pages) {
      const page = await who.get(path);
      expect(page.statusCode, path).toBe(200);
      const figures = expectEasyRead(page.body);
      expect(figures.sentences, path).toBeGreaterThan(2);
    }
  });

  it('my home: who I live with, in first names, the people and the pet there, and my next short break', async () => {
    const lines = easyReadLines((await me.get('/my/home')).body);
    expect(lines).toContain('You live with Molly.');
    expect(lines).toContain('Finn lives there too. Finn is 12.');
    expect(lines).toContain('Pets: A dog called Bess.');
    expect(lines.some((l) => l.endsWith('You stay with Priya.'))).toBe(true);
    expect(lines).toContain('Your worker is Sam Whitfield.');
    expect(lines.join(' ')).not.toContain('Brennan');
  });

  it('choose my carer: the profile in Easy Read, then maybe, then yes, through matching’s own rules', async () => {
    expect(easyReadLines((await me.get('/my/carers')).body)).toContain('Meet Dev');
    const profile = easyReadLines((await me.get(`/my/carers/${proposalId}`)).body);
    expect(profile).toEqual(
      expect.arrayContaining([
        'Dev lives in Millbank.',
        'Ada lives there too.',
        'Pets: Two cats.',
        'You could have your own bathroom.',
        'Do you want to meet Dev?',
      ]),
    );
    expect(profile.join(' ')).not.toContain('Okafor');

    const maybe = await me.post(`/my/carers/${proposalId}/answer`, { answer: 'maybe' });
    expect(maybe.headers.location).toBe(`/my/carers/${proposalId}?done=answered`);
    expect(easyReadLines((await me.get(`/my/carers/${proposalId}`)).body)).toContain('You said maybe.');
    await me.post(`/my/carers/${proposalId}/answer`, { answer: 'yes' });
    const [saved] = await db.owner.select().from(matchProposals).where(eq(matchProposals.id, proposalId));
    expect(saved).toMatchObject({ personAnswer: 'yes', personAnsweredByUserId: personUserId });

    // Matching's rules decide: once both said yes, answers are closed; after a dated step the person says go on.
    const late = await me.post(`/my/carers/${proposalId}/answer`, { answer: 'no' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('introductions have begun');
    await worker.get(`/matching/proposals/${proposalId}/steps/1/date`);
    const [y, m, d] = today.split('-');
    expect(
      (
        await worker.post(`/matching/proposals/${proposalId}/steps/1/date`, {
          'plannedOn-day': d!,
          'plannedOn-month': m!,
          'plannedOn-year': y!,
        })
      ).statusCode,
    ).toBe(302);
    const step = easyReadLines((await me.get(`/my/carers/${proposalId}`)).body);
    expect(step).toEqual(expect.arrayContaining(['How did the first meeting go?', 'Do you want to go on?']));
    expect((await me.post(`/my/carers/${proposalId}/steps/1`, { goOn: 'yes' })).statusCode).toBe(302);
    expect(easyReadLines((await me.get(`/my/carers/${proposalId}`)).body)).toContain('First meeting: you said go on.');
  });

  it('choose my carer: no stops the introductions, and says so', async () => {
    const carer = await aMatchableCarer(db, { schemeId, name: 'Lee Moss', latitude: 53.7, longitude: -2.4 });
    const [worker_] = await db.owner
      .select({ id: matchProposals.proposedByUserId })
      .from(matchProposals)
      .where(eq(matchProposals.id, proposalId));
    const id = (await aProposal(db, { schemeId, personId, carerId: carer.id, proposedByUserId: worker_!.id })).id;
    await me.get(`/my/carers/${id}`);
    expect((await me.post(`/my/carers/${id}/answer`, { answer: 'no' })).statusCode).toBe(302);
    const page = await me.get(`/my/carers/${id}?done=answered`);
    expect(page.statusCode).toBe(200);
    expect(easyReadLines(page.body)).toContain('You said stop.');
    expect(easyReadLines((await me.get('/my/carers')).body)).not.toContain('Meet Lee');
  });

  it('another person cannot see or answer my proposal', async () => {
    expect((await other.get(`/my/carers/${proposalId}`)).statusCode).toBe(404);
    expect((await other.post(`/my/carers/${proposalId}/stop`, {})).statusCode).toBe(404);
  });

  it('tell someone: help now reaches staff first and marked urgent; the person sees it was read, the reply, and that it is sorted', async () => {
    await me.get('/my/tell');
    const empty = await me.post('/my/tell', { kind: 'worry' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write what it is about, or choose a picture');
    await me.post('/my/tell', { kind: 'worry', symbols: ['food', 'carer'], words: 'I do not like the dinners.' });
    const sent = await me.post('/my/tell', { kind: 'help_now' });
    expect(sent.statusCode).toBe(302);
    const messagePath = sent.headers.location!.replace('?sent=1', '');
    const id = messagePath.split('/').at(-1)!;
    const before = easyReadLines((await me.get(sent.headers.location!)).body);
    expect(before).toContain('You asked for help now.');
    expect(before.some((l) => /^It went to Sam Whitfield, your worker, at \d\d:\d\d\.$/.test(l))).toBe(true);
    expect(before).toContain('Someone will help you soon.');

    expect((await worker.get('/')).body).toContain('1 person needs help now. 2 messages from people are waiting.');
    const list = (await worker.get('/messages')).body;
    expect(list.indexOf('Help now (urgent): Rosa Penhale')).toBeGreaterThan(-1);
    expect(list.indexOf('Help now (urgent): Rosa Penhale')).toBeLessThan(list.indexOf('A worry: Rosa Penhale'));
    expect(list).toContain('About: Food. About: My carer. I do not like the dinners.');

    expect((await worker.get(`/messages/${id}`)).statusCode).toBe(200);
    expect((await worker.post(`/messages/${id}/reply`, { words: '' })).statusCode).toBe(400);
    expect((await worker.post(`/messages/${id}/reply`, { words: 'I am coming now.' })).headers.location).toBe(
      `/messages/${id}?done=replied`,
    );
    await worker.post(`/messages/${id}/dealt-with`, {});

    const after = await me.get(messagePath);
    const lines = easyReadLines(after.body);
    expect(lines.some((l) => /^Sam read it today at \d\d:\d\d\.$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Sam replied today at \d\d:\d\d:$/.test(l))).toBe(true);
    expect(after.body).toContain('I am coming now.');
    expect(lines).toContain('Sam says this is sorted.');
    expectEasyRead(after.body);
    expect(easyReadLines((await me.get('/my/tell')).body).some((l) => l.startsWith('I need help now, today. Sorted.'))).toBe(true);

    // Another person cannot open it, nor see it listed.
    expect((await other.get(messagePath)).statusCode).toBe(404);
    expect((await other.get('/my/tell')).body).not.toContain(id);
    const [audited] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, id), eq(auditEvents.action, 'created')));
    expect(audited).toMatchObject({ recordType: 'person message', subjectUserId: personUserId });
  });

  it('how I feel: any mood is kept; a mood that is not OK reaches the attention list', async () => {
    await me.get('/my/feelings');
    expect((await me.post('/my/feelings', { mood: '9' })).statusCode).toBe(400);
    expect((await me.post('/my/feelings', { mood: '4' })).headers.location).toBe('/my/feelings?done=ok');
    const sad = await me.post('/my/feelings', { mood: '2', words: 'I miss my sister.' });
    expect(sad.headers.location).toMatch(/^\/my\/feelings\?done=not-ok&message=/);
    const page = easyReadLines((await me.get(sad.headers.location!)).body);
    expect(page).toContain('We told Sam Whitfield, your worker.');
    expect(page).toEqual(expect.arrayContaining(['Today you felt sad.', 'Today you felt happy.']));
    const moods = await db.owner.select().from(moodChecks).where(eq(moodChecks.personId, personId));
    expect(moods.map((m) => m.mood).sort()).toEqual([2, 4]);
    const notOk = await db.owner
      .select()
      .from(personMessages)
      .where(and(eq(personMessages.personId, personId), eq(personMessages.kind, 'not_ok')));
    expect(notOk).toHaveLength(1);
    expect((await worker.get('/messages')).body).toContain('Not feeling OK: Rosa Penhale');
    expect((await worker.get('/messages')).body).toContain('Mood: Sad. I miss my sister.');
  });

  it('who looked at my record: real audit rows about me, in plain words, newest first, never my own or anyone else’s', async () => {
    await worker.get(`/people/${personId}`);
    await db.inScope(workerActor, (tx) =>
      audit(tx, workerActor, { action: 'viewed', recordType: 'person', recordId: otherPersonId, subjectUserId: null }),
    );
    const lines = easyReadLines((await me.get('/my/looked')).body);
    expect(lines).toContain('Sam, your worker, looked at your record today.');
    expect(lines).toContain('Sam, your worker, changed your message today.');
    expect(lines.join(' ')).not.toContain('Rosa');
    expect(easyReadLines((await other.get('/my/looked')).body)).toContain('Nobody else has looked at your record yet.');
  });

  it('my plan and my reviews open my live arrangement’s plan and reviews; without one, they say plainly what is there today', async () => {
    const plan = await me.get('/my/plan');
    expect(plan.statusCode).toBe(302);
    expect(plan.headers.location).toMatch(/^\/arrangements\/[0-9a-f-]{36}\/plan$/);
    expect((await me.get('/my/reviews')).headers.location).toMatch(/^\/arrangements\/[0-9a-f-]{36}\/reviews$/);
    const none = await other.get('/my/plan');
    expect(none.statusCode).toBe(200);
    expect(easyReadLines(none.body)).toContain('You will have a plan when you live with or visit a carer.');
    expect((await other.get('/my/reviews')).statusCode).toBe(200);
  });

  it('the database keeps each person to their own: no reading, writing or changing another’s; carers and circles see none', async () => {
    const owen: Actor = { userId: otherUserId, schemeId, role: 'person', name: 'Owen Tarrant' };
    const seen = await db.inScope(owen, async (tx) => ({
      messages: await tx.select().from(personMessages),
      moods: await tx.select().from(moodChecks),
      audit: await tx.select().from(auditEvents),
    }));
    expect(seen.messages).toEqual([]);
    expect(seen.moods).toEqual([]);
    expect(seen.audit.every((e) => e.subjectUserId === otherUserId)).toBe(true);
    await expect(
      db.inScope(owen, (tx) => tx.insert(personMessages).values({ schemeId, personId, kind: 'worry', words: 'Not mine' })),
    ).rejects.toSatisfy(dbError(/row-level security/));
    const [own] = await db.inScope(owen, (tx) =>
      tx.insert(personMessages).values({ schemeId, personId: otherPersonId, kind: 'worry', words: 'Mine' }).returning(),
    );
    const sorted = await db.inScope(owen, (tx) =>
      tx.update(personMessages).set({ dealtWithAt: new Date(), dealtWithByName: 'Owen' }).where(eq(personMessages.id, own!.id)).returning(),
    );
    expect(sorted).toEqual([]);
    const carer = await aUser(db, { role: 'carer', schemeId });
    const asCarer: Actor = { userId: carer.id, schemeId, role: 'carer', name: carer.name };
    expect(await db.inScope(asCarer, (tx) => tx.select().from(personMessages))).toEqual([]);
    expect(await db.inScope(workerActor, (tx) => tx.select().from(personMessages))).not.toEqual([]);
  });
});
