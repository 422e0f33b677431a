import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../platform/db/database.js';
import { testDatabase } from '../../platform/testing/database.js';
import { addDays, addMonths, type IsoDate } from '../../platform/dates.js';
import { isAdult } from '../household.js';
import { bestFirstSql, countsSql, isAdultSql, requirementStatusSql, statusOnSql } from './expiry-sql.js';
import { OUTCOMES, requirementStatus, statusOn } from './expiry.js';

/** The SQL forms of the expiry rules give what the pure functions give, on generated data. */
describe('the expiry rules in SQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => db.close());

  const day = (today: IsoDate, spread: number) => fc.integer({ min: -spread, max: spread }).map((n) => addDays(today, n));
  const aToday = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2023-01-01', n));

  it('says overdue, due soon or ok as statusOn does', async () => {
    await fc.assert(
      fc.asyncProperty(
        aToday.chain((today) => fc.tuple(fc.constant(today), fc.array(fc.option(day(today, 60)), { minLength: 1, maxLength: 40 }))),
        async ([today, dates]) => {
          const rows = await rowsOf<{ status: string }>(
            db.owner,
            sql`select ${statusOnSql(sql`d.due_on`, today)} as status
        from jsonb_to_recordset(${JSON.stringify(dates.map((due_on, i) => ({ i, due_on })))}::jsonb) as d(i int, due_on date) order by d.i`,
          );
          expect(rows.map((r) => r.status)).toEqual(dates.map((d) => statusOn(d, today)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('judges a requirement by its best records as requirementStatus does', async () => {
    const aCase = (today: IsoDate) =>
      fc.record({
        howMany: fc.integer({ min: 1, max: 3 }),
        records: fc.array(
          fc.record({ completedOn: day(today, 800), expiresOn: fc.option(day(today, 400)), outcome: fc.constantFrom(...OUTCOMES) }),
          { maxLength: 6 },
        ),
      });
    await fc.assert(
      fc.asyncProperty(
        aToday.chain((today) => fc.tuple(fc.constant(today), fc.array(aCase(today), { minLength: 1, maxLength: 20 }))),
        async ([today, cases]) => {
          const json = JSON.stringify(
            cases.map((c, i) => ({
              i,
              how_many: c.howMany,
              records: c.records.map((r) => ({ completed_on: r.completedOn, expires_on: r.expiresOn, outcome: r.outcome })),
            })),
          );
          const record = { expiresOn: sql`e.expires_on`, completedOn: sql`e.completed_on`, outcome: sql`e.outcome` };
          const requirement = requirementStatusSql(sql`count(best.rank)`, sql`min(best.expires_on)`, sql`c.how_many`, today);
          const rows = await rowsOf<{ status: string; due_on: string | null }>(
            db.owner,
            sql`select ${requirement.status} as status, ${requirement.dueOn}::text as due_on
        from jsonb_to_recordset(${json}::jsonb) as c(i int, how_many int, records jsonb)
        left join lateral (select e.expires_on, row_number() over (order by ${bestFirstSql(record)}) as rank
          from jsonb_to_recordset(c.records) as e(expires_on date, completed_on date, outcome text) where ${countsSql(record, today)}) best on best.rank <= c.how_many
        group by c.i, c.how_many
        order by c.i`,
          );
          expect(rows).toEqual(
            cases.map((c) => {
              const { status, dueOn } = requirementStatus(c.records, c.howMany, today);
              return { status, due_on: dueOn };
            }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('says who is an adult as isAdult does, birthdays on 29 February too', async () => {
    const born = (today: IsoDate) =>
      fc.oneof(day(addMonths(today, -12 * 18), 3), fc.constantFrom('2004-02-29', '2008-02-29', '2008-03-01', '2008-02-28'));
    const todays = fc.oneof(aToday, fc.constantFrom('2026-02-28', '2026-03-01', '2024-02-29', '2025-02-28'));
    await fc.assert(
      fc.asyncProperty(
        todays.chain((today) => fc.tuple(fc.constant(today), fc.array(born(today), { minLength: 1, maxLength: 30 }))),
        async ([today, births]) => {
          const rows = await rowsOf<{ adult: boolean }>(
            db.owner,
            sql`select ${isAdultSql(sql`b.born`, today)} as adult
        from jsonb_to_recordset(${JSON.stringify(births.map((b, i) => ({ i, born: b })))}::jsonb) as b(i int, born date) order by b.i`,
          );
          expect(rows.map((r) => r.adult)).toEqual(births.map((b) => isAdult(b, today)));
        },
      ),
      { numRuns: 40 },
    );
  });
});
