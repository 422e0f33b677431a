import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, personStatusChanges } from '../people/schema.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { todayInUk } from '../platform/dates.js';
import { agreementAcknowledgements, agreements, arrangements, arrangementStatusChanges } from './schema.js';
import { anApprovedCarer, anArrangement, defaultAgreementTemplates } from './testing.js';

const [year, month, day] = todayInUk().split('-') as [string, string, string];
const todayParts = (name: string) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year });

describe('arrangements, through the pages', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const visitors: Record<'manager' | 'worker' | 'carer' | 'otherCarer' | 'person' | 'circle', Visitor> = {} as never;
  const users: Record<string, { id: string; name: string }> = {};
  let carerId = '';
  let personId = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db, { name: 'Testford Shared Lives' })).id;
    await defaultAgreementTemplates(db, schemeId);
    const roles = {
      manager: 'scheme_manager',
      worker: 'scheme_worker',
      carer: 'carer',
      otherCarer: 'carer',
      person: 'person',
      circle: 'circle_member',
    } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      const user = await aUser(db, { role, schemeId });
      users[key] = user;
      visitors[key] = new Visitor(app);
      await visitors[key].signIn(user.email);
    }
    carerId = (
      await anApprovedCarer(db, { schemeId, maxPeople: 1, types: ['live_in', 'short_breaks'], userId: users.carer!.id, name: 'Ben Carer' })
    ).id;
    await anApprovedCarer(db, { schemeId, userId: users.otherCarer!.id, name: 'Olga Other' });
    const person = await aPerson(db, { schemeId, status: 'introductions', userId: users.person!.id, name: 'Ana Example' });
    personId = person.id;
    await aCircleMember(db, person, { userId: users.circle!.id, consents: ['support_plan'] });
  });
  afterAll(async () => close());

  const startForm = (overrides: Record<string, string> = {}) => ({
    personId,
    carerId,
    type: 'live_in',
    ...todayParts('startsOn'),
    workerUserId: users.worker!.id,
    funder: 'council',
    funderDetail: 'Testford adult social care',
    ...overrides,
  });
  let arrangementId = '';

  it('keeps the answers and says what to fix when the form is wrong', async () => {
    const worker = visitors.worker;
    await worker.get('/arrangements/new');
    const empty = await worker.post('/arrangements', {});
    expect(empty.statusCode).toBe(400);
    for (const message of [
      'Choose the person',
      'Choose the Shared Lives carer',
      'Choose the kind of arrangement',
      'Enter the start date',
      'Choose who pays for the support',
    ]) {
      expect(empty.body).toContain(message);
    }
    const wrongType = await worker.post('/arrangements', startForm({ type: 'day_support' }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toContain('Ben Carer is approved for long-term (live-in), short breaks, not day support');
    expect(wrongType.body).toContain('value="Testford adult social care"');
    const waiting = await aPerson(db, { schemeId, status: 'waiting', name: 'Wally Waiting' });
    const early = await worker.post('/arrangements', startForm({ personId: waiting.id }));
    expect(early.body).toContain('an arrangement starts after introductions');
    expect(await db.owner.select().from(arrangements).where(eq(arrangements.carerId, carerId))).toEqual([]);
  });

  it('starts an arrangement, which makes the person supported with its kind', async () => {
    const response = await visitors.worker.post('/arrangements', startForm());
    expect(response.statusCode).toBe(302);
    arrangementId = /\/arrangements\/([0-9a-f-]{36})/.exec(response.headers.location as string)![1]!;
    const page = await visitors.worker.get(response.headers.location as string);
    expect(page.body).toContain('The arrangement has been recorded');
    expect(page.body).toContain('Ana Example lives with Ben Carer');
    const [person] = await db.owner.select().from(people).where(eq(people.id, personId));
    expect(person).toMatchObject({ status: 'supported', arrangementTypes: ['live_in'] });
    const changes = await db.owner.select().from(personStatusChanges).where(eq(personStatusChanges.personId, personId));
    expect(changes.map((c) => c.toStatus)).toContain('supported');
  });

  it('refuses a second person living in when the carer is approved for one, keeping the answers', async () => {
    const another = await aPerson(db, { schemeId, status: 'introductions', name: 'Cal Second' });
    const response = await visitors.worker.post('/arrangements', startForm({ personId: another.id, funderDetail: 'Kept answer' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Ben Carer is approved for 1 person living with them and already has 1');
    expect(response.body).toContain('value="Kept answer"');
  });

  it('lists the worker’s caseload, and each person’s and carer’s arrangements', async () => {
    const list = await visitors.worker.get('/arrangements');
    expect(list.body).toContain('Ana Example');
    expect((await visitors.manager.get('/arrangements')).body).not.toContain('Ana Example');
    expect((await visitors.manager.get('/arrangements?worker=all')).body).toContain('Ana Example');
    expect((await visitors.manager.get(`/arrangements?carer=${carerId}`)).body).toContain('Arrangements: Ben Carer');
    expect((await visitors.manager.get(`/arrangements?type=short_breaks&worker=all`)).body).not.toContain('Ana Example');
  });

  it('shows the carer, the person and their consented circle their arrangement, and no one else', async () => {
    const carerList = await visitors.carer.get('/arrangements');
    expect(carerList.body).toContain('Your arrangements');
    expect(carerList.body).toContain('Ana Example');
    const personPage = await visitors.person.get(`/arrangements/${arrangementId}`);
    expect(personPage.statusCode).toBe(200);
    expect(personPage.body).toContain('You live with Ben Carer');
    expect((await visitors.person.get('/arrangements')).body).toContain('Your Shared Lives');
    expect((await visitors.circle.get(`/arrangements/${arrangementId}`)).body).toContain('Ana Example lives with Ben Carer');
    expect((await visitors.otherCarer.get(`/arrangements/${arrangementId}`)).statusCode).toBe(404);
    expect((await visitors.otherCarer.get('/arrangements')).body).not.toContain('Ana Example');
  });

  it('lists the person on the carer’s own People you support, and on no other carer’s', async () => {
    const mine = await visitors.carer.get('/people');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('People you support');
    expect(mine.body).toContain(`<a class="govuk-link" href="/arrangements/${arrangementId}">Ana Example</a>`);
    expect(mine.body).toContain('Live-in (long-term)');
    expect((await visitors.otherCarer.get('/people')).body).not.toContain('Ana Example');
  });

  it('issues agreements from the templates, and each party acknowledges the version they read', async () => {
    const worker = visitors.worker;
    await worker.get(`/arrangements/${arrangementId}/agreements`);
    const issued = await worker.post(`/arrangements/${arrangementId}/agreements`, { kind: 'household' });
    expect(issued.statusCode).toBe(302);
    const first = (await db.owner.select().from(agreements).where(eq(agreements.arrangementId, arrangementId)))[0]!;
    expect(first.body).toContain('Ana Example');
    expect(first.body).toContain('Ben Carer');
    expect(first.body).toContain('Testford Shared Lives');
    expect(first.body).not.toMatch(/\{[a-z ]+\}/);

    const person = visitors.person;
    const reading = await person.get(`/arrangements/${arrangementId}/agreements/${first.id}`);
    expect(reading.body).toContain('I have read it and I agree');
    expect((await person.post(`/arrangements/${arrangementId}/agreements/${first.id}/acknowledge`, { party: 'carer' })).statusCode).toBe(
      403,
    );
    const acknowledged = await person.post(`/arrangements/${arrangementId}/agreements/${first.id}/acknowledge`, { party: 'person' });
    expect(acknowledged.statusCode).toBe(302);
    await visitors.carer.get(`/arrangements/${arrangementId}/agreements/${first.id}`);
    expect(
      (await visitors.carer.post(`/arrangements/${arrangementId}/agreements/${first.id}/acknowledge`, { party: 'carer' })).statusCode,
    ).toBe(302);

    await worker.get(`/arrangements/${arrangementId}/agreements/${first.id}`);
    const missing = await worker.post(`/arrangements/${arrangementId}/agreements/${first.id}/acknowledge`, {
      party: 'scheme',
      name: 'Wren',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('value="Wren"');
    expect(
      (
        await worker.post(`/arrangements/${arrangementId}/agreements/${first.id}/acknowledge`, {
          party: 'scheme',
          name: 'Wren',
          asWhom: 'Scheme worker',
        })
      ).statusCode,
    ).toBe(302);
    const again = await worker.post(`/arrangements/${arrangementId}/agreements/${first.id}/acknowledge`, {
      party: 'person',
      name: 'Jo',
      asWhom: 'Sister, for her',
    });
    expect(again.statusCode).toBe(400);

    await worker.get(`/arrangements/${arrangementId}/agreements`);
    await worker.post(`/arrangements/${arrangementId}/agreements`, { kind: 'household' });
    const versions = await db.owner
      .select()
      .from(agreements)
      .where(and(eq(agreements.arrangementId, arrangementId), eq(agreements.kind, 'household')));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const oldAcks = await db.owner.select().from(agreementAcknowledgements).where(eq(agreementAcknowledgements.agreementId, first.id));
    expect(oldAcks.map((a) => a.party).sort()).toEqual(['carer', 'person', 'scheme']);
    const oldVersion = await person.get(`/arrangements/${arrangementId}/agreements/${first.id}`);
    expect(oldVersion.body).toContain('A newer version has been issued');
    expect(oldVersion.body).not.toContain('I have read it and I agree');
    const list = await person.get(`/arrangements/${arrangementId}/agreements`);
    expect(list.body).toContain('Version 2');
  });

  it('lets the manager change a template as a new version, keeping answers when a placeholder is unknown', async () => {
    const manager = visitors.manager;
    const form = await manager.get('/arrangements/settings/agreements/arrangement');
    expect(form.body).toContain('This is version 1');
    const unknown = await manager.post('/arrangements/settings/agreements/arrangement', {
      title: 'Our agreement',
      body: 'Between {person} and {carer}; rent {rent}.',
      easyRead: 'About you and {carer}.',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Hearth cannot fill {rent}');
    expect(unknown.body).toContain('Our agreement');
    const saved = await manager.post('/arrangements/settings/agreements/arrangement', {
      title: 'Our agreement',
      body: 'Between {person} and {carer}.',
      easyRead: 'About you and {carer}.',
    });
    expect(saved.statusCode).toBe(302);
    expect((await visitors.worker.get('/arrangements/settings/agreements')).statusCode).toBe(403);
    await visitors.worker.get(`/arrangements/${arrangementId}/agreements`);
    await visitors.worker.post(`/arrangements/${arrangementId}/agreements`, { kind: 'arrangement' });
    const [issued] = await db.owner
      .select()
      .from(agreements)
      .where(and(eq(agreements.arrangementId, arrangementId), eq(agreements.kind, 'arrangement')));
    expect(issued).toMatchObject({ templateVersion: 2, body: 'Between Ana Example and Ben Carer.', title: 'Our agreement' });
  });

  it('pauses with a reason, resumes, and keeps every change', async () => {
    const worker = visitors.worker;
    await worker.get(`/arrangements/${arrangementId}/status`);
    const noReason = await worker.post(`/arrangements/${arrangementId}/status`, { to: 'paused', ...todayParts('on') });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why it is paused');
    expect(
      (await worker.post(`/arrangements/${arrangementId}/status`, { to: 'paused', ...todayParts('on'), reason: 'Ben is in hospital' }))
        .statusCode,
    ).toBe(302);
    expect((await worker.post(`/arrangements/${arrangementId}/status`, { to: 'active', ...todayParts('on') })).statusCode).toBe(302);
    const history = await db.owner.select().from(arrangementStatusChanges).where(eq(arrangementStatusChanges.arrangementId, arrangementId));
    expect(history.map((h) => h.toStatus)).toEqual(['starting', 'paused', 'active']);
  });

  it('ends the last arrangement, asking what happens next for the person', async () => {
    const worker = visitors.worker;
    const form = await worker.get(`/arrangements/${arrangementId}/end`);
    expect(form.body).toContain('What should their record say now?');
    const ending = {
      kind: 'planned',
      ...todayParts('on'),
      reason: 'Moving to her own flat',
      whatsNext: 'Her own flat, with floating support',
    };
    const unanswered = await worker.post(`/arrangements/${arrangementId}/end`, ending);
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.body).toContain('Choose what happens next for them');
    expect(unanswered.body).toContain('Moving to her own flat');
    expect((await worker.post(`/arrangements/${arrangementId}/end`, { ...ending, personNext: 'moved_on' })).statusCode).toBe(302);
    const [person] = await db.owner.select().from(people).where(eq(people.id, personId));
    expect(person).toMatchObject({ status: 'moved_on', arrangementTypes: [] });
    const [ended] = await db.owner.select().from(arrangements).where(eq(arrangements.id, arrangementId));
    expect(ended).toMatchObject({ status: 'ended', endKind: 'planned', whatsNext: 'Her own flat, with floating support' });
    expect((await visitors.person.get(`/arrangements/${arrangementId}`)).body).toContain('Moving to her own flat');
    expect((await visitors.carer.get('/people')).body).not.toContain('Ana Example');
  });

  it('changes only the kinds of support when one of several arrangements ends', async () => {
    const person = await aPerson(db, { schemeId, status: 'supported', name: 'Dee Two' });
    const shortBreaks = await anArrangement(db, { schemeId, personId: person.id, carerId, type: 'short_breaks', startsOn: '2026-01-05' });
    await anArrangement(db, { schemeId, personId: person.id, carerId, type: 'live_in', startsOn: '2026-01-05' });
    await visitors.worker.get(`/arrangements/${shortBreaks.id}/end`);
    const response = await visitors.worker.post(`/arrangements/${shortBreaks.id}/end`, {
      kind: 'unplanned',
      ...todayParts('on'),
      reason: 'Ben needs a break',
      whatsNext: 'Breaks with another carer',
    });
    expect(response.statusCode).toBe(302);
    const [after] = await db.owner.select().from(people).where(eq(people.id, person.id));
    expect(after).toMatchObject({ status: 'supported', arrangementTypes: ['live_in'] });
  });

  it('audits reading and changing arrangements and agreements', async () => {
    const events = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, arrangementId));
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['created', 'viewed', 'updated', 'ended']));
    const agreementEvents = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordType, 'agreement'));
    expect(agreementEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'viewed', 'listed']));
  });
});
