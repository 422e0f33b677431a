import { and, eq, sql } from 'drizzle-orm';
import { carers } from '../carers/schema.js';
import { rowsOf, type Tx } from '../platform/db/database.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { sightOf } from '../people/access.js';
import { shortBreakSettings } from './schema.js';
import { DEFAULT_RESPITE_NIGHTS, type BookingKind } from './words.js';
import { isStaff } from '../platform/permissions/staff.js';

export interface Settings {
  peopleMayBook: boolean;
  respiteNights: number;
}

/** The scheme's short-break settings, or the defaults if it has not chosen. */
export async function settingsOf(tx: Tx): Promise<Settings> {
  const [row] = await tx
    .select({ peopleMayBook: shortBreakSettings.peopleMayBook, respiteNights: shortBreakSettings.respiteNights })
    .from(shortBreakSettings);
  return row ?? { peopleMayBook: false, respiteNights: DEFAULT_RESPITE_NIGHTS };
}

/** The signed-in carer's own record id, or null. */
export async function ownCarerId(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.role !== 'carer' || !actor.userId) return null;
  const [row] = await tx
    .select({ id: carers.id })
    .from(carers)
    .where(and(eq(carers.userId, actor.userId), eq(carers.schemeId, inScheme(actor).schemeId)));
  return row?.id ?? null;
}

/** The carer whose availability and breaks this actor may change: staff any carer of the scheme, a carer only their own. */
export async function carerToManage(tx: Tx, actor: Actor, carerId: string | undefined): Promise<{ id: string; name: string }> {
  if (isStaff(actor)) {
    if (!carerId) throw notFound();
    const [row] = await tx.select({ id: carers.id, name: carers.name }).from(carers).where(eq(carers.id, carerId));
    if (!row) throw notFound();
    return row;
  }
  const own = await ownCarerId(tx, actor);
  if (!own || (carerId && carerId !== own)) throw notFound();
  const [row] = await tx.select({ id: carers.id, name: carers.name }).from(carers).where(eq(carers.id, own));
  return row!;
}

/** Staff book for anyone; the person and their circle only where the scheme allows it. */
export async function requireMayBook(tx: Tx, actor: Actor, personId?: string): Promise<void> {
  if (isStaff(actor)) return;
  if (actor.role !== 'person' && actor.role !== 'circle_member') throw forbidden();
  if (!(await settingsOf(tx)).peopleMayBook) throw forbidden();
  if (personId) await sightOf(tx, actor, personId);
}

export const mayBookAsNonStaff = async (tx: Tx, actor: Actor) =>
  (actor.role === 'person' || actor.role === 'circle_member') && (await settingsOf(tx)).peopleMayBook;

export interface Offer {
  kinds: BookingKind[];
  rooms: number;
}

/** What a carer offers now (approved, for which kinds, how many rooms), or null if they offer nothing. */
export async function offerOf(tx: Tx, carerId: string): Promise<Offer | null> {
  const [row] = await rowsOf<{ kinds: BookingKind[]; rooms: number }>(tx, sql`select kinds, rooms from hearth_carer_offer(${carerId})`);
  return row ? { kinds: row.kinds, rooms: Number(row.rooms) } : null;
}

/** The SQLSTATE and constraint of a database error, through any wrapping. */
export function constraintBroken(error: unknown): { code: string; constraint: string | undefined } | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, constraint: (e as { constraint?: string }).constraint };
  }
  return null;
}
