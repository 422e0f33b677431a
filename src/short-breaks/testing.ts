import type { Database } from '../platform/db/database.js';
import { aCarer } from '../carers/testing.js';
import { carerHomes } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import type { ArrangementType } from '../carers/terms.js';
import type { IsoDate } from '../platform/dates.js';
import { availability, bookings, carerBreaks } from './schema.js';
import type { Hours, Nights } from './ranges.js';

/** Test data for short breaks, through the owner's connection: each call makes new, fictional rows. */

export async function aShortBreaksCarer(
  db: Database,
  options: { schemeId: string; userId?: string | null; name?: string; kinds?: ArrangementType[]; rooms?: number },
) {
  const carer = await aCarer(db, { schemeId: options.schemeId, stage: 'approved', userId: options.userId ?? null, name: options.name });
  await db.owner.insert(carerApprovals).values({
    schemeId: options.schemeId,
    carerId: carer.id,
    decision: 'approved',
    decidedOn: carer.approvedOn!,
    basis: 'earlier_record',
    maxPeople: 2,
    arrangementTypes: options.kinds ?? ['short_breaks', 'day_support'],
    needs: [],
  });
  if (options.rooms)
    await db.owner
      .insert(carerHomes)
      .values({ carerId: carer.id, schemeId: options.schemeId, bedrooms: options.rooms + 1, spareBedrooms: options.rooms });
  return carer;
}

export async function someNightsFree(db: Database, carer: { id: string; schemeId: string }, nights: Nights) {
  await db.owner.insert(availability).values({ schemeId: carer.schemeId, carerId: carer.id, kind: 'short_breaks', nights });
}

export async function someHoursFree(db: Database, carer: { id: string; schemeId: string }, hours: Hours) {
  await db.owner.insert(availability).values({ schemeId: carer.schemeId, carerId: carer.id, kind: 'day_support', hours });
}

export async function aStay(db: Database, carer: { id: string; schemeId: string }, person: { id: string }, nights: Nights, room = 1) {
  const [row] = await db.owner
    .insert(bookings)
    .values({ schemeId: carer.schemeId, carerId: carer.id, personId: person.id, kind: 'short_breaks', nights, room })
    .returning();
  return row!;
}

export async function aBreak(db: Database, carer: { id: string; schemeId: string }, from: IsoDate, to: IsoDate) {
  await db.owner.insert(carerBreaks).values({ schemeId: carer.schemeId, carerId: carer.id, nights: { from, to } });
}
