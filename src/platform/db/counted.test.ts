import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../testing/database.js';
import { withTotal } from './counted.js';
import { rowsOf, type Database } from './database.js';

describe('a page of a list with its total, in one query', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => db.close());

  const pageOf = async (of: number, page: number, size = 3) => {
    const rows = await rowsOf<{ n: number; total: number }>(
      db.owner,
      sql`select n, (count(*) over ())::int as total from generate_series(1, ${of}) n order by n limit ${size} offset ${(page - 1) * size}`,
    );
    let countedAlone = false;
    const result = await withTotal(rows, page, () => {
      countedAlone = true;
      return Promise.resolve(of);
    });
    return { ...result, countedAlone };
  };

  it('counts every row the query matches, not just the page, and leaves the count out of the rows', async () => {
    expect(await pageOf(7, 1)).toEqual({ total: 7, rows: [{ n: 1 }, { n: 2 }, { n: 3 }], countedAlone: false });
    expect(await pageOf(7, 3)).toEqual({ total: 7, rows: [{ n: 7 }], countedAlone: false });
  });

  it('counts alone only for a page past the end, and an empty list is empty', async () => {
    expect(await pageOf(7, 4)).toEqual({ total: 7, rows: [], countedAlone: true });
    expect(await pageOf(0, 1)).toEqual({ total: 0, rows: [], countedAlone: false });
  });
});
