import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import type { Actor } from '../platform/http/types.js';
import { carers } from './schema.js';
import { isStaff } from '../platform/permissions/staff.js';

export type CarerRow = typeof carers.$inferSelect;

/** Which carers an actor may see: the scheme's for staff, only their own for a carer, none for anyone else. */
export function visibleCarers(actor: Actor): SQL {
  if (!actor.schemeId) return sql`false`;
  const inScheme = eq(carers.schemeId, actor.schemeId);
  if (isStaff(actor)) return inScheme;
  if (actor.role === 'carer' && actor.userId) return and(inScheme, eq(carers.userId, actor.userId))!;
  return sql`false`;
}

/** A carer's record, if this actor may see it; otherwise not found (never "forbidden", which would say it exists). */
export async function carerFor(tx: Tx, actor: Actor, id: string): Promise<CarerRow> {
  const [row] = await tx
    .select()
    .from(carers)
    .where(and(eq(carers.id, id), visibleCarers(actor)));
  if (!row) throw notFound();
  return row;
}
