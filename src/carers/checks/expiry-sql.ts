import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../platform/dates.js';
import { ADULT_AGE } from '../household.js';
import { DUE_SOON_DAYS } from './expiry.js';

/**
 * The expiry rules of expiry.ts and household.ts said once more in SQL, so a list of what is due is
 * filtered, sorted and paged by the database. expiry-sql.test.ts checks each against its pure
 * function on generated data: change one, and that test says so until the other follows.
 */

/** statusOn: overdue once the date has passed, due soon within 30 days, otherwise ok (also with no date). */
export const statusOnSql = (dueOn: SQL, today: IsoDate): SQL => sql`(case when ${dueOn} is null then 'ok'
  when ${dueOn} < ${today}::date then 'overdue' when ${dueOn} - ${today}::date <= ${DUE_SOON_DAYS}::int then 'due_soon' else 'ok' end)`;

/** Columns of a check record, as a query names them. */
export interface RecordColumns {
  expiresOn: SQL;
  completedOn: SQL;
  outcome: SQL;
}

/** Records that count towards a requirement (`counts`), done by today. */
export const countsSql = (record: RecordColumns, today: IsoDate): SQL =>
  sql`(${record.outcome}::text <> 'unsatisfactory' and ${record.completedOn} <= ${today}::date)`;

/** laterExpiryFirst: a requirement's records, best first (never expiring, then the latest expiry, then the latest done). */
export const bestFirstSql = (record: RecordColumns): SQL => sql`${record.expiresOn} desc nulls first, ${record.completedOn} desc`;

/**
 * requirementStatus, from how many of the best `howMany` records count (`counted`) and the earliest
 * expiry among them: the status, and the date it is due (null when missing).
 */
export const requirementStatusSql = (counted: SQL, earliest: SQL, howMany: SQL, today: IsoDate) => ({
  status: sql`(case when ${counted} < ${howMany} then 'missing' else ${statusOnSql(earliest, today)} end)`,
  dueOn: sql`(case when ${counted} < ${howMany} then null else ${earliest} end)`,
});

/** isAdult: whole years of age on `today` (ageOn) of at least 18. */
export const isAdultSql = (
  dateOfBirth: SQL,
  today: IsoDate,
): SQL => sql`(extract(year from ${today}::date) - extract(year from ${dateOfBirth})
  - (to_char(${today}::date, 'MMDD') < to_char(${dateOfBirth}, 'MMDD'))::int >= ${ADULT_AGE}::int)`;
