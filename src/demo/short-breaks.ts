import type { availability, bookings, carerBreaks, respiteAllowances } from '../short-breaks/schema.js';
import { londonInstant } from '../short-breaks/times.js';
import { addDays, type IsoDate } from '../platform/dates.js';
import type { DemoCarerData } from './carers.js';
import type { DemoPeople } from './people.js';
import { childId } from './ids.js';
import { Random } from './random.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Short breaks and day support for the demo, table by table, in the order they are loaded. */
export interface DemoShortBreaks {
  availability: Insert<typeof availability>[];
  bookings: Insert<typeof bookings>[];
  carerBreaks: Insert<typeof carerBreaks>[];
  respiteAllowances: Insert<typeof respiteAllowances>[];
}

export const emptyShortBreaks = (): DemoShortBreaks => ({ availability: [], bookings: [], carerBreaks: [], respiteAllowances: [] });

const CANCEL_REASONS = ['Unwell that week', 'Family wedding instead', 'The carer’s family emergency', 'Plans changed'];
const NOTES = ['Likes a night light on', 'Bring the blue weekly pill box', 'Enjoys the garden centre on Saturdays', null, null, null];

const noons = new Map<IsoDate, number>();

/** Ten in the morning (UTC) some days before a date: when a booking was made or cancelled. */
const daysBefore = (date: IsoDate, days: number) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) - days, 10));

/** Times on one UK day, from its noon: the clocks change at night, so a daytime hour is never on the other side. */
function wallClock(date: IsoDate) {
  const noon = noons.get(date) ?? noons.set(date, londonInstant(date, '12:00').getTime()).get(date)!;
  return (hours: number, minutes: number) => new Date(noon + ((hours - 12) * 60 + minutes) * 60_000);
}

interface Carer {
  id: string;
  schemeId: string;
  kinds: ('short_breaks' | 'day_support')[];
  rooms: number;
  showcase: boolean;
}
interface Person {
  id: string;
  showcase: boolean;
}

/**
 * Availability, bookings (past and to come, a few cancelled), carers' own breaks and a few carers'
 * own allowances: for approved carers whose terms include short breaks or day support (all of them in
 * the first scheme, some elsewhere), with the people of their scheme. The fixed carer and person sign-ins of the first scheme meet: the person stays
 * with that carer, so both (and the person's circle) see it.
 */
export function addShortBreaks(
  out: DemoShortBreaks,
  carers: DemoCarerData,
  people: DemoPeople,
  options: { today: IsoDate; seed: number; showcaseCarerUserId?: string; showcasePersonUserId?: string },
) {
  const { today } = options;
  const random = new Random(options.seed * 104729 + 17);
  const homes = new Map(carers.carerHomes.map((h) => [h.carerId, h.spareBedrooms ?? 1]));
  const approvals = new Map(carers.carerApprovals.filter((a) => a.decision === 'approved').map((a) => [a.carerId, a]));
  const byScheme = new Map<string, { carers: Carer[]; people: Person[] }>();
  const scheme = (id: string) => byScheme.get(id) ?? byScheme.set(id, { carers: [], people: [] }).get(id)!;
  for (const c of carers.carers) {
    const terms = approvals.get(c.id!);
    if (c.stage !== 'approved' || !terms) continue;
    const showcase = !!options.showcaseCarerUserId && c.userId === options.showcaseCarerUserId;
    if (showcase) terms.arrangementTypes = [...new Set([...(terms.arrangementTypes ?? []), 'short_breaks', 'day_support'] as const)];
    const kinds = (terms.arrangementTypes ?? []).filter((k): k is Carer['kinds'][number] => k === 'short_breaks' || k === 'day_support');
    if (kinds.length)
      scheme(c.schemeId).carers.push({ id: c.id!, schemeId: c.schemeId, kinds, rooms: Math.max(1, homes.get(c.id!) ?? 1), showcase });
  }
  for (const p of people.people) {
    const showcase = !!options.showcasePersonUserId && p.userId === options.showcasePersonUserId;
    if (showcase || p.status === 'supported' || p.status === 'waiting') scheme(p.schemeId).people.push({ id: p.id!, showcase });
  }

  for (const { carers: hosts, people: guests } of byScheme.values()) {
    if (!guests.length) continue;
    const busy = new Map<string, [IsoDate, IsoDate][]>();
    const free = (personId: string, from: IsoDate, to: IsoDate) => !(busy.get(personId) ?? []).some(([a, b]) => a < to && from < b);
    const take = (personId: string, from: IsoDate, to: IsoDate) => busy.set(personId, [...(busy.get(personId) ?? []), [from, to]]);
    const showcaseGuest = guests.find((g) => g.showcase);
    const showcaseScheme = hosts.some((h) => h.showcase);
    for (const host of hosts.sort((a, b) => Number(b.showcase) - Number(a.showcase))) {
      // Elsewhere, as in life, not every carer approved for short breaks has them booked in these months.
      if (!showcaseScheme && !random.chance(0.4)) continue;
      const counts = { availability: 0, booking: 0, 'carer break': 0 };
      const id = (kind: keyof typeof counts) => childId(host.id, kind, counts[kind]++);
      if (host.kinds.includes('short_breaks')) {
        const until = addDays(today, 60);
        // Blocks of nights with gaps between: bookings fall in the blocks, the carer's own breaks in the gaps.
        let start = addDays(today, -random.int(45, 75));
        while (start < until) {
          const end = addDays(start, random.int(21, 45));
          out.availability.push({
            id: id('availability'),
            schemeId: host.schemeId,
            carerId: host.id,
            kind: 'short_breaks',
            nights: { from: start, to: end },
          });
          for (let room = 1; room <= Math.min(host.rooms, 2); room++) {
            let from = addDays(start, random.int(0, 6));
            while (from < end) {
              const to = addDays(from, random.int(2, 4));
              if (to > end) break;
              const guest =
                host.showcase && showcaseGuest && room === 1 && free(showcaseGuest.id, from, to) ? showcaseGuest : random.pick(guests);
              if (free(guest.id, from, to) && random.chance(0.7)) {
                const cancelled = random.chance(0.1);
                if (!cancelled) take(guest.id, from, to);
                out.bookings.push({
                  id: id('booking'),
                  schemeId: host.schemeId,
                  carerId: host.id,
                  personId: guest.id,
                  kind: 'short_breaks',
                  nights: { from, to },
                  room,
                  notes: random.pick(NOTES),
                  bookedByName: 'Demo data',
                  createdAt: daysBefore(from, random.int(7, 40)),
                  ...(cancelled
                    ? {
                        status: 'cancelled' as const,
                        cancelledAt: daysBefore(from, random.int(1, 6)),
                        cancelledByName: 'Demo data',
                        cancelReason: random.pick(CANCEL_REASONS),
                      }
                    : { status: 'booked' as const }),
                });
              }
              from = addDays(to, random.int(1, 8));
            }
          }
          const gap = random.int(5, 16);
          if (random.chance(0.6)) {
            const off = addDays(end, random.int(1, 2));
            out.carerBreaks.push({
              id: id('carer break'),
              schemeId: host.schemeId,
              carerId: host.id,
              nights: { from: off, to: addDays(off, Math.min(gap - 3, random.int(2, 7))) },
              note: random.chance(0.5) ? 'Family holiday' : null,
            });
          }
          start = addDays(end, gap);
        }
      }
      if (host.kinds.includes('day_support')) {
        for (
          let n = 0, date = addDays(today, -random.int(20, 30)), end = addDays(today, 25);
          date < end;
          n++, date = addDays(date, random.int(3, 7))
        ) {
          const at = wallClock(date);
          const hours = { from: at(9, 30), to: at(16, 30) };
          out.availability.push({ id: id('availability'), schemeId: host.schemeId, carerId: host.id, kind: 'day_support', hours });
          const guest = host.showcase && showcaseGuest && n % 3 === 0 ? showcaseGuest : random.pick(guests);
          const session = { from: at(10, 0), to: at(15, 0) };
          if (random.chance(0.5) && free(guest.id, date, addDays(date, 1))) {
            take(guest.id, date, addDays(date, 1));
            out.bookings.push({
              id: id('booking'),
              schemeId: host.schemeId,
              carerId: host.id,
              personId: guest.id,
              kind: 'day_support',
              hours: session,
              status: 'booked',
              notes: null,
              bookedByName: 'Demo data',
              createdAt: daysBefore(date, 10),
            });
          }
        }
      }
      if (random.chance(0.1)) out.respiteAllowances.push({ carerId: host.id, schemeId: host.schemeId, nights: random.pick([21, 35]) });
    }
  }
}
