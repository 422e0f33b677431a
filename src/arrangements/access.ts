import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import type { Actor } from '../platform/http/types.js';
import { carers } from '../carers/schema.js';
import { arrangements } from './schema.js';
import { isStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

export type ArrangementRow = typeof arrangements.$inferSelect;

/**
 * The carer's name on an arrangement: from carers' records for those who may read them (staff, the
 * carer), otherwise through hearth_arrangement_carer_name (the person, their circle). The query
 * needs `withCarer` (a left join to carers); coalesce stops at the first name it finds, so staff
 * lists never call the function, which costs a permission check per row.
 */
export const carerName = sql<
  string | null
>`coalesce(${carers.name}, hearth_arrangement_carer_name(${arrangements.carerId}, ${arrangements.personId}))`;
export const withCarer = eq(carers.id, arrangements.carerId);

/**
 * Which arrangements an actor sees, said in the query as well as by row-level security (so a
 * list's count and its rows agree): the scheme's for staff; a carer's own; the person's own; for
 * someone in a circle of support, those of the people who consented to share with them.
 */
export function visibleArrangements(actor: Actor): SQL {
  const { schemeId, userId } = actor;
  if (!schemeId || !userId) return sql`false`;
  const inScheme = eq(arrangements.schemeId, schemeId);
  if (isStaff(actor)) return inScheme;
  if (actor.role === 'carer')
    return and(inScheme, sql`exists (select 1 from carers c where c.id = ${arrangements.carerId} and c.user_id = ${userId})`)!;
  if (actor.role === 'person' || actor.role === 'circle_member')
    return and(inScheme, sql`hearth_may_see_person(${arrangements.personId}, 'any')`)!;
  return sql`false`;
}

/** A worker's own caseload and the arrangements with no worker yet; a manager's, the whole scheme (as forWhom in src/attention says). */
export function onCaseload(actor: Actor): SQL | undefined {
  if (actor.role === 'scheme_manager') return undefined;
  const none = isNull(arrangements.workerUserId);
  return actor.userId ? or(none, eq(arrangements.workerUserId, actor.userId)) : none;
}

/** Arrangements of one worker, or with no worker yet ('none'); any, without one. */
export function workerIs(worker: string | undefined): SQL | undefined {
  return worker === 'none' ? isNull(arrangements.workerUserId) : worker ? eq(arrangements.workerUserId, worker) : undefined;
}

/** An arrangement, if this actor may see it; otherwise not found (never "forbidden", which would say it exists). */
export async function arrangementFor(tx: Tx, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<ArrangementRow> {
  const query = tx
    .select()
    .from(arrangements)
    .where(and(eq(arrangements.id, id), visibleArrangements(actor)));
  const [row] = options.lock ? await query.for('update') : await prepared(query);
  if (!row) throw notFound();
  return row;
}
