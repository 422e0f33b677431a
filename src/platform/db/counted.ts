import { sql } from 'drizzle-orm';

/** A column counting every row the query matches before its limit: a page of a list and its total in one query. */
export const totalRows = () => sql<number>`count(*) over ()`.mapWith(Number);

/**
 * A page of rows that each carry `total` (totalRows), as the total and the rows without it. A page
 * past the end has no row to carry the total, so only then is it counted alone.
 */
export async function withTotal<T extends { total: number }>(
  rows: T[],
  page: number,
  countAlone: () => Promise<number>,
): Promise<{ total: number; rows: Omit<T, 'total'>[] }> {
  const total = rows[0]?.total ?? (page > 1 ? await countAlone() : 0);
  return { total, rows: rows.map(({ total: _total, ...row }) => row) };
}
