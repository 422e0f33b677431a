import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCarer } from '../carers/testing.js';
import { aProposal } from '../matching/testing.js';
import { aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { rowsOf } from '../platform/db/database.js';
import { todayInUk } from '../platform/dates.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { publishedCount } from './service.js';

const YEAR = todayInUk().slice(0, 4);

/** The figures table's rows: what is counted, and the count shown. */
const figuresIn = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>\s*<td[^>]*>([^<]+)<\/td>/g)].map((m) => [
      m[1]!,
      m[2]!.trim(),
    ]),
  );

describe('a commissioner’s and an Ambassador’s home', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let commissioner: Visitor;
  let ambassador: Visitor;
  let schemeId: string;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const scheme = await aScheme(db, { name: 'Testford Shared Lives' });
    const other = await aScheme(db);
    schemeId = scheme.id;
    const worker = await aUser(db, { role: 'scheme_worker', schemeId });
    const carer = await aCarer(db, { schemeId, stage: 'approved' });
    for (let i = 0; i < 4; i++) await aPerson(db, { schemeId, status: 'supported' });
    for (let i = 0; i < 7; i++) await aPerson(db, { schemeId, status: 'waiting' });
    for (let i = 0; i < 9; i++) await aPerson(db, { schemeId: other.id, status: 'supported' });
    // Five people matched this year (one of them with two carers), and one matched last year.
    const agreed = async (personId: string, on: string, carerId = carer.id) => {
      const answeredAt = new Date(`${on}T10:00:00Z`);
      await aProposal(db, {
        schemeId,
        personId,
        carerId,
        proposedByUserId: worker.id,
        personAnswer: 'yes',
        personAnsweredAt: answeredAt,
        carerAnswer: 'yes',
        carerAnsweredAt: answeredAt,
        agreedOn: on,
        startsOn: on,
      });
    };
    for (let i = 1; i <= 5; i++) await agreed((await aPerson(db, { schemeId, status: 'introductions' })).id, `${YEAR}-01-0${i}`);
    const twice = await aPerson(db, { schemeId, status: 'introductions' });
    await agreed(twice.id, `${YEAR}-02-01`);
    await agreed(twice.id, `${YEAR}-02-02`, (await aCarer(db, { schemeId, stage: 'approved' })).id);
    await agreed((await aPerson(db, { schemeId, status: 'introductions' })).id, `${Number(YEAR) - 1}-12-31`);

    commissioner = new Visitor(app);
    await commissioner.signIn((await aUser(db, { role: 'commissioner', schemeId })).email);
    ambassador = new Visitor(app);
    await ambassador.signIn((await aUser(db, { role: 'ambassador', schemeId })).email);
  });
  afterAll(async () => close());

  it('shows a commissioner the scheme’s figures, with counts under 5 said as “fewer than 5”', async () => {
    const home = await commissioner.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Testford Shared Lives in figures');
    expect(figuresIn(home.body)).toEqual({
      'Supported by a Shared Lives carer now': 'fewer than 5',
      'Waiting for a match now': '7',
      [`Matched with a carer in ${YEAR} (since 1 January)`]: '6',
    });
    expect(home.body).not.toMatch(/>\s*4\s*</);
  });

  it('never gives a count under 5 from the database, and gives figures to no one but a commissioner', async () => {
    const as = (role: 'commissioner' | 'scheme_worker') =>
      db.inScope({ schemeId, userId: null, role }, (tx) =>
        rowsOf<{ supported: number | null; waiting: number | null; matched: number | null }>(
          tx,
          sql`select * from hearth_scheme_figures(${`${YEAR}-01-01`}::date)`,
        ),
      );
    expect(await as('commissioner')).toEqual([{ supported: null, waiting: 7, matched: 6 }]);
    expect(await as('scheme_worker')).toEqual([]);
  });

  it('says counts in words: a number, or “fewer than 5” for anything under 5', () => {
    expect([0, 1, 4, null].map(publishedCount)).toEqual(['fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5']);
    expect([5, 1234].map(publishedCount)).toEqual(['5', '1,234']);
  });

  it.each([
    ['commissioner', () => commissioner],
    ['Ambassador', () => ambassador],
  ])('gives the %s what exists for them, every link working, and no page of “coming soon”', async (_who, visitor) => {
    const home = await visitor().get('/');
    expect(home.body).not.toContain('Coming soon');
    expect(home.body).not.toContain('What you can do');
    const links = [...home.body.matchAll(/<main[\s\S]*<\/main>/g)].flatMap((main) =>
      [...main[0].matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]!),
    );
    expect(links).toEqual(expect.arrayContaining(['/accessibility', '/account', '/help/easy-read']));
    for (const link of links) expect((await visitor().get(link)).statusCode, link).toBe(200);
  });

  it('shows an Ambassador no figures', async () => {
    expect((await ambassador.get('/')).body).not.toContain('in figures');
  });
});
