import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { addDays, addMonths, todayInUk } from '../platform/dates.js';
import { carers, carerStageChanges } from './schema.js';
import { aCarer } from './testing.js';

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

describe('an approved carer’s year: review, pause, leave, and their own sign-in', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let worker: Visitor;
  let schemeId = '';
  let carerId = '';
  const today = todayInUk();

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    worker = new Visitor(app);
    await worker.signIn((await aUser(db, { role: 'scheme_worker', schemeId })).email);
    carerId = (
      await aCarer(db, {
        schemeId,
        stage: 'approved',
        name: 'Rae Reviewed',
        stageSince: addMonths(today, -13),
        reviewDueOn: addMonths(today, -1),
      })
    ).id;
  });
  afterAll(async () => close());

  it('records a yearly review, which sets when the next is due', async () => {
    await worker.get(`/carers/${carerId}/reviews/new`);
    const bad = await worker.post(`/carers/${carerId}/reviews`, {
      ...dateFields('reviewedOn', today),
      ...dateFields('nextDueOn', addDays(today, -1)),
      outcome: 'continue',
      summary: 'Going well',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The next review must be after this one');
    const done = await worker.post(`/carers/${carerId}/reviews`, {
      ...dateFields('reviewedOn', today),
      ...dateFields('nextDueOn', addMonths(today, 12)),
      outcome: 'continue_with_changes',
      summary: 'Going well; moving and handling refresher booked.',
      carerView: 'I would like more short breaks.',
    });
    expect(done.statusCode).toBe(302);
    const [carer] = await db.owner.select().from(carers).where(eq(carers.id, carerId));
    expect(carer!.reviewDueOn).toBe(addMonths(today, 12));
    const page = await worker.get(`/carers/${carerId}/reviews`);
    expect(page.body).toContain('I would like more short breaks.');
    expect(page.body).toContain('Continue, with changes agreed');
  });

  it('pauses and resumes with a reason, then records leaving with its date, keeping every step', async () => {
    await worker.get(`/carers/${carerId}/stage`);
    expect((await worker.post(`/carers/${carerId}/stage`, { to: 'paused', ...dateFields('effectiveOn', today) })).body).toContain(
      'Give the reason they are paused',
    );
    expect(
      (await worker.post(`/carers/${carerId}/stage`, { to: 'paused', reason: 'Family illness', ...dateFields('effectiveOn', today) }))
        .statusCode,
    ).toBe(302);
    await worker.get(`/carers/${carerId}/stage`);
    expect((await worker.post(`/carers/${carerId}/stage`, { to: 'approved', ...dateFields('effectiveOn', today) })).statusCode).toBe(302);
    await worker.get(`/carers/${carerId}/stage`);
    const left = await worker.post(`/carers/${carerId}/stage`, {
      to: 'left',
      reason: 'Retiring after 20 years',
      ...dateFields('effectiveOn', today),
    });
    expect(left.statusCode).toBe(302);

    const [carer] = await db.owner.select().from(carers).where(eq(carers.id, carerId));
    expect(carer).toMatchObject({
      stage: 'left',
      stageReason: 'Retiring after 20 years',
      stageSince: today,
      approvedOn: addDays(addMonths(today, -13), -1),
    });
    const history = await db.owner.select().from(carerStageChanges).where(eq(carerStageChanges.carerId, carerId));
    expect(history.map((h) => [h.toStage, h.reason])).toEqual([
      ['approved', null],
      ['paused', 'Family illness'],
      ['approved', null],
      ['left', 'Retiring after 20 years'],
    ]);
    expect((await worker.get(`/carers/${carerId}`)).body).toContain('Retiring after 20 years');
    expect((await worker.get(`/carers/${carerId}/reviews/new`)).statusCode).toBe(200);
    await worker.get(`/carers/${carerId}/reviews/new`);
    const noReview = await worker.post(`/carers/${carerId}/reviews`, {
      ...dateFields('reviewedOn', today),
      ...dateFields('nextDueOn', addMonths(today, 12)),
      outcome: 'continue',
      summary: 'x',
    });
    expect(noReview.body).toContain('Only an approved carer has a yearly review');
  });

  it('links a carer’s own sign-in, only to someone with the carer role', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'approved', name: 'Sid Signin' });
    const user = await aUser(db, { role: 'carer', schemeId, email: 'sid.signin@test.hearth.example' });
    const notCarer = await aUser(db, { role: 'ambassador', schemeId });
    await worker.get(`/carers/${carer.id}/edit`);
    const wrong = await worker.post(`/carers/${carer.id}`, { name: 'Sid Signin', signInEmail: notCarer.email });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('No one with that email signs in to this scheme as a Shared Lives carer');
    expect(
      (await worker.post(`/carers/${carer.id}`, { name: 'Sid Signin', signInEmail: 'Sid.Signin@test.hearth.example' })).statusCode,
    ).toBe(302);
    const sid = new Visitor(app);
    await sid.signIn(user.email);
    expect((await sid.get('/carers/me')).headers.location).toBe(`/carers/${carer.id}`);
    await worker.get(`/carers/${carerId}/edit`);
    const twice = await worker.post(`/carers/${carerId}`, { name: 'Rae Reviewed', signInEmail: user.email });
    expect(twice.body).toContain('That sign-in belongs to another carer’s record');
  });
});
