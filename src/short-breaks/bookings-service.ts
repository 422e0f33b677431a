import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { arrangements } from '../arrangements/schema.js';
import { carers } from '../carers/schema.js';
import { people } from '../people/schema.js';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { constraintBroken, mayBookAsNonStaff, offerOf, ownCarerId, requireMayBook } from './access.js';
import { addDays, type IsoDate, todayInUk } from '../platform/dates.js';
import type { Hours, Nights } from './ranges.js';
import { availability, bookings, carerBreaks } from './schema.js';
import { londonInstant } from './times.js';
import { TAKEN, type BookingKind } from './words.js';
import { isStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

export type NewBooking =
  | { kind: 'short_breaks'; carerId: string; personId: string; nights: Nights; room: number; notes: string | null }
  | { kind: 'day_support'; carerId: string; personId: string; hours: Hours; notes: string | null };

export interface BookingRow {
  id: string;
  kind: BookingKind;
  carerId: string;
  personId: string;
  carerName: string;
  personName: string;
  nights: Nights | null;
  room: number | null;
  hours: Hours | null;
  status: 'booked' | 'cancelled';
  notes: string | null;
  bookedByName: string | null;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledByName: string | null;
  cancelReason: string | null;
}

/** Which exclusion constraint refused a booking, in words for the form. */
const REFUSED: Record<string, { field: string; message: string }> = {
  short_break_bookings_room_free: { field: 'arrive', message: TAKEN.nights },
  short_break_bookings_person_nights_free: { field: 'arrive', message: TAKEN.person },
  short_break_bookings_person_sessions_free: { field: 'date', message: TAKEN.session },
};

/** A window of days, as the ranges the bookings are kept in. */
export interface Window {
  from: IsoDate;
  to: IsoDate;
}

const overlapping = (window: Window): SQL =>
  or(
    sql`${bookings.nights} && daterange(${window.from}::date, ${window.to}::date)`,
    sql`${bookings.hours} && tstzrange(${londonInstant(window.from, '00:00').toISOString()}::timestamptz, ${londonInstant(window.to, '00:00').toISOString()}::timestamptz)`,
  )!;

/** Bookings the actor may see in a window, with both names, read through the one function that may give them. */
export async function bookingsIn(
  tx: Tx,
  window: Window,
  filter: { carerId?: string | undefined; personId?: string | undefined; workerUserId?: string | undefined } = {},
): Promise<BookingRow[]> {
  const where = [overlapping(window)];
  if (filter.carerId) where.push(eq(bookings.carerId, filter.carerId));
  if (filter.personId) where.push(eq(bookings.personId, filter.personId));
  if (filter.workerUserId) {
    where.push(sql`exists (select 1 from ${arrangements} where ${arrangements.personId} = ${bookings.personId}
      and ${arrangements.workerUserId} = ${filter.workerUserId} and ${arrangements.status} <> 'ended')`);
  }
  return withNames(tx, and(...where)!);
}

/**
 * Bookings with the carer's and the person's names, in one query: from their records for those who
 * may read them (staff), else from hearth_booking_names (carers, people, circles: just the two names).
 * coalesce only calls the function when the join found no name.
 */
async function withNames(tx: Tx, where: SQL): Promise<BookingRow[]> {
  const rows = await prepared(
    tx
      .select({
        booking: bookings,
        carerName: sql<
          string | null
        >`coalesce(${carers.name}, (select n.carer_name from hearth_booking_names(${bookings.carerId}, ${bookings.personId}) n))`,
        personName: sql<
          string | null
        >`coalesce(${people.name}, (select n.person_name from hearth_booking_names(${bookings.carerId}, ${bookings.personId}) n))`,
      })
      .from(bookings)
      .leftJoin(carers, eq(carers.id, bookings.carerId))
      .leftJoin(people, eq(people.id, bookings.personId))
      .where(where)
      .orderBy(asc(sql`coalesce(lower(${bookings.nights})::timestamp, lower(${bookings.hours}))`), asc(bookings.createdAt)),
  );
  return rows.map(({ booking: r, carerName, personName }) => ({
    id: r.id,
    kind: r.kind,
    carerId: r.carerId,
    personId: r.personId,
    carerName: carerName ?? 'A carer',
    personName: personName ?? 'Someone',
    nights: r.nights,
    room: r.room,
    hours: r.hours,
    status: r.status,
    notes: r.notes,
    bookedByName: r.bookedByName,
    createdAt: r.createdAt,
    cancelledAt: r.cancelledAt,
    cancelledByName: r.cancelledByName,
    cancelReason: r.cancelReason,
  }));
}

/** Bookings: who may be booked with whom, booking, reading one, and cancelling. */
export function bookingsService(db: Database, today: () => IsoDate = todayInUk) {
  return {
    /** For the booking form: the carers who offer this kind, the people the actor may book for, rooms. */
    async choices(actor: Actor, kind: BookingKind) {
      return db.inScope(actor, async (tx) => {
        await requireMayBook(tx, actor);
        const carerRows = isStaff(actor)
          ? await tx.select({ id: carers.id, name: carers.name }).from(carers).where(eq(carers.stage, 'approved')).orderBy(asc(carers.name))
          : await carersBookedWith(tx);
        const offered: { id: string; name: string; rooms: number }[] = [];
        for (const carer of carerRows) {
          const offer = await offerOf(tx, carer.id);
          if (offer?.kinds.includes(kind)) offered.push({ ...carer, rooms: offer.rooms });
        }
        const personRows = await tx
          .select({ id: people.id, name: people.name })
          .from(people)
          .where(isStaff(actor) ? inArray(people.status, ['waiting', 'introductions', 'supported']) : sql`true`)
          .orderBy(asc(people.name));
        return { carers: offered, people: personRows };
      });
    },

    async book(actor: Actor, input: NewBooking) {
      return db.inScope(actor, async (tx) => {
        await requireMayBook(tx, actor, input.personId);
        const [person] = await tx.select({ id: people.id, userId: people.userId }).from(people).where(eq(people.id, input.personId));
        if (!person) throw new InputProblem('personId', 'Choose who the booking is for from the list');
        const offer = await offerOf(tx, input.carerId);
        if (!offer?.kinds.includes(input.kind))
          throw new InputProblem(
            'carerId',
            `Choose a carer approved for ${input.kind === 'short_breaks' ? 'short breaks' : 'day support'}`,
          );
        if (input.kind === 'short_breaks') await checkNights(tx, input, offer.rooms, today());
        else await checkHours(tx, input, today());
        const values = {
          schemeId: inScheme(actor).schemeId,
          carerId: input.carerId,
          personId: input.personId,
          kind: input.kind,
          notes: input.notes,
          nights: input.kind === 'short_breaks' ? input.nights : null,
          room: input.kind === 'short_breaks' ? input.room : null,
          hours: input.kind === 'day_support' ? input.hours : null,
          bookedByUserId: actor.userId,
          bookedByName: actor.name,
        };
        const [row] = await insertBooking(tx, values);
        await audit(tx, actor, {
          action: 'created',
          recordType: 'short break booking',
          recordId: row!.id,
          subjectUserId: person.userId,
          changes: { ...values, schemeId: undefined },
        });
        return { id: row!.id };
      });
    },

    /** The next bookings of one person the actor may see (not cancelled), soonest first: for the person's own home page. */
    async upcoming(actor: Actor, personId: string, options: { days?: number; limit?: number } = {}) {
      return db.inScope(actor, async (tx) => {
        const from = today();
        const rows = (await bookingsIn(tx, { from, to: addDays(from, options.days ?? 90) }, { personId })).filter(
          (b) => b.status === 'booked',
        );
        const subject = await subjectOf(tx, personId);
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'short break booking',
          subjectUserId: subject,
          changes: { person: personId, from },
        });
        return rows.slice(0, options.limit ?? 5);
      });
    },

    /** One booking, if the actor may see it, with whether they may cancel it. */
    async booking(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const [row] = await withNames(tx, eq(bookings.id, id));
        if (!row) throw notFound();
        const subject = await subjectOf(tx, row.personId);
        await audit(tx, actor, { action: 'viewed', recordType: 'short break booking', recordId: id, subjectUserId: subject });
        const mayCancel = row.status === 'booked' && (isStaff(actor) || (await mayBookAsNonStaff(tx, actor)));
        return { booking: row, mayCancel, ownHome: (await ownCarerId(tx, actor)) === row.carerId };
      });
    },

    async cancel(actor: Actor, id: string, reason: string) {
      return db.inScope(actor, async (tx) => {
        const [row] = await tx
          .select({ personId: bookings.personId, status: bookings.status })
          .from(bookings)
          .where(eq(bookings.id, id))
          .for('update');
        if (!row) throw notFound();
        await requireMayBook(tx, actor, row.personId);
        if (row.status === 'cancelled') throw new InputProblem('reason', 'This booking has already been cancelled');
        const change = {
          status: 'cancelled' as const,
          cancelledAt: new Date(),
          cancelledByUserId: actor.userId,
          cancelledByName: actor.name,
          cancelReason: reason,
        };
        await tx.update(bookings).set(change).where(eq(bookings.id, id));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'short break booking',
          recordId: id,
          subjectUserId: await subjectOf(tx, row.personId),
          changes: { status: 'cancelled', cancelReason: reason },
        });
      });
    },
  };
}

/** Carers the actor (a person or circle member) has bookings with: who they may book again. */
async function carersBookedWith(tx: Tx) {
  const rows = await withNames(tx, sql`true`);
  return [...new Map(rows.map((r) => [r.carerId, { id: r.carerId, name: r.carerName }])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

async function subjectOf(tx: Tx, personId: string): Promise<string | null> {
  const [row] = await tx.select({ userId: people.userId }).from(people).where(eq(people.id, personId));
  return row?.userId ?? null;
}

/** Inserts a booking; a clash the database refuses becomes the clear message for the form. */
async function insertBooking(tx: Tx, values: typeof bookings.$inferInsert) {
  try {
    return await tx.insert(bookings).values(values).returning({ id: bookings.id });
  } catch (error) {
    const broken = constraintBroken(error);
    const refused = broken?.code === '23P01' && broken.constraint ? REFUSED[broken.constraint] : undefined;
    if (refused) throw new InputProblem(refused.field, refused.message);
    throw error;
  }
}

async function checkNights(tx: Tx, input: Extract<NewBooking, { kind: 'short_breaks' }>, rooms: number, today: IsoDate) {
  if (input.nights.from < today) throw new InputProblem('arrive', 'The arrival date must be today or in the future');
  if (input.room > rooms) throw new InputProblem('room', `Choose a room from 1 to ${rooms}`);
  const range = sql`daterange(${input.nights.from}::date, ${input.nights.to}::date)`;
  const [offered] = await rowsOf<{ covered: boolean }>(
    tx,
    sql`select coalesce(range_agg(${availability.nights}) @> ${range}, false) as covered
    from ${availability} where ${availability.carerId} = ${input.carerId} and ${availability.kind} = 'short_breaks'`,
  );
  if (!offered?.covered)
    throw new InputProblem(
      'arrive',
      'The carer has not said they are available for all of those nights. Check their availability on the calendar',
    );
  const [away] = await tx
    .select({ id: carerBreaks.id })
    .from(carerBreaks)
    .where(and(eq(carerBreaks.carerId, input.carerId), sql`${carerBreaks.nights} && ${range}`))
    .limit(1);
  if (away) throw new InputProblem('arrive', 'The carer is taking a break on some of those nights');
}

async function checkHours(tx: Tx, input: Extract<NewBooking, { kind: 'day_support' }>, today: IsoDate) {
  if (input.hours.from < londonInstant(today, '00:00')) throw new InputProblem('date', 'The date must be today or in the future');
  const range = sql`tstzrange(${input.hours.from.toISOString()}::timestamptz, ${input.hours.to.toISOString()}::timestamptz)`;
  const [offered] = await rowsOf<{ covered: boolean }>(
    tx,
    sql`select coalesce(range_agg(${availability.hours}) @> ${range}, false) as covered
    from ${availability} where ${availability.carerId} = ${input.carerId} and ${availability.kind} = 'day_support'`,
  );
  if (!offered?.covered)
    throw new InputProblem(
      'date',
      'The carer has not said they are available for all of that session. Check their availability on the calendar',
    );
}

export type BookingsService = ReturnType<typeof bookingsService>;
