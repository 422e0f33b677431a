import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { addMonths, todayInUk } from '../platform/dates.js';
import { checkRecords } from './checks/schema.js';
import { carers, carerStageChanges, householdMembers } from './schema.js';
import { defaultCheckTypes } from './testing.js';

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

describe('a carer’s journey, in the browser', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let worker: Visitor;
  let workerId = '';
  let carerId = '';
  const today = todayInUk();

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const scheme = await aScheme(db);
    await defaultCheckTypes(db, scheme.id);
    const w = await aUser(db, { role: 'scheme_worker', schemeId: scheme.id, name: 'Wyn Worker' });
    workerId = w.id;
    worker = new Visitor(app);
    await worker.signIn(w.email);
  });
  afterAll(async () => close());

  it('adds an enquiry, keeping every answer and saying what to fix when something is wrong', async () => {
    await worker.get('/carers/new');
    const bad = await worker.post('/carers', {
      name: '',
      email: 'not-an-email',
      postcode: 'NOPE',
      ...dateFields('enquiredOn', '2099-01-01'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter the carer’s full name');
    expect(bad.body).toContain('Enter an email address in the correct format');
    expect(bad.body).toContain('Enter a real postcode');
    expect(bad.body).toContain('The date they got in touch must be today or in the past');
    expect(bad.body).toContain('value="not-an-email"');
    expect(await db.owner.select().from(carers)).toHaveLength(0);

    const good = await worker.post('/carers', {
      name: 'Ada Hartley',
      email: 'Ada.Hartley@example.org',
      phone: '01632 960 001',
      postcode: 'nb1 2ab',
      area: 'Northbrook East',
      workerUserId: workerId,
      ...dateFields('enquiredOn', today),
    });
    expect(good.statusCode).toBe(302);
    carerId = /\/carers\/([0-9a-f-]{36})/.exec(good.headers.location as string)![1]!;
    const page = await worker.get(good.headers.location as string);
    expect(page.body).toContain('The enquiry has been added');
    expect(page.body).toContain('Enquiry');
    expect(page.body).toContain('NB1 2AB');
    expect(page.body).toContain('ada.hartley@example.org');
  });

  it('finds carers by name, email or postcode, and filters by stage, worker and area', async () => {
    const byName = await worker.get('/carers?q=hartley');
    expect(byName.body).toContain('Ada Hartley');
    expect((await worker.get('/carers?q=NB12AB')).body).toContain('Ada Hartley');
    expect((await worker.get(`/carers?stage=enquiry&worker=${workerId}&area=${encodeURIComponent('Northbrook East')}`)).body).toContain(
      'Ada Hartley',
    );
    expect((await worker.get('/carers?stage=approved')).body).toContain('No carers match');
    expect((await worker.get('/carers?area=Elsewhere')).body).toContain('No carers match');
    const odd = await worker.get(`/carers?q=${encodeURIComponent("' or 1=1 --")}&stage=nonsense&worker=x&page=-4`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('No carers match');
  });

  it('moves along the journey with the date and reason kept, and refuses moves the rules do not allow', async () => {
    for (const to of ['initial_visit', 'assessment', 'checks']) {
      await worker.get(`/carers/${carerId}/stage`);
      const moved = await worker.post(`/carers/${carerId}/stage`, { to, ...dateFields('effectiveOn', today) });
      expect(moved.statusCode).toBe(302);
    }
    await worker.get(`/carers/${carerId}/stage`);
    const approved = await worker.post(`/carers/${carerId}/stage`, { to: 'approved', ...dateFields('effectiveOn', today) });
    expect(approved.statusCode).toBe(400);
    expect(approved.body).toContain('A carer at Checks cannot move to Approved');
    const noReason = await worker.post(`/carers/${carerId}/stage`, { to: 'withdrawn', ...dateFields('effectiveOn', today) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Give the reason they are withdrawn');

    const history = await db.owner.select().from(carerStageChanges).where(eq(carerStageChanges.carerId, carerId));
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, 'enquiry'],
      ['enquiry', 'initial_visit'],
      ['initial_visit', 'assessment'],
      ['assessment', 'checks'],
    ]);
    expect(history.every((h) => h.byName === 'Wyn Worker')).toBe(true);
    const page = await worker.get(`/carers/${carerId}/history`);
    expect(page.body).toContain('Initial visit');
    expect(page.body).toContain('Wyn Worker');
  });

  it('shows the carer on the board, in their column, with days in the stage', async () => {
    const board = await worker.get('/carers/board');
    expect(board.statusCode).toBe(200);
    const column = board.body.split('id="column-checks"')[1]!.split('</section>')[0]!;
    expect(column).toContain('Ada Hartley');
    expect(column).toContain('0 days at this stage');
  });

  it('records the home and the people in it; adults need their own checks', async () => {
    await worker.get(`/carers/${carerId}/household/home`);
    const home = await worker.post(`/carers/${carerId}/household/home`, {
      bedrooms: '3',
      spareBedrooms: '1',
      stepFree: 'yes',
      ownBathroom: 'no',
      smoking: 'no',
      pets: 'A cat',
      languages: 'English, Polish',
      interests: 'gardening, chess',
      faith: 'Quaker',
      routines: 'Early risers',
    });
    expect(home.statusCode).toBe(302);
    const tooMany = await worker.post(`/carers/${carerId}/household/home`, { bedrooms: '1', spareBedrooms: '2' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('Spare bedrooms must be no more than bedrooms');

    await worker.get(`/carers/${carerId}/household/new`);
    expect(
      (
        await worker.post(`/carers/${carerId}/household`, {
          name: 'Sam Hartley',
          relationship: 'partner',
          ...dateFields('dateOfBirth', '1979-06-02'),
        })
      ).statusCode,
    ).toBe(302);
    expect(
      (
        await worker.post(`/carers/${carerId}/household`, {
          name: 'Pip Hartley',
          relationship: 'daughter',
          ...dateFields('dateOfBirth', addMonths(today, -12 * 9)),
        })
      ).statusCode,
    ).toBe(302);
    const page = await worker.get(`/carers/${carerId}/household`);
    expect(page.body).toContain('English, Polish');
    expect(page.body).toContain('Sam Hartley');
    expect(page.body).toContain('Adult: needs their own checks');
    expect(page.body).toContain('Child');

    const checks = await worker.get(`/carers/${carerId}/checks`);
    const dbsRows = checks.body.split('<tr class="govuk-table__row">').filter((row) => row.includes('DBS check'));
    expect(dbsRows.map((row) => (row.includes('Sam Hartley') ? 'Sam' : row.includes('Pip Hartley') ? 'Pip' : 'Ada'))).toEqual([
      'Ada',
      'Sam',
    ]);
  });

  it('records a check, working out when it expires', async () => {
    const [sam] = await db.owner.select().from(householdMembers).where(eq(householdMembers.name, 'Sam Hartley'));
    const form = await worker.get(`/carers/${carerId}/checks/new`);
    const dbsId = /<option value="([0-9a-f-]{36})">DBS check/.exec(form.body)![1]!;
    const bad = await worker.post(`/carers/${carerId}/checks`, { checkTypeId: dbsId, householdMemberId: sam!.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the date it was done');
    expect(bad.body).toContain('Choose the outcome');

    const saved = await worker.post(`/carers/${carerId}/checks`, {
      checkTypeId: dbsId,
      householdMemberId: sam!.id,
      outcome: 'satisfactory',
      reference: '001234567890',
      ...dateFields('completedOn', today),
    });
    expect(saved.statusCode).toBe(302);
    const [record] = await db.owner
      .select()
      .from(checkRecords)
      .where(and(eq(checkRecords.carerId, carerId), eq(checkRecords.householdMemberId, sam!.id)));
    expect(record).toMatchObject({ completedOn: today, expiresOn: addMonths(today, 36), outcome: 'satisfactory', byName: 'Wyn Worker' });
    const page = await worker.get(saved.headers.location as string);
    expect(page.body).toContain('The check or training has been recorded');
    expect(page.body).toContain('001234567890');
  });

  it('keeps a record of every look and every change in the audit log', async () => {
    const events = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, carerId));
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['created', 'viewed', 'updated']));
    const moved = events.find((e) => e.action === 'updated' && (e.changedFields as { stage?: string }).stage === 'checks');
    expect(moved).toBeDefined();
    const homeEvents = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordType, 'carer home'));
    expect(homeEvents[0]!.changedFields).toMatchObject({ bedrooms: 3, languages: ['English', 'Polish'] });
  });

  it('answers 404 for a carer that is not there', async () => {
    expect((await worker.get('/carers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await worker.get('/carers/not-an-id/checks')).statusCode).toBe(404);
  });
});
