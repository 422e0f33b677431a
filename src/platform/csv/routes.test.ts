import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { countsOf, CsvRowsProblem, defineCsv, type CsvPreview } from './define.js';
import { csvImportRoutes, importedMessage } from './routes.js';

type Thing = { name: string; size?: number };
const things = defineCsv<Thing>({
  name: 'things',
  columns: [
    { header: 'Name', field: 'name', schema: z.string({ error: 'Enter a name' }), example: 'Teapot', required: true, onUpdate: 'match' },
    { header: 'Size', field: 'size', schema: z.coerce.number({ error: 'Enter a size in numbers' }).optional(), example: '3' },
  ],
});

/** Things already saved, found by name. */
const shelf = new Map([
  ['Teapot', 3],
  ['Kettle', 2],
]);
const planOf = (preview: CsvPreview<Thing>) =>
  things.plan(preview, (row) => (shelf.has(row.name) ? { id: row.name, record: { name: row.name, size: shelf.get(row.name) } } : null));

function multipart(csrf: string, file: string | null) {
  const boundary = '----hearthtest';
  const parts = [`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`];
  if (file !== null)
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="things.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`,
    );
  parts.push(`--${boundary}--\r\n`);
  return { payload: parts.join(''), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('importing a spreadsheet', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let manager: Visitor;
  const saved: Thing[][] = [];

  beforeAll(async () => {
    let db;
    ({ app, db, close } = await testApp());
    csvImportRoutes(app, {
      base: '/things',
      permission: 'team.manage',
      noun: 'things',
      one: 'thing',
      csv: things,
      plan: (_actor, preview) => Promise.resolve(planOf(preview)),
      save: (_actor, preview) => {
        const plan = planOf(preview);
        if (plan.rows.some((r) => r.row.name === 'Clash'))
          return Promise.reject(new CsvRowsProblem([{ rowNumber: 2, column: 'Name', message: 'Already saved' }]));
        saved.push(plan.rows.map((r) => r.row));
        return Promise.resolve(countsOf(plan));
      },
    });
    const user = await aUser(db, { role: 'scheme_manager', schemeId: (await aScheme(db)).id });
    manager = new Visitor(app);
    await manager.signIn(user.email);
  });
  afterAll(async () => close());

  const upload = async (file: string | null) => {
    await manager.get('/things/import');
    const { payload, contentType } = multipart(manager.csrf, file);
    return app.inject({
      method: 'POST',
      url: '/things/import',
      payload,
      headers: { 'content-type': contentType, cookie: manager.cookieHeader() },
    });
  };

  it('offers the template to download', async () => {
    const response = await manager.get('/things/import/template.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="things-template.csv"');
    expect(response.body).toBe('\ufeffName,Size\r\nTeapot,3\r\n');
  });

  it('shows every row’s problems and saves nothing', async () => {
    const response = await upload('Name,Size\nCup,big\n,2\n');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('2 problems to fix: nothing has been imported');
    expect(response.body).toContain('Enter a size in numbers');
    expect(response.body).toContain('Enter a name');
    expect(saved).toEqual([]);
  });

  it('asks for a file when none is chosen', async () => {
    const response = await upload(null);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a CSV file to upload');
  });

  it('previews what each row will do, then does it on confirm', async () => {
    const response = await upload('Name,Size\nCup,1\n"Jug, large",4\nTeapot,3\nKettle,9\n');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 to add, 1 to change and 1 already as in Hearth');
    for (const action of ['Add', 'No change', 'Change Size'])
      expect(response.body).toContain(`<td class="govuk-table__cell">${action}</td>`);
    manager.csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)![1]!;
    const csv = /name="csv" value="([^"]*)"/
      .exec(response.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#10;/g, '\n');
    const confirmed = await manager.post('/things/import/confirm', { csv });
    expect(confirmed.statusCode).toBe(302);
    expect(confirmed.headers.location).toBe('/things?added=2&changed=1&unchanged=1');
    expect(saved.at(-1)).toEqual([
      { name: 'Cup', size: 1 },
      { name: 'Jug, large', size: 4 },
      { name: 'Teapot', size: 3 },
      { name: 'Kettle', size: 9 },
    ]);
  });

  it('reads a file without its optional columns, leaving what is saved as it is', async () => {
    const response = await upload('Name\nKettle\nMug\n');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('1 to add, 0 to change and 1 already as in Hearth');
    expect((await upload('Size\n3\n')).body).toContain('The column “Name” is missing');
  });

  it('says so when a file would change nothing, and offers no import', async () => {
    const response = await upload('Name,Size\nTeapot,3\nKettle,2\n');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Every row is already as in Hearth: importing this file would change nothing');
    expect(response.body).not.toContain('name="csv"');
  });

  it('says what an import did, in words', () => {
    const noun = { one: 'thing', many: 'things' };
    expect(importedMessage({ added: '2', changed: '1', unchanged: '5' }, noun)).toBe(
      '2 things added, 1 changed; 5 were already as in the file.',
    );
    expect(importedMessage({ added: '0', changed: '1', unchanged: '1' }, noun)).toBe('1 thing changed; 1 was already as in the file.');
    expect(importedMessage({ added: '0', changed: '0', unchanged: '3' }, noun)).toBe('Nothing changed: 3 were already as in the file.');
    expect(importedMessage({ added: 'lots' }, noun)).toBeNull();
  });

  it('checks the file again on confirm, and shows clashes found while saving', async () => {
    await manager.get('/things/import');
    const tampered = await manager.post('/things/import/confirm', { csv: 'Name,Size\nCup,lots\n' });
    expect(tampered.statusCode).toBe(400);
    const clash = await manager.post('/things/import/confirm', { csv: 'Name,Size\nClash,1\n' });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('Already saved');
  });
});
