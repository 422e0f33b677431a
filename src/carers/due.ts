import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DueProvider } from '../due/due.js';
import type { Actor } from '../platform/http/types.js';
import { visibleCarers } from './access.js';
import { isStaff } from '../platform/permissions/staff.js';
import { bestFirstSql, countsSql, isAdultSql, requirementStatusSql, statusOnSql } from './checks/expiry-sql.js';
import { checkRecords, checkTypes } from './checks/schema.js';
import { addDays, type IsoDate } from '../platform/dates.js';
import { carers, householdMembers } from './schema.js';
import { CURRENT } from './stages.js';

const KIND_NAMES = { check: 'Check', training: 'Training', review: 'Yearly review' } as const;

const current = (actor: Actor, worker: string | undefined) =>
  and(
    visibleCarers(actor),
    inArray(carers.stage, [...CURRENT]),
    worker === 'none' ? isNull(carers.workerUserId) : worker ? eq(carers.workerUserId, worker) : undefined,
  )!;

/**
 * Each active check and course of the carer's scheme, for the carer and (for a check every adult
 * needs) each adult living with them today, judged by the rules of checks/expiry.ts: those overdue,
 * due soon, or missing and required. Set by set, not carer by carer: the best records of each
 * person and check are ranked in one pass. `detail` is the check type, and the household member if any.
 */
const checksDue = (actor: Actor, today: IsoDate, worker: string | undefined) => {
  const record = {
    expiresOn: sql`${checkRecords.expiresOn}`,
    completedOn: sql`${checkRecords.completedOn}`,
    outcome: sql`${checkRecords.outcome}`,
  };
  const requirement = requirementStatusSql(sql`coalesce(best.counted, 0)`, sql`best.earliest`, sql`types.how_many`, today);
  return sql`with current_carers as materialized (
      select ${carers.id} as id, ${carers.name} as name, ${carers.workerUserId} as worker_user_id, ${carers.schemeId} as scheme_id from ${carers} where ${current(actor, worker)}),
    types as materialized (
      select ${checkTypes.id} as id, ${checkTypes.schemeId} as scheme_id, ${checkTypes.kind}::text as kind, ${checkTypes.name} as name, ${checkTypes.howMany} as how_many,
        ${checkTypes.required} as required, ${checkTypes.appliesTo} = 'every_adult' as every_adult
      from ${checkTypes} where ${checkTypes.active}),
    people as materialized (
      select c.id as carer_id, null::uuid as member_id, c.id as person_id, c.name as who, c.worker_user_id, c.scheme_id from current_carers c
      union all
      select c.id, ${householdMembers.id}, ${householdMembers.id}, ${householdMembers.name} || ' (in ' || c.name || '’s household)', c.worker_user_id, c.scheme_id
      from ${householdMembers} join current_carers c on c.id = ${householdMembers.carerId}
      where (${householdMembers.movedOutOn} is null or ${householdMembers.movedOutOn} > ${today}::date) and ${isAdultSql(sql`${householdMembers.dateOfBirth}`, today)}),
    ranked as (
      select coalesce(${checkRecords.householdMemberId}, ${checkRecords.carerId}) as person_id, ${checkRecords.checkTypeId} as check_type_id, ${checkRecords.expiresOn} as expires_on,
        row_number() over (partition by ${checkRecords.carerId}, ${checkRecords.checkTypeId}, ${checkRecords.householdMemberId} order by ${bestFirstSql(record)}) as rank
      from ${checkRecords} join current_carers c on c.id = ${checkRecords.carerId}
      where ${countsSql(record, today)}),
    best as (
      select ranked.person_id, ranked.check_type_id, count(*)::int as counted, min(ranked.expires_on) as earliest
      from ranked join types on types.id = ranked.check_type_id
      where ranked.rank <= types.how_many
      group by ranked.person_id, ranked.check_type_id)
  select kind, title, who, worker_user_id, due_on, status, subject_id, detail from (
    select types.kind, case when types.how_many > 1 then types.name || ' (' || types.how_many || ' needed)' else types.name end as title,
      people.who, people.worker_user_id, ${requirement.dueOn} as due_on, ${requirement.status} as status, people.carer_id as subject_id,
      types.id || coalesce(' ' || people.member_id, '') as detail, types.required
    from people
    join types on types.scheme_id = people.scheme_id and (people.member_id is null or types.every_adult)
    left join best on best.person_id = people.person_id and best.check_type_id = types.id) requirements
  where status in ('overdue', 'due_soon') or (status = 'missing' and required)`;
};

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
    items: (actor, today, worker) => sql`(${checksDue(actor, today, worker)}) union all (${reviewsDue(actor, today, worker)})`,
    show: (row, actor) => {
      const staff = isStaff(actor);
      const base = {
        kind: row.kind,
        kindName: KIND_NAMES[row.kind as keyof typeof KIND_NAMES],
        title: row.title,
        who: row.who,
        whoHref: `/carers/${row.subjectId}`,
        workerUserId: row.workerUserId,
        dueOn: row.dueOn,
        status: row.status,
      };
      if (row.kind === 'review') {
        return {
          ...base,
          action: staff
            ? { text: 'Record review', href: `/carers/${row.subjectId}/reviews/new` }
            : { text: 'See your reviews', href: `/carers/${row.subjectId}/reviews` },
        };
      }
      const [type, member] = (row.detail ?? '').split(' ');
      return {
        ...base,
        action: staff
          ? {
              text: `Record ${row.kind === 'training' ? 'training' : 'check'}`,
              href: `/carers/${row.subjectId}/checks/new?type=${type}${member ? `&member=${member}` : ''}`,
            }
          : { text: 'See your checks', href: `/carers/${row.subjectId}/checks` },
      };
    },
  };
}
