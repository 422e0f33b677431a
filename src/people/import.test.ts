import { eq, like } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, restoreCell, toCsv } from '../platform/csv/csv.js';
import { countsOf, CsvRowsProblem } from '../platform/csv/define.js';
import type { Actor } from '../platform/http/types.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { peopleCsv } from './csv.js';
import { peopleCsvService } from './csv-service.js';
import { PERSON_STATUSES, STATUS_NAMES } from './status.js';
import { communicationNeeds, people, personStatusChanges } from './schema.js';
import { aPerson, someCommunicationNeeds } from './testing.js';

const HEADINGS = peopleCsv.spec.columns.map((c) => c.header);

function multipart(csrf: string, file: string) {
  const boundary = '----hearthpeople';
  const payload = [
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`,
    `--${boundary}--\r\n`,
  ].join('');
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('people to and from spreadsheets', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  let worker: Visitor;
  let workerEmail = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const w = await aUser(db, { role: 'scheme_worker', schemeId });
    workerEmail = w.email;
    worker = new Visitor(app);
    await worker.signIn(w.email);
    const supported = await aPerson(db, {
      schemeId,
      name: 'Hana Sato',
      status: 'supported',
      dateOfBirth: '1980-05-01',
      workerUserId: w.id,
      postcode: 'NB3 2ZZ',
    });
    await someCommunicationNeeds(db, supported, { needs: ['large_print', 'other'], otherNeeds: 'Picture timetable' });
    await aPerson(db, { schemeId, name: 'Ivo Brand', status: 'waiting' });
    await aPerson(db, { schemeId: (await aScheme(db)).id, name: 'Elsewhere Person' });
  });
  afterAll(async () => close());

  const upload = async (file: string) => {
    await worker.get('/people/import');
    const { payload, contentType } = multipart(worker.csrf, file);
    const response = await app.inject({
      method: 'POST',
      url: '/people/import',
      payload,
      headers: { 'content-type': contentType, cookie: worker.cookieHeader() },
    });
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) worker.csrf = token;
    return response;
  };
  const confirm = (file: string) => worker.post('/people/import/confirm', { csv: file });
  const count = async () => (await db.owner.select().from(people).where(eq(people.schemeId, schemeId))).length;
  const row = (cells: Record<string, string>) => HEADINGS.map((h) => cells[h] ?? '');

  it('exports the scheme’s people, as filtered, in the words the import reads', async () => {
    const response = await worker.get('/people/export.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [headings, ...rows] = parseCsv(response.body);
    expect(headings).toEqual(HEADINGS);
    expect(rows.map((r) => r[0])).toEqual(['Hana Sato', 'Ivo Brand']);
    expect(rows[0]).toEqual(
      expect.arrayContaining([
        '01/05/1980',
        'Supported',
        'Live-in (long-term)',
        workerEmail,
        'Large print; Something else: Picture timetable',
      ]),
    );
    const waiting = parseCsv((await worker.get('/people/export.csv?status=waiting')).body);
    expect(waiting.slice(1).map((r) => r[0])).toEqual(['Ivo Brand']);
    const [event] = await db.owner.select().from(auditEvents).where(eq(auditEvents.action, 'exported'));
    expect(event).toMatchObject({ recordType: 'people' });
  });

  it('previews every row’s problems, including clashes with saved records, and saves nothing', async () => {
    const before = await count();
    const [hana] = await db.owner.select().from(people).where(eq(people.name, 'Hana Sato'));
    const [elsewhere] = await db.owner.select().from(people).where(eq(people.name, 'Elsewhere Person'));
    const file = toCsv([
      HEADINGS,
      row({ Name: 'Good Row' }),
      row({ Name: 'Hana Sato', 'Date of birth': '01/05/1980' }),
      row({ Name: 'No Kinds', Status: 'Supported' }),
      row({ Name: 'Wrong Worker', 'Worker email': 'nobody@example.org' }),
      row({ Name: 'Not Here', 'Hearth ID': elsewhere!.id }),
      row({ Name: 'Hana Sato', 'Hearth ID': hana!.id, Status: 'Waiting for a match' }),
      row({ Name: 'Twin', 'Date of birth': '02/02/2002' }),
      row({ Name: 'twin', 'Date of birth': '2002-02-02' }),
    ]);
    const preview = await upload(file);
    expect(preview.statusCode).toBe(400);
    expect(preview.body).toContain('6 problems to fix: nothing has been imported');
    for (const text of [
      'Already in Hearth with the same name and date of birth',
      'Someone supported needs at least one kind of support',
      'No scheme worker or manager in this scheme signs in with this email',
      'No one in this scheme has this Hearth ID',
      'change status on their page',
      'Same name and date of birth as row 8',
    ])
      expect(preview.body).toContain(text);
    expect(preview.body).not.toContain('name="csv"');
    expect(await count()).toBe(before);
    const forced = await confirm(file);
    expect(forced.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('round-trips: export, change and add in the spreadsheet, preview, then import all at once', async () => {
    const [headings, ...rows] = parseCsv((await worker.get('/people/export.csv')).body);
    const column = (name: string) => headings!.indexOf(name);
    const hana = rows.find((r) => r[0] === 'Hana Sato')!;
    hana[column('Phone')] = '07700 900 555';
    hana[column('Communication needs')] = 'Large print; Easy Read';
    rows.push(
      row({
        Name: 'Jude New',
        'Date of birth': '03/04/1999',
        Status: 'Waiting for a match',
        'Status since': '01/03/2026',
        'Worker email': workerEmail,
        'Communication needs': 'None',
        'Preferred contact': 'Email',
      }),
    );
    rows.push(row({ Name: 'Kit Supported', Status: 'supported', 'Kinds of support': 'Short breaks; Day support' }));
    const file = toCsv([headings!, ...rows]);

    const preview = await upload(file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('2 to add, 1 to change and 1 already as in Hearth');
    expect(preview.body).toContain('Change Phone, Communication needs');
    const before = await count();
    const done = await confirm(file);
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/people?added=2&changed=1&unchanged=1');
    expect((await worker.get(done.headers.location as string)).body).toContain('2 people added, 1 changed; 1 was already as in the file.');
    expect(await count()).toBe(before + 2);

    const [updated] = await db.owner.select().from(people).where(eq(people.name, 'Hana Sato'));
    expect(updated).toMatchObject({ phone: '07700 900 555', status: 'supported', dateOfBirth: '1980-05-01', postcode: 'NB3 2ZZ' });
    const [needs] = await db.owner.select().from(communicationNeeds).where(eq(communicationNeeds.personId, updated!.id));
    expect(needs).toMatchObject({ needs: ['large_print', 'easy_read'], otherNeeds: null });
    const [jude] = await db.owner.select().from(people).where(eq(people.name, 'Jude New'));
    expect(jude).toMatchObject({ status: 'waiting', statusSince: '2026-03-01', dateOfBirth: '1999-04-03', schemeId });
    const [judeNeeds] = await db.owner.select().from(communicationNeeds).where(eq(communicationNeeds.personId, jude!.id));
    expect(judeNeeds).toMatchObject({ needs: [], preferredContact: 'email' });
    const [history] = await db.owner.select().from(personStatusChanges).where(eq(personStatusChanges.personId, jude!.id));
    expect(history).toMatchObject({ toStatus: 'waiting', reason: 'Imported from a spreadsheet' });
    const [kit] = await db.owner.select().from(people).where(eq(people.name, 'Kit Supported'));
    expect(kit!.arrangementTypes).toEqual(['short_breaks', 'day_support']);
  });

  it('takes back its own export, changing nothing, and says so', async () => {
    const file = (await worker.get('/people/export.csv')).body;
    const before = await db.owner.select().from(people).where(eq(people.schemeId, schemeId));
    const needsBefore = await db.owner.select().from(communicationNeeds);
    const eventsBefore = (await db.owner.select().from(auditEvents)).length;
    const preview = await upload(file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Every row is already as in Hearth: importing this file would change nothing');
    const done = await confirm(file);
    expect(done.headers.location).toBe(`/people?added=0&changed=0&unchanged=${before.length}`);
    expect((await worker.get(done.headers.location as string)).body).toContain(
      `Nothing changed: ${before.length} were already as in the file.`,
    );
    expect(await db.owner.select().from(people).where(eq(people.schemeId, schemeId))).toEqual(before);
    expect(await db.owner.select().from(communicationNeeds)).toEqual(needsBefore);
    const events = (await db.owner.select().from(auditEvents)).slice(eventsBefore);
    expect(events.filter((e) => e.action === 'created' || e.action === 'updated')).toEqual([]);
  });

  it('changes just the record whose cell was edited', async () => {
    const [headings, ...rows] = parseCsv((await worker.get('/people/export.csv')).body).map((r) => r.map(restoreCell));
    const ivo = rows.find((r) => r[0] === 'Ivo Brand')!;
    ivo[headings!.indexOf('Area')] = 'Riverside';
    const file = toCsv([headings!, ...rows]);
    const before = await db.owner.select().from(people).where(eq(people.schemeId, schemeId));
    expect((await upload(file)).body).toContain(`0 to add, 1 to change and ${rows.length - 1} already as in Hearth`);
    expect((await confirm(file)).headers.location).toBe(`/people?added=0&changed=1&unchanged=${rows.length - 1}`);
    const after = await db.owner.select().from(people).where(eq(people.schemeId, schemeId));
    const changed = after.filter((p) => JSON.stringify(p) !== JSON.stringify(before.find((b) => b.id === p.id)));
    expect(changed.map((p) => [p.name, p.area])).toEqual([['Ivo Brand', 'Riverside']]);
  });

  it('imports a file without the optional columns, leaving what it leaves out as it is', async () => {
    const [hana] = await db.owner.select().from(people).where(eq(people.name, 'Hana Sato'));
    const file = toCsv([
      ['Name', 'Phone', 'Hearth ID'],
      ['Hana Sato', '07700 900 777', hana!.id],
      ['Lee Short', '', ''],
    ]);
    const preview = await upload(file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 to add, 1 to change and 0 already as in Hearth');
    expect((await confirm(file)).statusCode).toBe(302);
    const [after] = await db.owner.select().from(people).where(eq(people.id, hana!.id));
    expect(after).toMatchObject({
      phone: '07700 900 777',
      status: 'supported',
      dateOfBirth: '1980-05-01',
      postcode: 'NB3 2ZZ',
      workerUserId: hana!.workerUserId,
    });
    expect((await db.owner.select().from(communicationNeeds).where(eq(communicationNeeds.personId, hana!.id)))[0]).toMatchObject({
      needs: ['large_print', 'easy_read'],
    });
    expect((await db.owner.select().from(people).where(eq(people.name, 'Lee Short')))[0]).toMatchObject({ status: 'referred' });
  });

  it('imports someone at every status there is', async () => {
    const file = toCsv([
      HEADINGS,
      ...PERSON_STATUSES.map((status) =>
        row({
          Name: `Status ${STATUS_NAMES[status]}`,
          Status: STATUS_NAMES[status],
          'Status since': '02/03/2026',
          'Kinds of support': status === 'supported' ? 'Day support' : '',
        }),
      ),
    ]);
    const preview = await upload(file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(`${PERSON_STATUSES.length} to add`);
    expect((await confirm(file)).statusCode).toBe(302);
    const imported = await db.owner.select({ status: people.status }).from(people).where(like(people.name, 'Status %'));
    expect(imported.map((p) => p.status).sort()).toEqual([...PERSON_STATUSES].sort());
  });

  it('checks and imports the same rows the same way: what the check step counts is what the import does (property)', async () => {
    const service = peopleCsvService(db);
    const otherScheme = (await aScheme(db)).id;
    const manager = await aUser(db, { role: 'scheme_manager', schemeId: otherScheme });
    const actor: Actor = { userId: manager.id, schemeId: otherScheme, role: 'scheme_manager', name: manager.name, unit: null };
    const saved = [
      await aPerson(db, { schemeId: otherScheme, name: 'Mo Saved', status: 'waiting' }),
      await aPerson(db, { schemeId: otherScheme, name: 'Nia Saved', status: 'supported', dateOfBirth: '1990-01-01' }),
    ];
    const countOf = async () => (await db.owner.select().from(people).where(eq(people.schemeId, otherScheme))).length;
    const given = fc.record({
      who: fc.option(fc.constantFrom(0, 1)),
      name: fc.constantFrom('Mo Saved', 'Nia Saved', 'Oli New'),
      status: fc.constantFrom('Waiting for a match', 'Supported', ''),
      phone: fc.option(fc.constantFrom('07700 900 001', '07700 900 002')),
      area: fc.option(fc.constantFrom('Riverside', 'Hilltop')),
      dateOfBirth: fc.constantFrom(null, null, null, null, null, '01/01/1990', '02/02/2002'),
      worker: fc.constantFrom(...Array<string>(11).fill(manager.email), 'nobody@example.org'),
    });
    const file = fc.array(given, { maxLength: 6 }).map((rows) => {
      const seen = new Set<number>();
      return toCsv([
        HEADINGS,
        ...rows.map((r) => {
          const id = r.who !== null && !seen.has(r.who) ? (seen.add(r.who), saved[r.who]!.id) : '';
          // Someone saved keeps their status: one the file changed would be refused.
          const status = id ? '' : r.status;
          return row({
            Name: r.name,
            Status: status,
            'Kinds of support': status === 'Supported' ? 'Live-in (long-term)' : '',
            Phone: r.phone ?? '',
            Area: r.area ?? '',
            'Date of birth': r.dateOfBirth ?? '',
            'Worker email': r.worker,
            'Hearth ID': id,
          });
        }),
      ]);
    });
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const preview = peopleCsv.preview(text);
        if (!preview.ok) return;
        const before = await countOf();
        const checked = await service.plan(actor, preview);
        if (checked.problems.length) {
          await expect(service.import(actor, preview)).rejects.toEqual(new CsvRowsProblem(checked.problems));
          expect(await countOf()).toBe(before);
          return;
        }
        const counts = await service.import(actor, preview);
        imported++;
        expect(counts).toEqual(countsOf(checked));
        expect(await countOf()).toBe(before + counts.added);
        const again = countsOf(await service.plan(actor, preview));
        const fresh = preview.ready.filter((r) => !r.hearthId).length;
        expect(again).toEqual({ added: fresh, changed: 0, unchanged: preview.ready.length - fresh });
      }),
      { numRuns: 25 },
    );
    expect(imported).toBeGreaterThan(3);
  });

  it('lets only staff import or export', async () => {
    for (const role of ['person', 'circle_member', 'carer', 'commissioner'] as const) {
      const user = await aUser(db, { role, schemeId });
      const visitor = new Visitor(app);
      await visitor.signIn(user.email);
      expect((await visitor.get('/people/export.csv')).statusCode).toBe(403);
      expect((await visitor.get('/people/import')).statusCode).toBe(403);
    }
  });
});
