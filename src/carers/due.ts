import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DueProvider } from '../due/due.js';
import type { Actor } from '../platform/http/types.js';
import { isStaffActor, visibleCarers } from './access.js';
import { isAdultSql, requirementStatusSql, statusOnSql } from './checks/expiry-sql.js';
import { checkRecords, checkTypes } from './checks/schema.js';
import { addDays, type IsoDate } from './dates.js';
import { carers, householdMembers } from './schema.js';
import { CURRENT } from './stages.js';

const KIND_NAMES = { check: 'Check', training: 'Training', review: 'Yearly review' } as const;

const current = (actor: Actor, worker: string | undefined) =>
  and(visibleCarers(actor), inArray(carers.stage, [...CURRENT]), worker === 'none' ? isNull(carers.workerUserId) : worker ? eq(carers.workerUserId, worker) : undefined)!;

/**
 * Each active check and course of the carer's scheme, for the carer and (for a check every adult
 * needs) each adult living with them today, judged by the rules of checks/expiry.ts: those overdue,
 * due soon, or missing and required. `detail` is the check type, and the household member if any.
 */
const checksDue = (actor: Actor, today: IsoDate, worker: string | undefined) => sql`
  select ${checkTypes.kind}::text as kind,
    case when ${checkTypes.howMany} > 1 then ${checkTypes.name} || ' (' || ${checkTypes.howMany} || ' needed)' else ${checkTypes.name} end as title,
    case when who.member_id is null then ${carers.name} else who.name || ' (in ' || ${carers.name} || '’s household)' end as who,
    ${carers.workerUserId} as worker_user_id, requirement.due_on, requirement.status, ${carers.id} as subject_id,
    ${checkTypes.id} || coalesce(' ' || who.member_id, '') as detail
  from ${carers}
  join ${checkTypes} on ${checkTypes.schemeId} = ${carers.schemeId} and ${checkTypes.active}
  cross join lateral (
    select null::uuid as member_id, null::text as name
    union all
    select ${householdMembers.id}, ${householdMembers.name} from ${householdMembers}
    where ${checkTypes.appliesTo} = 'every_adult' and ${householdMembers.carerId} = ${carers.id}
      and (${householdMembers.movedOutOn} is null or ${householdMembers.movedOutOn} > ${today}::date) and ${isAdultSql(sql`${householdMembers.dateOfBirth}`, today)}
  ) who
  cross join lateral ${requirementStatusSql(sql`(
    select ${checkRecords.expiresOn} as expires_on, ${checkRecords.completedOn} as completed_on, ${checkRecords.outcome} as outcome from ${checkRecords}
    where ${checkRecords.carerId} = ${carers.id} and ${checkRecords.checkTypeId} = ${checkTypes.id} and ${checkRecords.householdMemberId} is not distinct from who.member_id)`,
    sql`${checkTypes.howMany}`, today)} requirement
  where ${current(actor, worker)}
    and (requirement.status in ('overdue', 'due_soon') or (requirement.status = 'missing' and ${checkTypes.required}))`;

/** Yearly carer reviews overdue or due in 30 days. */
const reviewsDue = (actor: Actor, today: IsoDate, worker: string | undefined) => sql`
  select * from (
    select 'review'::text as kind, 'Yearly carer review'::text as title, ${carers.name} as who, ${carers.workerUserId} as worker_user_id,
      ${carers.reviewDueOn} as due_on, ${statusOnSql(sql`${carers.reviewDueOn}`, today)} as status, ${carers.id} as subject_id, null::text as detail
    from ${carers}
    where ${current(actor, worker)} and ${carers.reviewDueOn} <= ${addDays(today, 30)}::date) reviews
  where status <> 'ok'`;

/** Carers' part of "What is due": checks and training of approved carers and their adults, and yearly reviews. */
export function carersDue(): DueProvider {
  return {
    kinds: KIND_NAMES,
    items: (actor, today, worker) => sql`${checksDue(actor, today, worker)} union all ${reviewsDue(actor, today, worker)}`,
    show: (row, actor) => {
      const staff = isStaffActor(actor);
      const base = { kind: row.kind, kindName: KIND_NAMES[row.kind as keyof typeof KIND_NAMES], title: row.title, who: row.who, whoHref: `/carers/${row.subjectId}`, workerUserId: row.workerUserId, dueOn: row.dueOn, status: row.status };
      if (row.kind === 'review') {
        return { ...base, action: staff ? { text: 'Record review', href: `/carers/${row.subjectId}/reviews/new` } : { text: 'See your reviews', href: `/carers/${row.subjectId}/reviews` } };
      }
      const [type, member] = (row.detail ?? '').split(' ');
      return {
        ...base,
        action: staff
          ? { text: `Record ${row.kind === 'training' ? 'training' : 'check'}`, href: `/carers/${row.subjectId}/checks/new?type=${type}${member ? `&member=${member}` : ''}` }
          : { text: 'See your checks', href: `/carers/${row.subjectId}/checks` },
      };
    },
  };
}
