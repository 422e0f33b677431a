import { daysBetween, type IsoDate } from '../platform/dates.js';
import type { Nights } from './ranges.js';

/** How many of these nights fall in the calendar year: a break over New Year counts in each year for its own nights. */
export function nightsInYear(ranges: readonly Nights[], year: number): number {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  return ranges.reduce((sum, r) => {
    const from = r.from > start ? r.from : start;
    const to = r.to < end ? r.to : end;
    return sum + Math.max(0, daysBetween(from, to));
  }, 0);
}

export const nightsOf = (range: Nights) => daysBetween(range.from, range.to);

export interface AllowanceSummary {
  year: number;
  used: number;
  allowance: number;
  left: number;
  /** "5 of 28 nights used in 2026" */
  text: string;
  over: boolean;
}

export function allowanceSummary(breaks: readonly Nights[], allowance: number, year: number): AllowanceSummary {
  const used = nightsInYear(breaks, year);
  return {
    year,
    used,
    allowance,
    left: Math.max(0, allowance - used),
    over: used > allowance,
    text: `${used} of ${allowance} ${allowance === 1 ? 'night' : 'nights'} used in ${year}`,
  };
}

export const yearOf = (date: IsoDate) => Number(date.slice(0, 4));
