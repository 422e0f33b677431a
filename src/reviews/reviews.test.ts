import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { expectEasyRead } from '../platform/easy-read/testing.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { addDays, todayInUk } from '../platform/dates.js';
import { arrangementReviews, reviewPersonViews, reviewRatings } from './schema.js';
import { aReview } from './testing.js';
import { QUESTIONS, WELLBEING_AREAS } from './words.js';

const today = todayInUk();
const dateParts = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

describe('arrangement reviews, through the pages', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const roles = {
    manager: 'scheme_manager',
    worker: 'scheme_worker',
    carer: 'carer',
    otherCarer: 'carer',
    person: 'person',
    circle: 'circle_member',
    unconsented: 'circle_member',
  } as const;
  const visitors = {} as Record<keyof typeof roles, Visitor>;
  let arrangementId = '';
  let reviewId = '';
  const base = () => `/arrangements/${arrangementId}/reviews`;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const users = {} as Record<keyof typeof roles, { id: string }>;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      users[key] = await aUser(db, { role, schemeId });
      visitors[key] = new Visitor(app);
      await visitors[key].signIn((users[key] as { email: string } & (typeof users)[typeof key]).email);
    }
    const carer = await anApprovedCarer(db, { schemeId, userId: users.carer.id, name: 'Ben Carer' });
    await anApprovedCarer(db, { schemeId, userId: users.otherCarer.id });
    const person = await aPerson(db, { schemeId, status: 'supported', userId: users.person.id, name: 'Ana Example' });
    await aCircleMember(db, person, { userId: users.circle.id, consents: ['support_plan'] });
    await aCircleMember(db, person, { userId: users.unconsented.id, consents: ['profile'] });
    arrangementId = (
      await anArrangement(db, {
        schemeId,
        personId: person.id,
        carerId: carer.id,
        startsOn: addDays(today, -100),
        workerUserId: users.worker.id,
      })
    ).id;
  });
  afterAll(async () => close());

  it('shows the first review and the monthly visit as overdue on What is due, for staff and the carer', async () => {
    const due = await visitors.worker.get('/due?kind=arrangement_review');
    expect(due.body).toContain('Review of the arrangement');
    expect(due.body).toContain('Ana Example with Ben Carer');
    expect(due.body).toMatch(/Overdue/);
    // The worker's own come first; another worker's, or no one's, only when asked for.
    expect((await visitors.worker.get('/due?worker=none')).body).not.toContain('Ana Example');
    expect((await visitors.worker.get('/due?worker=all&kind=arrangement_review')).body).toContain('Ana Example with Ben Carer');
    expect((await visitors.carer.get('/due')).body).toContain('Review of the arrangement');
    expect((await visitors.otherCarer.get('/due')).body).not.toContain('Ana Example');
    const section = await visitors.worker.get(base());
    expect(section.body).toContain('Next review');
    expect(section.body).toContain('Overdue');
  });

  it('plans a review, saying what to fix when the form is wrong', async () => {
    await visitors.worker.get(`${base()}/new`);
    const empty = await visitors.worker.post(base(), {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose a review or a visit');
    const noNote = await visitors.worker.post(base(), { kind: 'visit', ...dateParts('heldOn', today) });
    expect(noNote.body).toContain('Write a short note about the visit');
    const planned = await visitors.worker.post(base(), { kind: 'review', ...dateParts('heldOn', today) });
    expect(planned.statusCode).toBe(302);
    reviewId = /reviews\/([0-9a-f-]{36})/.exec(planned.headers.location as string)![1]!;
    expect((await visitors.carer.post(base(), { kind: 'review', ...dateParts('heldOn', today) })).statusCode).toBe(403);
  });

  it('will not complete the review before the person has given their own view', async () => {
    await visitors.worker.get(`${base()}/${reviewId}/complete`);
    const early = await visitors.worker.post(`${base()}/${reviewId}/complete`, completion());
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Record the person’s own view first');
    expect(await db.owner.select().from(reviewRatings).where(eq(reviewRatings.reviewId, reviewId))).toEqual([]);
  });

  it('lets the person answer their own questions in Easy Read, one a page', async () => {
    const person = visitors.person;
    // Their own reviews are in Easy Read even when they chose not to read Hearth that way; staff keep the usual page.
    await person.get('/account/reading');
    await person.post('/account/reading', { easyRead: 'no', largerText: 'no', readAloudFirst: 'no' });
    const section = await person.get(base());
    expect(section.body).toContain('Answer my review questions');
    expectEasyRead(section.body);
    expect((await visitors.worker.get(base())).body).not.toContain('hearth-er-line');
    const start = await person.get(`${base()}/${reviewId}/person`);
    expect(start.statusCode).toBe(200);
    expectEasyRead(start.body);
    const started = await person.post(`${base()}/${reviewId}/person`, { start: 'yes' });
    expect(started.headers.location).toBe(`${base()}/${reviewId}/person/carer`);
    for (const [i, q] of QUESTIONS.entries()) {
      const page = await person.get(`${base()}/${reviewId}/person/${q.key}`);
      expectEasyRead(page.body);
      expect(page.body).toContain(`Question ${i + 1} of ${QUESTIONS.length}`);
      const wrong = await person.post(`${base()}/${reviewId}/person/${q.key}`, { answer: 'maybe' });
      expect(wrong.statusCode).toBe(400);
      const answered = await person.post(`${base()}/${reviewId}/person/${q.key}`, { answer: i === 2 ? 'not_happy' : 'happy' });
      expect(answered.headers.location).toBe(`${base()}/${reviewId}/person/${QUESTIONS[i + 1]?.key ?? 'more'}`);
    }
    expectEasyRead((await person.get(`${base()}/${reviewId}/person/more`)).body);
    const sent = await person.post(`${base()}/${reviewId}/person/more`, { anythingElse: 'I want to go swimming more.' });
    expect(sent.statusCode).toBe(302);
    const thanks = await person.get(sent.headers.location as string);
    expect(thanks.body).toContain('Thank you. We have your answers.');
    expect(thanks.body).toContain('Feeling safe: Not happy.');
    expectEasyRead(thanks.body);
    const after = await person.get(base());
    expect(after.body).toContain('You have answered the questions. Thank you.');
    expectEasyRead(after.body);
    const [view] = await db.owner.select().from(reviewPersonViews).where(eq(reviewPersonViews.reviewId, reviewId));
    expect(view).toMatchObject({ answeredBy: 'themselves', anythingElse: 'I want to go swimming more.' });
    expect(view!.finishedAt).not.toBeNull();
  });

  it('lets a worker answer with a person, saying who supported them', async () => {
    const other = await aReview(db, { schemeId, arrangementId, heldOn: today });
    const skipped = await visitors.worker.post(`${base()}/${other.id}/person/carer`, { answer: 'ok' });
    expect(skipped.headers.location).toBe(`${base()}/${other.id}/person`);
    const empty = await visitors.worker.post(`${base()}/${other.id}/person`, { answeredBy: 'with_support' });
    expect(empty.body).toContain('Say who is helping them answer');
    await visitors.worker.post(`${base()}/${other.id}/person`, { answeredBy: 'with_support', supportFrom: 'Jo Patel, her sister' });
    await visitors.worker.post(`${base()}/${other.id}/person/carer`, { answer: 'ok' });
    const [view] = await db.owner.select().from(reviewPersonViews).where(eq(reviewPersonViews.reviewId, other.id));
    expect(view).toMatchObject({ answeredBy: 'with_support', supportFrom: 'Jo Patel, her sister', answers: { carer: 'ok' } });
    const unfinished = await visitors.worker.post(`${base()}/${other.id}/person/more`, {});
    expect(unfinished.body).toContain('Please answer every question first');
    expect((await visitors.circle.post(`${base()}/${other.id}/person/carer`, { answer: 'ok' })).statusCode).toBe(403);
    await db.owner.delete(arrangementReviews).where(eq(arrangementReviews.id, other.id));
  });

  it('lets the carer write their view, and no other carer', async () => {
    expect((await visitors.carer.get(`${base()}/${reviewId}/carer`)).statusCode).toBe(200);
    const empty = await visitors.carer.post(`${base()}/${reviewId}/carer`, {});
    expect(empty.body).toContain('Say what is going well');
    const saved = await visitors.carer.post(`${base()}/${reviewId}/carer`, {
      goingWell: 'Ana has joined a choir.',
      supportNeeded: 'A break in August.',
    });
    expect(saved.statusCode).toBe(302);
    expect((await visitors.otherCarer.get(`${base()}/${reviewId}/carer`)).statusCode).toBe(404);
    expect((await visitors.otherCarer.post(`${base()}/${reviewId}/carer`, { goingWell: 'Not mine' })).statusCode).toBe(404);
  });

  it('completes the review with a summary, ratings, actions and a private note the carer and person never see', async () => {
    const empty = await visitors.worker.post(`${base()}/${reviewId}/complete`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write a summary of the review');
    expect(empty.body).toContain('Choose a rating for personal dignity');
    const halfAction = await visitors.worker.post(`${base()}/${reviewId}/complete`, completion({ action2: 'Find a swimming club' }));
    expect(halfAction.body).toContain('Say who will do it');
    expect(halfAction.body).toContain('value="Find a swimming club"');
    const done = await visitors.worker.post(`${base()}/${reviewId}/complete`, completion());
    expect(done.statusCode).toBe(302);
    const page = await visitors.worker.get(done.headers.location as string);
    expect(page.body).toContain('The review is complete');
    expect(page.body).toContain('Ana is settled and has joined a choir.');
    expect(page.body).toContain('Book swimming lessons');
    expect(page.body).toContain('Worried about money: check benefits.');
    for (const who of ['carer', 'person', 'circle'] as const) {
      const seen = await visitors[who].get(`${base()}/${reviewId}`);
      expect(seen.statusCode, who).toBe(200);
      expect(seen.body, who).toContain('Ana is settled and has joined a choir.');
      expect(seen.body, who).not.toContain('Worried about money');
    }
    expect((await visitors.unconsented.get(`${base()}/${reviewId}`)).statusCode).toBe(404);
    expect((await visitors.unconsented.get(base())).body).toContain('when they agree to share their support plan');
    expect((await visitors.person.post(`${base()}/${reviewId}/person/carer`, { answer: 'ok' })).statusCode).toBe(404);
    const audited = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, reviewId));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['created', 'updated', 'viewed']));
  });

  it('shows the person their finished review in Easy Read: what they said, what was agreed, and how things are going', async () => {
    const section = await visitors.person.get(base());
    expect(section.body).toContain(`href="${base()}/${reviewId}"`);
    const own = await visitors.person.get(`${base()}/${reviewId}`);
    expect(own.statusCode).toBe(200);
    expectEasyRead(own.body);
    for (const words of [
      'What you said',
      'Feeling safe: Not happy.',
      'I want to go swimming more.',
      'What we agreed',
      'Book swimming lessons',
      'Ben Carer will do it by',
      'What your worker wrote',
      'Ana is settled and has joined a choir.',
      'Being safe: good.',
      'Where you live: good.',
    ]) {
      expect(own.body).toContain(words);
    }
    expect(own.body).not.toContain('Worried about money');
    expect(own.body).not.toContain('govuk-table');
    // Their circle and staff keep the usual page.
    expect((await visitors.circle.get(`${base()}/${reviewId}`)).body).toContain('Wellbeing, area by area');
  });

  it('no longer shows the review, or anything, as overdue once it is done; a visit is recorded', async () => {
    const due = await visitors.worker.get('/due');
    expect(due.body).not.toContain('Review of the arrangement');
    expect((await visitors.worker.get('/due?status=overdue')).body).not.toContain('Ana Example');
    const visit = await visitors.worker.post(base(), {
      kind: 'visit',
      ...dateParts('heldOn', today),
      note: 'All well; Ana showed me her garden.',
    });
    expect(visit.statusCode).toBe(302);
    expect((await visitors.carer.get(visit.headers.location as string)).body).toContain('All well; Ana showed me her garden.');
  });

  it('shows wellbeing over time as charts with words and a table', async () => {
    await aReview(db, { schemeId, arrangementId, heldOn: addDays(today, -60), rating: 2 });
    const page = await visitors.person.get(`/arrangements/${arrangementId}/wellbeing`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Now up 2 since');
    expect(page.body).toContain('4: Good');
    expect((await visitors.unconsented.get(`/arrangements/${arrangementId}/wellbeing`)).body).toContain(
      'when Ana Example agrees to share their support plan',
    );
  });

  it('lets only the manager change the schedule', async () => {
    expect((await visitors.worker.get('/arrangements/settings/reviews')).statusCode).toBe(403);
    const bad = await visitors.manager.post('/arrangements/settings/reviews', {
      visitMonths: '99',
      firstReviewWeeks: '',
      reviewEveryMonths: '12',
    });
    expect(bad.body).toContain('Months of monthly visits must be between 0 and 24');
    expect(bad.body).toContain('Enter weeks to the first review');
    const saved = await visitors.manager.post('/arrangements/settings/reviews', {
      visitMonths: '3',
      firstReviewWeeks: '8',
      reviewEveryMonths: '6',
    });
    expect(saved.statusCode).toBe(302);
    expect((await visitors.worker.get(base())).body).toContain('a review every 6 months');
  });
});

function completion(overrides: Record<string, string> = {}) {
  return {
    ...dateParts('heldOn', today),
    summary: 'Ana is settled and has joined a choir.',
    ...Object.fromEntries(WELLBEING_AREAS.map((a) => [`rating_${a}`, '4'])),
    action1: 'Book swimming lessons',
    who1: 'Ben Carer',
    ...dateParts('byWhen1', addDays(today, 30)),
    privateNote: 'Worried about money: check benefits.',
    ...overrides,
  };
}
