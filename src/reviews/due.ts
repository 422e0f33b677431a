import { and, ne, sql, type SQLWrapper } from 'drizzle-orm';
import { carerName, visibleArrangements, withCarer, workerIs } from '../arrangements/access.js';
import { isStaff } from '../platform/permissions/staff.js';
import { arrangements } from '../arrangements/schema.js';
import { carers } from '../carers/schema.js';
import type { DueProvider } from '../due/due.js';
import { people } from '../people/schema.js';
import { reviewScheduleSql } from './schedule-sql.js';
import { DEFAULT_REVIEW_SETTINGS } from './schedule.js';
import { arrangementReviews, reviewSettings } from './schema.js';

const KIND_NAMES = { arrangement_visit: 'Visit', arrangement_review: 'Arrangement review' } as const;

const setting = (column: SQLWrapper, fallback: number) => sql`coalesce(${column}, ${fallback}::int)`;

/**
 * Reviews' part of "What is due": each live arrangement's next visit and next review, from the
 * scheme's schedule, when overdue or due in 30 days. Staff see their scheme's; a carer their own.
 */
export function reviewsDue(): DueProvider {
  return {
    kinds: KIND_NAMES,
    items: (actor, today, worker) => sql`
      select 'arrangement_' || due.kind as kind, case due.kind when 'visit' then 'Monthly visit' else 'Review of the arrangement' end as title,
        coalesce(live.person_name || ' with ' || live.carer_name, live.person_name) as who, live.worker_user_id, due.due_on, due.status,
        live.id as subject_id, null::text as detail
      from (
        select ${arrangements.id} as id, ${arrangements.startsOn} as starts_on, ${arrangements.workerUserId} as worker_user_id, ${people.name} as person_name,
          ${carerName} as carer_name,
          ${setting(reviewSettings.visitMonths, DEFAULT_REVIEW_SETTINGS.visitMonths)} as visit_months,
          ${setting(reviewSettings.firstReviewWeeks, DEFAULT_REVIEW_SETTINGS.firstReviewWeeks)} as first_review_weeks,
          ${setting(reviewSettings.reviewEveryMonths, DEFAULT_REVIEW_SETTINGS.reviewEveryMonths)} as review_every_months,
          (select max(${arrangementReviews.heldOn}) from ${arrangementReviews} where ${arrangementReviews.arrangementId} = ${arrangements.id}
            and (${arrangementReviews.kind} = 'visit' or ${arrangementReviews.completedAt} is not null)) as last_contact,
          (select max(${arrangementReviews.heldOn}) from ${arrangementReviews} where ${arrangementReviews.arrangementId} = ${arrangements.id}
            and ${arrangementReviews.kind} = 'review' and ${arrangementReviews.completedAt} is not null) as last_review
        from ${arrangements}
        join ${people} on ${people.id} = ${arrangements.personId}
        left join ${carers} on ${withCarer}
        left join ${reviewSettings} on ${reviewSettings.schemeId} = ${arrangements.schemeId}
        where ${and(visibleArrangements(actor), ne(arrangements.status, 'ended'), workerIs(worker))}
      ) live
      cross join lateral ${reviewScheduleSql(
        {
          visitMonths: sql`live.visit_months`,
          firstReviewWeeks: sql`live.first_review_weeks`,
          reviewEveryMonths: sql`live.review_every_months`,
        },
        sql`live.starts_on`,
        sql`live.last_contact`,
        sql`live.last_review`,
        today,
      )} due
      where due.status <> 'ok'`,
    show: (row, actor) => ({
      kind: row.kind,
      kindName: KIND_NAMES[row.kind as keyof typeof KIND_NAMES],
      title: row.title,
      who: row.who,
      whoHref: `/arrangements/${row.subjectId}`,
      workerUserId: row.workerUserId,
      dueOn: row.dueOn,
      status: row.status,
      action: isStaff(actor)
        ? {
            text: row.kind === 'arrangement_visit' ? 'Record visit' : 'Plan or complete review',
            href: `/arrangements/${row.subjectId}/reviews`,
          }
        : { text: 'See reviews', href: `/arrangements/${row.subjectId}/reviews` },
    }),
  };
}
