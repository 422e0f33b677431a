import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../platform/dates.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import { testDatabase } from '../platform/testing/database.js';
import { reviewScheduleSql } from './schedule-sql.js';
import { reviewSchedule } from './schedule.js';

/** The schedule in SQL gives what reviewSchedule gives, on generated arrangements, contacts and settings. */
describe('the review schedule in SQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => db.close());

  const aDay = (from: IsoDate, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
  const aCase = fc.record({
    settings: fc.record({
      visitMonths: fc.integer({ min: 0, max: 24 }),
      firstReviewWeeks: fc.integer({ min: 1, max: 52 }),
      reviewEveryMonths: fc.integer({ min: 1, max: 36 }),
    }),
    startsOn: aDay('2024-01-01', 900),
    contacts: fc.array(fc.record({ kind: fc.constantFrom('visit' as const, 'review' as const), on: aDay('2023-11-01', 1200) }), {
      maxLength: 5,
    }),
  });

  it('dates the next visit and review, and says which are due, as reviewSchedule does', async () => {
    await fc.assert(
      fc.asyncProperty(aDay('2024-06-01', 900), fc.array(aCase, { minLength: 1, maxLength: 20 }), async (today, cases) => {
        const json = JSON.stringify(
          cases.map((c, i) => ({
            i,
            visit_months: c.settings.visitMonths,
            first_review_weeks: c.settings.firstReviewWeeks,
            review_every_months: c.settings.reviewEveryMonths,
            starts_on: c.startsOn,
            contacts: c.contacts,
          })),
        );
        const rows = await rowsOf<{ i: number; kind: string; due_on: string; status: string }>(
          db.owner,
          sql`select c.i, s.kind, s.due_on::text as due_on, s.status
        from jsonb_to_recordset(${json}::jsonb) as c(i int, visit_months int, first_review_weeks int, review_every_months int, starts_on date, contacts jsonb)
        cross join lateral (select max(k."on") as last_contact, max(k."on") filter (where k.kind = 'review') as last_review
          from jsonb_to_recordset(c.contacts) as k(kind text, "on" date)) last
        cross join lateral ${reviewScheduleSql(
          { visitMonths: sql`c.visit_months`, firstReviewWeeks: sql`c.first_review_weeks`, reviewEveryMonths: sql`c.review_every_months` },
          sql`c.starts_on`,
          sql`last.last_contact`,
          sql`last.last_review`,
          today,
        )} s
        order by c.i, s.kind desc`,
        );
        const expected = cases.flatMap((c, i) => {
          const schedule = reviewSchedule(c.settings, c.startsOn, c.contacts, today);
          return [schedule.visit, schedule.review]
            .filter((d) => d !== null)
            .map((d) => ({ i, kind: d.kind, due_on: d.dueOn, status: d.status }));
        });
        expect(rows).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
