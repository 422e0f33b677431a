import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { toCsv } from '../platform/csv/csv.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { carersCsv } from './csv.js';
import { carerHomes, carers } from './schema.js';
import { carerApprovals } from './approval-schema.js';
import { aCarer } from './testing.js';

const headers = carersCsv.spec.columns.map((c) => c.header);
const fileOf = (...rows: Record<string, string>[]) => toCsv([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]);

function multipart(csrf: string, file: string) {
  const boundary = '----hearthcarers';
  const payload =
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="carers.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('carers to and from spreadsheets', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeA = '';
  let schemeB = '';
  let workerA: Visitor;
  let managerB: Visitor;
  let workerEmail = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeA = (await aScheme(db)).id;
    schemeB = (await aScheme(db)).id;
    const w = await aUser(db, { role: 'scheme_worker', schemeId: schemeA });
    workerEmail = w.email;
    await aCarer(db, { schemeId: schemeA, name: 'Already Here' }).then((c) =>
      db.owner.update(carers).set({ email: 'taken@example.org' }).where(eq(carers.id, c.id)),
    );
    workerA = new Visitor(app);
    await workerA.signIn(w.email);
    managerB = new Visitor(app);
    await managerB.signIn((await aUser(db, { role: 'scheme_manager', schemeId: schemeB })).email);
  });
  afterAll(async () => close());

  const upload = async (visitor: Visitor, file: string) => {
    await visitor.get('/carers/import');
    const { payload, contentType } = multipart(visitor.csrf, file);
    return app.inject({
      method: 'POST',
      url: '/carers/import',
      payload,
      headers: { 'content-type': contentType, cookie: visitor.cookieHeader() },
    });
  };
  const confirm = async (visitor: Visitor, preview: { body: string }) => {
    visitor.csrf = /name="_csrf" value="([^"]+)"/.exec(preview.body)![1]!;
    const csv = /name="csv" value="([^"]*)"/
      .exec(preview.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    return visitor.post('/carers/import/confirm', { csv });
  };
  const countIn = async (schemeId: string) => (await db.owner.select().from(carers).where(eq(carers.schemeId, schemeId))).length;

  it('offers a template to fill in', async () => {
    const template = await workerA.get('/carers/import/template.csv');
    expect(template.headers['content-disposition']).toBe('attachment; filename="carers-template.csv"');
    expect(template.body).toContain('Name,Email,Phone');
  });

  it('shows every bad row’s problems and saves nothing', async () => {
    const before = await countIn(schemeA);
    const response = await upload(
      workerA,
      fileOf(
        { Name: 'Fine Person', Stage: 'Enquiry' },
        { Name: 'No Reason', Stage: 'Left', 'Approved on': '01/01/2020' },
        { Name: '', Stage: 'Checks' },
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('2 problems to fix: nothing has been imported');
    expect(response.body).toContain('Give the reason they are left');
    expect(response.body).toContain('Enter the carer’s full name');
    expect(await countIn(schemeA)).toBe(before);
  });

  it('imports every row or none: a clash with a saved carer stops them all', async () => {
    const before = await countIn(schemeA);
    const preview = await upload(
      workerA,
      fileOf(
        { Name: 'New One', Stage: 'Enquiry', Email: 'new.one@example.org' },
        { Name: 'Clashing', Stage: 'Enquiry', Email: 'TAKEN@example.org' },
        { Name: 'Unknown Worker', Stage: 'Assessment', 'Scheme worker email': 'nobody@example.org' },
      ),
    );
    expect(preview.statusCode).toBe(200);
    const clash = await confirm(workerA, preview);
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('A carer with this email is already in the scheme');
    expect(clash.body).toContain('No scheme worker or manager in this scheme signs in with this email');
    expect(await countIn(schemeA)).toBe(before);
  });

  it('imports good rows with their stage, terms, home and worker, and records each in the audit log', async () => {
    const preview = await upload(
      workerA,
      fileOf(
        {
          Name: 'Gwen Approved',
          Stage: 'Approved',
          Email: 'gwen@example.org',
          'Scheme worker email': workerEmail,
          'Approved on': '14/05/2021',
          'In this stage since': '14/05/2021',
          'Approved for how many people': '2',
          'Kinds of arrangement': 'Long-term (live-in); day support',
          'Needs approved for': 'Autism',
          Bedrooms: '3',
          'Spare bedrooms': '1',
          Languages: 'English; Welsh',
          Latitude: '53.7',
          Longitude: '-2.4',
          Postcode: 'nb1 2ab',
        },
        {
          Name: 'Hal Paused',
          Stage: 'paused',
          Reason: 'Building work',
          'Approved on': '2019-01-10',
          'In this stage since': '2025-12-01',
          'Approved for how many people': '1',
          'Kinds of arrangement': 'Short breaks',
        },
        { Name: 'Ivy Enquiry', Stage: 'Enquiry' },
      ),
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('3 carers are ready to import');
    const done = await confirm(workerA, preview);
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/carers?imported=3');
    expect((await workerA.get('/carers?imported=3')).body).toContain('3 carers have been imported');

    const [gwen] = await db.owner.select().from(carers).where(eq(carers.email, 'gwen@example.org'));
    expect(gwen).toMatchObject({
      stage: 'approved',
      approvedOn: '2021-05-14',
      stageSince: '2021-05-14',
      reviewDueOn: '2022-05-14',
      postcode: 'NB1 2AB',
      latitude: 53.7,
      longitude: -2.4,
    });
    const [terms] = await db.owner.select().from(carerApprovals).where(eq(carerApprovals.carerId, gwen!.id));
    expect(terms).toMatchObject({ basis: 'earlier_record', maxPeople: 2, arrangementTypes: ['live_in', 'day_support'], needs: ['autism'] });
    const [home] = await db.owner.select().from(carerHomes).where(eq(carerHomes.carerId, gwen!.id));
    expect(home).toMatchObject({ bedrooms: 3, spareBedrooms: 1, languages: ['English', 'Welsh'] });
    const events = await db.owner.select().from(auditEvents).where(eq(auditEvents.recordId, gwen!.id));
    expect(events[0]!.changedFields).toMatchObject({ source: 'spreadsheet import' });
  });

  it('exports what the list shows, and the export imports into another scheme as it was', async () => {
    const all = await workerA.get('/carers/export.csv');
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.body).toContain('Gwen Approved');
    expect(all.body).toContain('Already Here');
    const approvedOnly = await workerA.get('/carers/export.csv?stage=approved');
    expect(approvedOnly.body).toContain('Gwen Approved');
    expect(approvedOnly.body).not.toContain('Ivy Enquiry');

    const withoutWorkers = approvedOnly.body.replace(workerEmail, '');
    const preview = await upload(managerB, withoutWorkers);
    expect(preview.statusCode).toBe(200);
    expect((await confirm(managerB, preview)).statusCode).toBe(302);
    const [copy] = await db.owner.select().from(carers).where(eq(carers.schemeId, schemeB));
    expect(copy).toMatchObject({
      name: 'Gwen Approved',
      stage: 'approved',
      approvedOn: '2021-05-14',
      longitude: -2.4,
      postcode: 'NB1 2AB',
    });
    const [terms] = await db.owner.select().from(carerApprovals).where(eq(carerApprovals.carerId, copy!.id));
    expect(terms).toMatchObject({ maxPeople: 2, arrangementTypes: ['live_in', 'day_support'], needs: ['autism'] });
    const audit = await db.owner.select().from(auditEvents).where(eq(auditEvents.action, 'exported'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});
