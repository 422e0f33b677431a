import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../dates.js';
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

/**
 * requirementStatus, as a subquery of one row (status, due_on) over `evidence`, a table of records
 * (expires_on, completed_on, outcome): the best `howMany` records that count, and the earliest expiry among them.
 */
export const requirementStatusSql = (evidence: SQL, howMany: SQL, today: IsoDate): SQL => sql`(
  select case when count(*) < ${howMany} then 'missing' else ${statusOnSql(sql`min(counted.expires_on)`, today)} end as status,
    case when count(*) < ${howMany} then null else min(counted.expires_on) end as due_on
  from (select e.expires_on from ${evidence} e where e.outcome::text <> 'unsatisfactory' and e.completed_on <= ${today}::date
    order by e.expires_on desc nulls first, e.completed_on desc limit ${howMany}) counted)`;

/** isAdult: whole years of age on `today` (ageOn) of at least 18. */
export const isAdultSql = (dateOfBirth: SQL, today: IsoDate): SQL => sql`(extract(year from ${today}::date) - extract(year from ${dateOfBirth})
  - (to_char(${today}::date, 'MMDD') < to_char(${dateOfBirth}, 'MMDD'))::int >= ${ADULT_AGE}::int)`;
