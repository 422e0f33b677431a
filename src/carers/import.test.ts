import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer } from '../arrangements/testing.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { parseCsv, restoreCell, toCsv } from '../platform/csv/csv.js';
import { countsOf, CsvRowsProblem } from '../platform/csv/define.js';
import type { Actor } from '../platform/http/types.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { carersCsv } from './csv.js';
import { carersCsvService } from './import-service.js';
import { carerHomes, carers } from './schema.js';
import { carerApprovals } from './approval-schema.js';
import { CARER_STAGES, STAGE_NAMES } from './stages.js';
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
  const confirm = async (visitor: Visitor, file: string) => {
    await visitor.get('/carers/import');
    return visitor.post('/carers/import/confirm', { csv: file });
  };
  const countIn = async (schemeId: string) => (await db.owner.select().from(carers).where(eq(carers.schemeId, schemeId))).length;
  /** The export as a spreadsheet shows it: each cell as it was, without the apostrophe that keeps it from running as a formula. */
  const cellsOf = (text: string) => parseCsv(text).map((row) => row.map(restoreCell));
  const exported = async (visitor: Visitor) => cellsOf((await visitor.get('/carers/export.csv')).body);

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

  it('shows clashes with the scheme at the check step, and imports every row or none', async () => {
    const before = await countIn(schemeA);
    const file = fileOf(
      { Name: 'New One', Stage: 'Enquiry', Email: 'new.one@example.org' },
      { Name: 'Already Here', Stage: 'Enquiry', Email: 'TAKEN@example.org', Phone: '01632 960111' },
      { Name: 'Unknown Worker', Stage: 'Assessment', 'Scheme worker email': 'nobody@example.org' },
    );
    const preview = await upload(workerA, file);
    expect(preview.statusCode).toBe(400);
    expect(preview.body).toContain('No scheme worker or manager in this scheme signs in with this email');
    const forced = await confirm(workerA, file);
    expect(forced.statusCode).toBe(400);
    expect(forced.body).toContain('No scheme worker or manager in this scheme signs in with this email');
    expect(await countIn(schemeA)).toBe(before);
    expect((await db.owner.select().from(carers).where(eq(carers.email, 'taken@example.org')))[0]!.phone).toBeNull();
  });

  it('imports good rows with their stage, terms, home and worker, and records each in the audit log', async () => {
    const file = fileOf(
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
    );
    const preview = await upload(workerA, file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('3 to add, 0 to change and 0 already as in Hearth');
    const done = await confirm(workerA, file);
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/carers?added=3&changed=0&unchanged=0');
    expect((await workerA.get(done.headers.location as string)).body).toContain('3 carers added.');

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

  it('takes back its own export, changing nothing, and says so', async () => {
    await anApprovedCarer(db, { schemeId: schemeA, name: 'Jo Terms' });
    const file = (await workerA.get('/carers/export.csv')).body;
    const before = await db.owner.select().from(carers).where(eq(carers.schemeId, schemeA));
    const eventsBefore = (await db.owner.select().from(auditEvents)).length;

    const preview = await upload(workerA, file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Every row is already as in Hearth: importing this file would change nothing');
    expect(preview.body).not.toContain('name="csv"');
    const done = await confirm(workerA, file);
    expect(done.headers.location).toBe(`/carers?added=0&changed=0&unchanged=${before.length}`);
    expect((await workerA.get(done.headers.location as string)).body).toContain(
      `Nothing changed: ${before.length} were already as in the file.`,
    );
    expect(await db.owner.select().from(carers).where(eq(carers.schemeId, schemeA))).toEqual(before);
    const changes = (await db.owner.select().from(auditEvents)).slice(eventsBefore).filter((e) => e.recordType === 'carer');
    expect(changes.filter((e) => e.action !== 'exported' && e.action !== 'listed')).toEqual([]);
  });

  it('changes just the record whose cell was edited', async () => {
    const [heading, ...rows] = await exported(workerA);
    const at = (name: string) => heading!.indexOf(name);
    const ivy = rows.find((r) => r[0] === 'Ivy Enquiry')!;
    ivy[at('Phone')] = '01632 960222';
    ivy[at('Spare bedrooms')] = '';
    ivy[at('Bedrooms')] = '2';
    const file = toCsv([heading!, ...rows]);
    const before = await db.owner.select().from(carers).where(eq(carers.schemeId, schemeA));

    const preview = await upload(workerA, file);
    expect(preview.body).toContain(`0 to add, 1 to change and ${rows.length - 1} already as in Hearth`);
    expect(preview.body).toContain('Change Phone, Bedrooms');
    expect((await confirm(workerA, file)).headers.location).toBe(`/carers?added=0&changed=1&unchanged=${rows.length - 1}`);

    const after = await db.owner.select().from(carers).where(eq(carers.schemeId, schemeA));
    const changed = after.filter((c) => JSON.stringify(c) !== JSON.stringify(before.find((b) => b.id === c.id)));
    expect(changed.map((c) => [c.name, c.phone])).toEqual([['Ivy Enquiry', '01632 960222']]);
    const [home] = await db.owner.select().from(carerHomes).where(eq(carerHomes.carerId, changed[0]!.id));
    expect(home).toMatchObject({ bedrooms: 2, spareBedrooms: null });
    const [event] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, changed[0]!.id), eq(auditEvents.action, 'updated')));
    expect(event!.changedFields).toMatchObject({ phone: '01632 960222', bedrooms: 2 });
  });

  it('imports a file without the optional columns, finding saved carers by their email', async () => {
    const file = 'Name,Stage,Email,Phone\r\nGwen Approved,Approved,GWEN@example.org,01632 960333\r\nKit Short,Enquiry,,\r\n';
    const preview = await upload(workerA, file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 to add, 1 to change and 0 already as in Hearth');
    expect((await confirm(workerA, file)).statusCode).toBe(302);
    const [gwen] = await db.owner.select().from(carers).where(eq(carers.email, 'gwen@example.org'));
    expect(gwen).toMatchObject({ phone: '01632 960333', postcode: 'NB1 2AB', latitude: 53.7, stage: 'approved' });
    expect((await db.owner.select().from(carerHomes).where(eq(carerHomes.carerId, gwen!.id)))[0]).toMatchObject({ bedrooms: 3 });
    expect(await db.owner.select().from(carers).where(eq(carers.name, 'Kit Short'))).toHaveLength(1);

    const moved = await upload(workerA, 'Name,Stage,Email\r\nGwen Approved,Left,gwen@example.org\r\n');
    expect(moved.statusCode).toBe(400);
    expect(moved.body).toContain('Hearth has them at Approved since 14 May 2021: change their stage and approval on their record');
  });

  it('imports a carer at every stage there is', async () => {
    const rows = CARER_STAGES.map((stage) => ({
      Name: `Stage ${STAGE_NAMES[stage]}`,
      Stage: STAGE_NAMES[stage],
      'In this stage since': '01/03/2026',
      ...(['withdrawn', 'declined', 'paused', 'left'].includes(stage) ? { Reason: 'Moved away' } : {}),
      ...(['approved', 'paused', 'left'].includes(stage) ? { 'Approved on': '01/02/2024' } : {}),
      ...(['approved', 'paused'].includes(stage) ? { 'Approved for how many people': '1', 'Kinds of arrangement': 'Short breaks' } : {}),
    }));
    const preview = await upload(workerA, fileOf(...rows));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(`${CARER_STAGES.length} to add`);
    expect((await confirm(workerA, fileOf(...rows))).statusCode).toBe(302);
    const imported = await db.owner
      .select({ stage: carers.stage })
      .from(carers)
      .where(
        and(
          eq(carers.schemeId, schemeA),
          inArray(
            carers.name,
            rows.map((r) => r.Name),
          ),
        ),
      );
    expect(imported.map((c) => c.stage).sort()).toEqual([...CARER_STAGES].sort());
  });

  it('exports what the list shows, and the export imports into another scheme without its Hearth IDs', async () => {
    const all = await workerA.get('/carers/export.csv');
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.body).toContain('Gwen Approved');
    expect(all.body).toContain('Already Here');
    const approvedOnly = await workerA.get('/carers/export.csv?stage=approved');
    expect(approvedOnly.body).toContain('Gwen Approved');
    expect(approvedOnly.body).not.toContain('Ivy Enquiry');

    const [heading, ...rows] = cellsOf(approvedOnly.body.replace(workerEmail, ''));
    const keep = heading!.map((h, i) => (h === 'Hearth ID' ? -1 : i)).filter((i) => i >= 0);
    const elsewhere = toCsv([heading!, ...rows].map((r) => keep.map((i) => r[i]!)));
    const withIds = await upload(managerB, approvedOnly.body.replace(workerEmail, ''));
    expect(withIds.body).toContain('No carer in this scheme has this Hearth ID');
    expect((await upload(managerB, elsewhere)).statusCode).toBe(200);
    expect((await confirm(managerB, elsewhere)).statusCode).toBe(302);
    const [copy] = await db.owner
      .select()
      .from(carers)
      .where(and(eq(carers.schemeId, schemeB), eq(carers.name, 'Gwen Approved')));
    expect(copy).toMatchObject({ stage: 'approved', approvedOn: '2021-05-14', longitude: -2.4, postcode: 'NB1 2AB' });
    const [terms] = await db.owner.select().from(carerApprovals).where(eq(carerApprovals.carerId, copy!.id));
    expect(terms).toMatchObject({ maxPeople: 2, arrangementTypes: ['live_in', 'day_support'], needs: ['autism'] });
    const audit = await db.owner.select().from(auditEvents).where(eq(auditEvents.action, 'exported'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('checks and imports the same rows the same way: what the check step counts is what the import does (property)', async () => {
    const service = carersCsvService(db);
    const schemeId = (await aScheme(db)).id;
    const manager = await aUser(db, { role: 'scheme_manager', schemeId });
    const actor: Actor = { userId: manager.id, schemeId, role: 'scheme_manager', name: manager.name, unit: null };
    const emails = ['ana@example.org', 'bo@example.org', 'cy@example.org', 'di@example.org'];
    const row = fc.record({
      name: fc.constantFrom('Ana Ash', 'Bo Birch', 'Cy Cedar', 'Di Elm'),
      email: fc.option(fc.constantFrom(...emails)),
      phone: fc.option(fc.constantFrom('01632 960001', '01632 960002')),
      stage: fc.constantFrom('Enquiry', 'Assessment'),
      bedrooms: fc.option(fc.constantFrom('2', '3')),
      worker: fc.constantFrom(...Array<string>(11).fill(manager.email), 'nobody@example.org'),
    });
    const file = fc.array(row, { maxLength: 6 }).map((rows) => {
      const seen = new Set<string>();
      return fileOf(
        ...rows.map((r) => {
          const email = r.email && !seen.has(r.email) ? (seen.add(r.email), r.email) : '';
          return {
            Name: r.name,
            Email: email,
            Phone: r.phone ?? '',
            // A saved carer keeps their stage: the file finds them by email, and a stage it changed would be refused.
            Stage: email ? ['Enquiry', 'Assessment'][emails.indexOf(email) % 2]! : r.stage,
            Bedrooms: r.bedrooms ?? '',
            'Scheme worker email': r.worker,
          };
        }),
      );
    });
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const preview = carersCsv.preview(text);
        if (!preview.ok) return;
        const before = await countIn(schemeId);
        const checked = await service.plan(actor, preview);
        if (checked.problems.length) {
          await expect(service.import(actor, preview)).rejects.toEqual(new CsvRowsProblem(checked.problems));
          expect(await countIn(schemeId)).toBe(before);
          return;
        }
        const counts = await service.import(actor, preview);
        imported++;
        expect(counts).toEqual(countsOf(checked));
        expect(await countIn(schemeId)).toBe(before + counts.added);
        const again = countsOf(await service.plan(actor, preview));
        const unmatched = preview.ready.filter((r) => !r.email).length;
        expect(again).toEqual({ added: unmatched, changed: 0, unchanged: preview.ready.length - unmatched });
      }),
      { numRuns: 25 },
    );
    expect(imported).toBeGreaterThan(3);
  });
});
