import { addDays, daysBetween, type IsoDate } from '../platform/dates.js';

/** A calendar month, as in /calendar?month=2026-11. */
export type Month = `${number}-${string}`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const isMonth = (value: unknown): value is Month =>
  typeof value === 'string' && MONTH.test(value) && Number(value.slice(0, 4)) >= 1900;

export const monthOf = (date: IsoDate): Month => date.slice(0, 7) as Month;

export const firstDay = (month: Month): IsoDate => `${month}-01`;

export function shiftMonth(month: Month, by: number): Month {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  const year = Math.floor(index / 12);
  return `${year}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** The first day after the month: the end of the month as an exclusive bound. */
export const endOfMonth = (month: Month): IsoDate => firstDay(shiftMonth(month, 1));

export const monthName = (month: Month) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** 0 for Monday to 6 for Sunday (1 January 1900 was a Monday). */
export const weekdayIndex = (date: IsoDate) => ((daysBetween('1900-01-01', date) % 7) + 7) % 7;

export interface GridDay {
  date: IsoDate;
  day: number;
  inMonth: boolean;
  weekday: string;
}

/** The month as whole weeks, Monday to Sunday, with the days of the months either side to fill them. */
export function monthGrid(month: Month): GridDay[][] {
  const first = firstDay(month);
  const end = endOfMonth(month);
  let date = addDays(first, -weekdayIndex(first));
  const weeks: GridDay[][] = [];
  while (date < end) {
    const week: GridDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date, day: Number(date.slice(8, 10)), inMonth: date >= first && date < end, weekday: WEEKDAYS[i]! });
      date = addDays(date, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** Every day from `from` up to (not including) `to`. */
export function daysOf(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  return days;
}
