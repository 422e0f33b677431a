import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { CsvRowsProblem, defineCsv } from './define.js';
import { csvImportRoutes } from './routes.js';

type Thing = { name: string; size: number };
const things = defineCsv<Thing>({
  name: 'things',
  columns: [
    { header: 'Name', field: 'name', schema: z.string({ error: 'Enter a name' }), example: 'Teapot' },
    { header: 'Size', field: 'size', schema: z.coerce.number({ error: 'Enter a size in numbers' }), example: '3' },
  ],
});

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
      csv: things,
      save: (_actor, rows) => {
        if (rows.some((r) => r.name === 'Clash'))
          return Promise.reject(new CsvRowsProblem([{ rowNumber: 2, column: 'Name', message: 'Already saved' }]));
        saved.push(rows);
        return Promise.resolve({ count: rows.length });
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

  it('previews good rows, then imports them all on confirm', async () => {
    const response = await upload('Name,Size\nCup,1\n"Jug, large",4\n');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 things are ready to import');
    manager.csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)![1]!;
    const csv = /name="csv" value="([^"]*)"/
      .exec(response.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#10;/g, '\n');
    const confirmed = await manager.post('/things/import/confirm', { csv });
    expect(confirmed.statusCode).toBe(302);
    expect(confirmed.headers.location).toBe('/things?imported=2');
    expect(saved.at(-1)).toEqual([
      { name: 'Cup', size: 1 },
      { name: 'Jug, large', size: 4 },
    ]);
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
