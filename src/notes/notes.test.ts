import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { todayInUk } from '../platform/dates.js';
import { dailyNotes } from './schema.js';
import { aNote } from './testing.js';

const [year, month, day] = todayInUk().split('-') as [string, string, string];
const today = { 'writtenOn-day': day, 'writtenOn-month': month, 'writtenOn-year': year };

describe('daily notes, through the pages', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  const v: Record<'manager' | 'worker' | 'carer' | 'otherCarer' | 'person' | 'circle' | 'circleNoConsent', Visitor> = {} as never;
  const users: Record<string, { id: string; email: string }> = {};
  let arrangement = { id: '', schemeId: '' };

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const schemeId = (await aScheme(db)).id;
    const roles = {
      manager: 'scheme_manager',
      worker: 'scheme_worker',
      carer: 'carer',
      otherCarer: 'carer',
      person: 'person',
      circle: 'circle_member',
      circleNoConsent: 'circle_member',
    } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      users[key] = await aUser(db, { role, schemeId });
      v[key] = new Visitor(app);
      await v[key].signIn(users[key].email);
    }
    const carer = await anApprovedCarer(db, { schemeId, userId: users.carer!.id, name: 'Ben Carer' });
    await anApprovedCarer(db, { schemeId, userId: users.otherCarer!.id, name: 'Olga Other' });
    const person = await aPerson(db, { schemeId, status: 'supported', userId: users.person!.id, name: 'Ana Example' });
    await aCircleMember(db, person, { userId: users.circle!.id, consents: ['daily_notes'] });
    await aCircleMember(db, person, { userId: users.circleNoConsent!.id, consents: ['profile'] });
    arrangement = await anArrangement(db, {
      schemeId,
      personId: person.id,
      carerId: carer.id,
      workerUserId: users.worker!.id,
      startsOn: '2026-01-01',
    });
  });
  afterAll(async () => close());

  it('puts "Write today’s note" one tap from the carer’s home page', async () => {
    const home = await v.carer.get('/');
    expect(home.body).toContain('Write today’s note about Ana Example');
    expect(home.body).toContain(`href="/notes/new?arrangement=${arrangement.id}"`);
    const form = await v.carer.get(`/notes/new?arrangement=${arrangement.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Today’s note about Ana Example');
    expect(form.body).toMatch(/\/symbols\/feelings-happy\.svg/);
  });

  it('keeps the answers and says what to fix when the note is not complete', async () => {
    await v.carer.get(`/notes/new?arrangement=${arrangement.id}`);
    const wrong = await v.carer.post('/notes', {
      arrangementId: arrangement.id,
      ...today,
      whatHappened: 'Went bowling with Sam',
      flag: 'yes',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Choose how they seemed');
    expect(wrong.body).toContain('Say what the scheme worker should know');
    expect(wrong.body).toContain('Went bowling with Sam');
    expect(wrong.body).toContain('value="yes" checked');
    expect(await db.owner.select().from(dailyNotes).where(eq(dailyNotes.arrangementId, arrangement.id))).toEqual([]);
  });

  it('says how much a note may say before it is typed, and keeps a note that is too long, saying so', async () => {
    const form = await v.carer.get(`/notes/new?arrangement=${arrangement.id}`);
    expect(form.body).toContain('You can enter up to 4000 characters');
    const long = `Went to the seaside. ${'And then the pier. '.repeat(210)}`.slice(0, 4000) + '!';
    const tooLong = await v.carer.post('/notes', { arrangementId: arrangement.id, ...today, whatHappened: long, mood: '4', flag: 'no' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('What happened must be 4000 characters or fewer');
    expect(tooLong.body).toContain(long);
    expect(tooLong.body).toMatch(/data-module="govuk-character-count"\s+data-maxlength="4000"/);
  });

  it('saves a flagged note, which reaches the worker’s attention list until they say what they did', async () => {
    const saved = await v.carer.post('/notes', {
      arrangementId: arrangement.id,
      ...today,
      whatHappened: 'Went bowling with Sam',
      mood: '2',
      flag: 'yes',
      flagReason: 'Cried about her dad after tea',
    });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(`/arrangements/${arrangement.id}/notes?saved=flagged`);
    expect((await v.carer.get(saved.headers.location as string)).body).toContain('the scheme worker will see what you flagged');
    expect((await v.carer.get('/')).body).toContain('Add another note about Ana Example');

    const home = await v.worker.get('/');
    expect(home.body).toContain('1 thing needs your attention');
    const list = await v.worker.get('/attention');
    expect(list.body).toContain('Cried about her dad after tea');
    const [note] = await db.owner.select().from(dailyNotes).where(eq(dailyNotes.arrangementId, arrangement.id));
    expect(list.body).toContain(`/notes/${note!.id}`);
    expect((await v.manager.get('/attention')).body).toContain('Cried about her dad after tea');

    await v.worker.get(`/notes/${note!.id}`);
    expect((await v.worker.post(`/notes/${note!.id}/dealt-with`, {})).body).toContain('Say what was done about it');
    const dealt = await v.worker.post(`/notes/${note!.id}/dealt-with`, { whatWasDone: 'Rang Ben; visiting Friday' });
    expect(dealt.headers.location).toBe('/attention?saved=dealt');
    expect((await v.worker.get('/attention')).body).not.toContain('Cried about her dad after tea');
    expect((await v.worker.get('/')).body).not.toContain('your attention');
    const audited = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, note!.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['created', 'viewed', 'updated']));
  });

  it('lets the person and their consented circle read notes about the person in plain words, and no one else', async () => {
    const own = await v.person.get(`/arrangements/${arrangement.id}/notes`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('You felt unhappy');
    expect(own.body).toContain('Went bowling with Sam');
    expect(own.body).not.toContain('Write a note');
    expect((await v.circle.get(`/arrangements/${arrangement.id}/notes`)).body).toContain('Ana Example felt unhappy');
    const withheld = await v.circleNoConsent.get(`/arrangements/${arrangement.id}/notes`);
    expect(withheld.body).toContain('has not chosen to share their daily notes with you');
    expect(withheld.body).not.toContain('Went bowling');
    expect((await v.otherCarer.get(`/arrangements/${arrangement.id}/notes`)).statusCode).toBe(404);
    expect((await v.person.get('/notes')).statusCode).toBe(403);
  });

  it('shows the caseload’s notes newest first, filtered, 50 a page with older and newer pages', async () => {
    for (let n = 1; n <= 60; n++)
      await aNote(db, arrangement, {
        writtenOn: `2026-02-${String((n % 28) + 1).padStart(2, '0')}`,
        text: `Note number ${n}`,
        ...(n === 7 ? { flagReason: 'Seemed worried' } : {}),
      });
    const first = await v.worker.get('/notes');
    expect(first.body).toContain('Went bowling with Sam');
    // Each note links to its own page, never to its arrangement's id.
    const [bowling] = await db.owner.select().from(dailyNotes).where(eq(dailyNotes.whatHappened, 'Went bowling with Sam'));
    expect(first.body).toContain(`href="/notes/${bowling!.id}"`);
    expect(first.body).not.toContain(`href="/notes/${arrangement.id}"`);
    expect(first.body.match(/class="hearth-note[ "]/g)).toHaveLength(50);
    const older = /href="(\/notes\?older=[^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await v.worker.get(older);
    expect(second.body.match(/class="hearth-note[ "]/g)).toHaveLength(11);
    expect(second.body).toContain('Newer notes');
    const flagged = await v.worker.get('/notes?flagged=yes');
    expect(flagged.body.match(/class="hearth-note[ "]/g)).toHaveLength(2);
    const range = await v.worker.get('/notes?from=2026-02-10&to=2026-02-10');
    expect(range.body.match(/class="hearth-note[ "]/g)).toHaveLength(2);
    const otherWorker = await v.worker.get(`/notes?worker=${users.manager!.id}`);
    expect(otherWorker.body).toContain('No notes match');
    expect((await v.otherCarer.get('/notes')).body).toContain('No notes match');
  });
});
