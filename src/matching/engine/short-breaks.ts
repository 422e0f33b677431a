import { FAILED, failedConstraints } from './constraints.js';
import type { CarerPool } from './encode.js';
import { encodePeople } from './encode.js';
import { exclusionReasons, list, scoreWithContributions } from './explain.js';
import { scorePair } from './factors.js';
import type { DateRange, Excluded, MatchCarer, MatchPerson, PairFacts, ShortlistOptions, Suitable } from './types.js';

export interface ShortBreakMatch extends Suitable {
  nights: number;
  /** Nights of those asked for when the carer is available and has a place left. */
  freeNights: number;
  /** In plain English: "Free all 3 nights", "Free 2 of 3 nights: not free on 5 March". */
  dates: string;
}

export interface ShortBreakShortlist {
  nights: number;
  /** Carers free for every night first, then those free for some, each by score (ties by id). */
  suitable: ShortBreakMatch[];
  excluded: Excluded[];
}

/**
 * Carers for a short break on the given dates: the usual constraints (a short-break approval
 * instead of a free place), then the carer's availability and existing bookings night by night.
 * A carer free on none of the nights is excluded ("Not free on these dates").
 */
export function shortBreakShortlist(
  person: MatchPerson,
  dates: DateRange,
  carers: CarerPool,
  options: ShortlistOptions & { facts?: PairFacts } = {},
): ShortBreakShortlist {
  const [from, to] = [dayNumber(dates.from), dayNumber(dates.to)];
  if (to <= from) throw new RangeError(`A short break needs at least one night: ${dates.from} to ${dates.to}`);
  const people = encodePeople([{ ...person, arrangement: 'short_breaks' }], carers, options.facts);
  const audience = options.audience ?? 'person';
  const found: { ci: number; free: boolean[]; freeNights: number; score: number }[] = [];
  const excluded: Excluded[] = [];
  for (let ci = 0; ci < carers.size; ci++) {
    let failed = failedConstraints(people, 0, carers, ci);
    const free = failed === 0 ? freeNights(carers.carers[ci]!, carers.freePlaces[ci]!, from, to) : [];
    const freeCount = free.filter(Boolean).length;
    if (failed === 0 && freeCount === 0) failed = FAILED.dates;
    if (failed === 0) {
      found.push({ ci, free, freeNights: freeCount, score: scorePair(people, 0, carers, ci) });
    } else if (options.includeExcluded) {
      excluded.push({
        suitable: false,
        personId: person.id,
        carerId: carers.carers[ci]!.id,
        reasons: exclusionReasons(people, 0, carers, ci, failed, audience),
      });
    }
  }
  found.sort((a, b) => b.freeNights - a.freeNights || b.score - a.score || a.ci - b.ci);
  const nights = to - from;
  const suitable = found.slice(0, options.limit).map(({ ci, free, freeNights: count }): ShortBreakMatch => ({
    suitable: true,
    personId: person.id,
    carerId: carers.carers[ci]!.id,
    ...scoreWithContributions(people, 0, carers, ci, audience),
    nights,
    freeNights: count,
    dates: datesText(free, from),
  }));
  return { nights, suitable, excluded };
}

/** Per night from `from` up to `to`: is the carer available, with fewer bookings than places? */
export function freeNights(carer: MatchCarer, freePlaces: number, from: number, to: number): boolean[] {
  const offer = carer.shortBreaks;
  if (!offer) return new Array<boolean>(to - from).fill(false);
  const places = offer.placesAtOnce ?? freePlaces;
  const available = offer.availability.map(nightsOf);
  const booked = offer.bookings.map(nightsOf);
  const free: boolean[] = [];
  for (let night = from; night < to; night++) {
    const open = available.some(([a, b]) => a <= night && night < b);
    const taken = booked.filter(([a, b]) => a <= night && night < b).length;
    free.push(open && taken < places);
  }
  return free;
}

const nightsOf = (range: DateRange): [number, number] => [dayNumber(range.from), dayNumber(range.to)];

/** Days since 1 January 1970 for a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(time).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return time / 86_400_000;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayText(day: number): string {
  const date = new Date(day * 86_400_000);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

function datesText(free: boolean[], from: number): string {
  const nights = free.length;
  const count = free.filter(Boolean).length;
  if (count === nights) return nights === 1 ? 'Free that night' : `Free all ${nights} nights`;
  const runs: string[] = [];
  for (let k = 0; k < nights; k++) {
    if (free[k] || (k > 0 && !free[k - 1])) continue;
    let end = k;
    while (end + 1 < nights && !free[end + 1]) end++;
    const [first, last] = [dayText(from + k), dayText(from + end)];
    const sameMonth = first.split(' ')[1] === last.split(' ')[1];
    runs.push(end === k ? first : `${sameMonth ? first.split(' ')[0] : first} to ${last}`);
  }
  return `Free ${count} of ${nights} nights: not free on ${list(runs)}`;
}
