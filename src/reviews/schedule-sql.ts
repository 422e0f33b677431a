import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../platform/dates.js';
import { statusOnSql } from '../carers/checks/expiry-sql.js';

/** The scheme's schedule as SQL columns (from review_settings, or the defaults where it has none). */
export interface ScheduleSettingsSql {
  visitMonths: SQL;
  firstReviewWeeks: SQL;
  reviewEveryMonths: SQL;
}

const addMonthsSql = (date: SQL, months: SQL) => sql`(${date} + make_interval(months => ${months}))::date`;

/**
 * reviewSchedule (schedule.ts) said once more in SQL, for "What is due": from the arrangement's start
 * and its latest contact (a visit or completed review) and latest completed review, a subquery of
 * rows (kind, due_on, status), one for the next visit while visits last, one for the next review.
 * schedule-sql.test.ts checks it against reviewSchedule on generated data.
 */
export function reviewScheduleSql(settings: ScheduleSettingsSql, startsOn: SQL, lastContact: SQL, lastReview: SQL, today: IsoDate): SQL {
  const contactSince = sql`(case when ${lastContact} >= ${startsOn} then ${lastContact} else ${startsOn} end)`;
  const reviewSince = sql`(case when ${lastReview} >= ${startsOn} then ${lastReview} end)`;
  const visitOn = addMonthsSql(contactSince, sql`1`);
  const firstReviewOn = sql`(${startsOn} + 7 * ${settings.firstReviewWeeks})`;
  const reviewOn = sql`greatest(coalesce(${addMonthsSql(reviewSince, settings.reviewEveryMonths)}, ${firstReviewOn}), ${firstReviewOn})`;
  const visitDue = sql`(case when ${settings.visitMonths} > 0 and ${visitOn} <= ${addMonthsSql(startsOn, settings.visitMonths)} then ${visitOn} end)`;
  return sql`(select schedule.kind, schedule.due_on, ${statusOnSql(sql`schedule.due_on`, today)} as status
    from (values ('visit'::text, ${visitDue}), ('review'::text, ${reviewOn})) as schedule (kind, due_on)
    where schedule.due_on is not null)`;
}
