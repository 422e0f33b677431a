import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { arrangements } from '../arrangements/schema.js';
import { carers } from '../carers/schema.js';
import { people } from '../people/schema.js';
import { audit } from '../platform/audit/audit.js';
import { NO_ONE, rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { isRole } from '../platform/permissions/roles.js';
import { mayBookAsNonStaff, ownCarerId } from './access.js';
import { addDays, type IsoDate, todayInUk } from '../platform/dates.js';
import { summaryIn } from './availability-service.js';
import { bookingsIn, type Window } from './bookings-service.js';
import { icalendar, type CalendarEvent } from './ical.js';
import { endOfMonth, firstDay, type Month } from './month.js';
import { bookingTitle, bookingWhen, viewerOf } from './present.js';
import { availability, calendarFeeds, carerBreaks } from './schema.js';
import { londonInstant } from './times.js';
import { isStaff } from '../platform/permissions/staff.js';

export interface CalendarFilter {
  month: Month;
  carerId?: string | undefined;
  personId?: string | undefined;
  /** Only people in this worker's live arrangements. */
  workerUserId?: string | undefined;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A carer's published times and own breaks in a window, for their calendar. */
async function carerTimes(tx: Tx, carerId: string, window: Window) {
  const days = sql`daterange(${window.from}::date, ${window.to}::date)`;
  const hours = sql`tstzrange(${londonInstant(window.from, '00:00').toISOString()}::timestamptz, ${londonInstant(window.to, '00:00').toISOString()}::timestamptz)`;
  const offered = await tx
    .select()
    .from(availability)
    .where(and(eq(availability.carerId, carerId), sql`(${availability.nights} && ${days} or ${availability.hours} && ${hours})`));
  const breaks = await tx
    .select()
    .from(carerBreaks)
    .where(and(eq(carerBreaks.carerId, carerId), sql`${carerBreaks.nights} && ${days}`));
  return { offered, breaks };
}

/** The month calendar for each role, and the private calendar feed. */
export function calendarService(db: Database, today: () => IsoDate = todayInUk) {
  return {
    async month(actor: Actor, filter: CalendarFilter) {
      return db.inScope(actor, async (tx) => {
        const window = { from: firstDay(filter.month), to: endOfMonth(filter.month) };
        const staff = isStaff(actor);
        const own = await ownCarerId(tx, actor);
        const carerId = actor.role === 'carer' ? (own ?? undefined) : staff ? filter.carerId : undefined;
        const personId = actor.role === 'carer' ? undefined : filter.personId;
        // A carer sees their own bookings only: none at all before their record is linked to them.
        const rows =
          actor.role === 'carer' && !own
            ? []
            : await bookingsIn(tx, window, { carerId, personId, workerUserId: staff ? filter.workerUserId : undefined });
        // On a worker's own caseload, the choices are that caseload's carers and people, not the scheme's.
        const live =
          staff && filter.workerUserId
            ? and(eq(arrangements.workerUserId, filter.workerUserId), ne(arrangements.status, 'ended'))
            : undefined;
        const inCaseload = (column: AnyPgColumn, of: AnyPgColumn) =>
          live ? inArray(column, tx.select({ id: of }).from(arrangements).where(live)) : undefined;
        const carerOptions = staff
          ? await tx
              .select({ id: carers.id, name: carers.name })
              .from(carers)
              .where(and(inArray(carers.stage, ['approved', 'paused']), inCaseload(carers.id, arrangements.carerId)))
              .orderBy(asc(carers.name))
          : [];
        const personOptions =
          staff || actor.role === 'circle_member'
            ? await tx
                .select({ id: people.id, name: people.name })
                .from(people)
                .where(
                  and(
                    staff ? inArray(people.status, ['waiting', 'introductions', 'supported']) : undefined,
                    inCaseload(people.id, arrangements.personId),
                  ),
                )
                .orderBy(asc(people.name))
            : [];
        const times = carerId && (own || staff) ? await carerTimes(tx, carerId, window) : { offered: [], breaks: [] };
        const allowance = carerId && (own || staff) ? await summaryIn(tx, carerId, Number(filter.month.slice(0, 4))) : null;
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'short break booking',
          changes: { month: filter.month, carer: carerId ?? null, person: personId ?? null },
        });
        return {
          bookings: rows,
          ...times,
          allowance,
          carerOptions,
          personOptions,
          carerId: staff ? carerId : undefined,
          personId,
          ownCarerId: own,
          mayBook: staff || (await mayBookAsNonStaff(tx, actor)),
        };
      });
    },

    /** Whether the actor has a calendar link, and since when. */
    async feed(actor: Actor) {
      return db.inScope(actor, async (tx) => {
        const [row] = await tx
          .select({ createdAt: calendarFeeds.createdAt })
          .from(calendarFeeds)
          .where(and(eq(calendarFeeds.userId, inScheme(actor).userId), eq(calendarFeeds.role, actor.role!)));
        return row ?? null;
      });
    },

    /** A new private link; the old one stops working. Only its hash is kept, so it is shown once. */
    async renewFeed(actor: Actor): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await db.inScope(actor, async (tx) => {
        await tx.delete(calendarFeeds).where(and(eq(calendarFeeds.userId, inScheme(actor).userId), eq(calendarFeeds.role, actor.role!)));
        await tx
          .insert(calendarFeeds)
          .values({ schemeId: inScheme(actor).schemeId, userId: inScheme(actor).userId, role: actor.role!, tokenHash: hashOf(token) });
        await audit(tx, actor, { action: 'created', recordType: 'calendar link', recordId: actor.userId });
      });
      return token;
    },

    /** The feed behind a private link: what its owner may see, from three months ago to a year ahead. Null if the link is not (or no longer) valid. */
    async ics(token: string, now = new Date()): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const [owner] = await db.inScope(NO_ONE, (tx) =>
        rowsOf<{ user_id: string; scheme_id: string; role: string; name: string }>(
          tx,
          sql`select * from hearth_calendar_feed(${hashOf(token)})`,
        ),
      );
      if (!owner || !isRole(owner.role)) return null;
      const actor: Actor = { userId: owner.user_id, schemeId: owner.scheme_id, role: owner.role, name: owner.name };
      return db.inScope(actor, async (tx) => {
        const window = { from: addDays(today(), -92), to: addDays(today(), 400) };
        const own = await ownCarerId(tx, actor);
        const viewer = viewerOf(actor.role);
        const rows = (await bookingsIn(tx, window, own ? { carerId: own } : {})).filter((b) => b.status === 'booked');
        const events: CalendarEvent[] = rows.map((b) => ({
          uid: `${b.id}@hearth`,
          summary: bookingTitle(b, viewer),
          description: bookingWhen(b),
          start: b.nights ? { date: b.nights.from } : { at: b.hours!.from },
          end: b.nights ? { date: b.nights.to } : { at: b.hours!.to },
        }));
        if (own) {
          const { breaks } = await carerTimes(tx, own, window);
          events.push(
            ...breaks.map((b) => ({
              uid: `${b.id}@hearth`,
              summary: 'Your break (nights off)',
              start: { date: b.nights.from },
              end: { date: b.nights.to },
            })),
          );
        }
        await audit(tx, actor, {
          action: 'exported',
          recordType: 'short break booking',
          changes: { via: 'calendar link', events: events.length },
        });
        return icalendar({ name: 'Hearth: short breaks and day support', events, now });
      });
    },
  };
}

export type CalendarService = ReturnType<typeof calendarService>;
