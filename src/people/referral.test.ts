import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { todayInUk } from '../platform/dates.js';
import { people, personStatusChanges, referrals } from './schema.js';

const [year, month, day] = todayInUk().split('-');
const today = { 'on-day': day!, 'on-month': month!, 'on-year': year! };

const aReferralForm = (overrides: Record<string, string> = {}) => ({
  name: 'Amara Okafor',
  preferredName: 'Mara',
  'dateOfBirth-day': '14',
  'dateOfBirth-month': '6',
  'dateOfBirth-year': '1994',
  phone: '07700 900 123',
  email: '',
  address: '12 Mill Lane, Northbrook',
  postcode: 'nb1 4qt',
  source: 'social_worker',
  referrerName: 'Dana Reeve',
  referrerOrganisation: 'Northbrook adult social care',
  referrerContact: '01632 960 111',
  'receivedOn-day': '3',
  'receivedOn-month': '2',
  'receivedOn-year': '2026',
  reason: 'Living in a care home far from her family; wants a family life',
  urgency: 'soon',
  whatTheyWant: 'To live with a family near her sister, with a dog',
  workerUserId: '',
  ...overrides,
});

describe('from referral to waiting for a match, in the browser', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let worker: Visitor;
  let schemeId = '';
  let workerId = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const w = await aUser(db, { role: 'scheme_worker', schemeId, name: 'Wren Worker' });
    workerId = w.id;
    worker = new Visitor(app);
    await worker.signIn(w.email);
  });
  afterAll(async () => close());

  let personId = '';

  it('records a referral, which lists the person as referred', async () => {
    await worker.get('/people/referrals/new');
    const response = await worker.post('/people/referrals', aReferralForm({ workerUserId: workerId }));
    expect(response.statusCode).toBe(302);
    personId = /\/people\/([0-9a-f-]{36})/.exec(response.headers.location as string)![1]!;
    const page = await worker.get(response.headers.location as string);
    expect(page.body).toContain('The referral for Amara Okafor has been recorded');
    expect(page.body).toContain('Communication needs have not been asked yet');
    const [person] = await db.owner.select().from(people).where(eq(people.id, personId));
    expect(person).toMatchObject({
      status: 'referred',
      statusSince: '2026-02-03',
      postcode: 'NB1 4QT',
      dateOfBirth: '1994-06-14',
      workerUserId: workerId,
      schemeId,
    });
    const list = await worker.get('/people?status=referred');
    expect(list.body).toContain('Amara Okafor');
  });

  it('shows every problem with a referral at once and keeps the answers', async () => {
    await worker.get('/people/referrals/new');
    const before = await db.owner.select().from(people);
    const response = await worker.post(
      '/people/referrals',
      aReferralForm({
        name: '',
        referrerName: '',
        postcode: 'not a postcode',
        'receivedOn-day': '31',
        'receivedOn-month': '2',
        urgency: '',
        whatTheyWant: '<b>bold</b>',
      }),
    );
    expect(response.statusCode).toBe(400);
    for (const message of [
      'Enter their full name',
      'Enter the name of the person who made the referral',
      'Enter a real postcode',
      'Date the referral was received must be a real date',
      'Choose how urgent it is',
    ])
      expect(response.body).toContain(message);
    expect(response.body).toContain('value="not a postcode"');
    expect(response.body).toContain('href="#receivedOn"');
    expect(response.body).toMatch(/<input[^>]+id="receivedOn"[^>]+name="receivedOn-day"/);
    expect(response.body).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(await db.owner.select().from(people)).toHaveLength(before.length);
  });

  it('needs a reason to decline, and keeps a declined referral readable', async () => {
    await worker.get('/people/referrals/new');
    const made = await worker.post('/people/referrals', aReferralForm({ name: 'Declan Price', source: 'self', referrerName: '' }));
    const declinedId = /\/people\/([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;
    await worker.get(`/people/${declinedId}/status`);
    const noReason = await worker.post(`/people/${declinedId}/status`, { to: 'declined', ...today, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why');
    const declined = await worker.post(`/people/${declinedId}/status`, {
      to: 'declined',
      ...today,
      reason: 'Needs nursing care the scheme cannot give',
    });
    expect(declined.statusCode).toBe(302);
    const [referral] = await db.owner.select().from(referrals).where(eq(referrals.personId, declinedId));
    expect(referral).toMatchObject({
      decision: 'declined',
      decisionReason: 'Needs nursing care the scheme cannot give',
      decidedByUserId: workerId,
    });
    const page = await worker.get(`/people/${declinedId}`);
    expect(page.body).toContain('Referral declined');
    expect(page.body).toContain('Needs nursing care the scheme cannot give');
  });

  it('accepts the referral, records what assessment finds, and moves them to waiting for a match', async () => {
    await worker.get(`/people/${personId}/status`);
    expect((await worker.post(`/people/${personId}/status`, { to: 'waiting', ...today })).body).toContain(
      'Referred cannot change to waiting for a match',
    );
    expect((await worker.post(`/people/${personId}/status`, { to: 'assessing', ...today })).statusCode).toBe(302);

    await worker.get(`/people/${personId}/communication`);
    expect(
      (
        await worker.post(`/people/${personId}/communication`, {
          needs: ['easy_read', 'reader'],
          preferredContact: 'text_message',
          notes: 'Read letters with her sister',
        })
      ).statusCode,
    ).toBe(302);

    await worker.get(`/people/${personId}/profile/edit`);
    expect(
      (
        await worker.post(`/people/${personId}/profile`, {
          likeAndAdmire: 'I am kind and I make people laugh',
          importantToMe: 'My sister, my dog Biscuit, gospel music',
          howToSupportMe: 'Show me pictures; give me time',
          writtenWith: 'Mara and her sister',
          inOwnWords: 'yes',
        })
      ).statusCode,
    ).toBe(302);

    await worker.get(`/people/${personId}/needs/edit`);
    const form = await worker.get(`/people/${personId}/needs/edit`);
    const learning = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Learning disability/.exec(form.body)?.[1];
    expect(learning).toBeDefined();
    expect(
      (
        await worker.post(`/people/${personId}/needs`, {
          categoryIds: learning!,
          health: 'Epilepsy, well controlled',
          medication: 'Lamotrigine twice a day',
        })
      ).statusCode,
    ).toBe(302);

    await worker.get(`/people/${personId}/wishes`);
    expect(
      (
        await worker.post(`/people/${personId}/wishes`, {
          areas: 'Northbrook, near Riverside',
          maxDistanceMiles: '10',
          pets: 'would_like',
          smoking: 'not_wanted',
          children: '',
          languages: 'English, Yoruba',
          interests: 'gospel music, baking',
        })
      ).statusCode,
    ).toBe(302);

    await worker.get(`/people/${personId}/risks/new`);
    expect(
      (
        await worker.post(`/people/${personId}/risks`, {
          risk: 'Seizures at night',
          positiveSteps: 'Bed sensor; carer trained in her seizure plan',
        })
      ).statusCode,
    ).toBe(302);

    await worker.get(`/people/${personId}/status`);
    expect((await worker.post(`/people/${personId}/status`, { to: 'waiting', ...today })).statusCode).toBe(302);

    const needsPage = await worker.get(`/people/${personId}/needs`);
    for (const text of [
      'Learning disability',
      'Lamotrigine twice a day',
      'Seizures at night',
      'Would like to live with pets',
      'Wants a smoke-free home',
      'Up to 10 miles',
      'English, Yoruba',
    ]) {
      expect(needsPage.body).toContain(text);
    }
    expect(needsPage.body).toContain('Easy Read');
    const waiting = await worker.get('/people?status=waiting');
    expect(waiting.body).toContain('Amara Okafor');
    expect(waiting.body).toContain('waiting for a match, longest wait first');

    const history = await db.owner.select().from(personStatusChanges).where(eq(personStatusChanges.personId, personId));
    expect(history.map((h) => h.toStatus)).toEqual(['referred', 'assessing', 'waiting']);
    const [referral] = await db.owner.select().from(referrals).where(eq(referrals.personId, personId));
    expect(referral!.decision).toBe('accepted');
  });

  it('keeps every version of the one-page profile', async () => {
    await worker.get(`/people/${personId}/profile/edit`);
    await worker.post(`/people/${personId}/profile`, {
      likeAndAdmire: 'I am kind',
      importantToMe: 'My sister',
      howToSupportMe: 'Give me time',
      writtenWith: 'Mara',
      inOwnWords: 'no',
    });
    const latest = await worker.get(`/people/${personId}/profile`);
    expect(latest.body).toContain('not in their own words');
    const first = await worker.get(`/people/${personId}/profile?version=1`);
    expect(first.body).toContain('My sister, my dog Biscuit, gospel music');
    expect(first.body).toContain('an earlier version');
    expect((await worker.get(`/people/${personId}/profile?version=9`)).statusCode).toBe(404);
  });

  it('audits every look and change, with what changed', async () => {
    const events = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, personId));
    const actions = events.map((e) => `${e.action} ${e.recordType}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'created person',
        'viewed person',
        'updated person',
        'created one-page profile',
        'updated communication needs',
        'updated needs',
        'updated matching preferences',
      ]),
    );
    const moved = events.find(
      (e) => e.action === 'updated' && e.recordType === 'person' && (e.changedFields as { status?: string }).status === 'waiting',
    );
    expect(moved).toBeDefined();
  });
});
