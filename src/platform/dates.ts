import { addDays as addDaysTo, addMonths as addMonthsTo, differenceInCalendarDays, differenceInYears } from 'date-fns';

/** A calendar date as an ISO string (YYYY-MM-DD): when a check was done, when it expires. No times, no time zones. */
export type IsoDate = string;

const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the UK, where every scheme is, whatever the server's time zone. */
export const todayInUk = (now: Date = new Date()): IsoDate => london.format(now);

/** Local midnight of the date, for date-fns; (date-fns' parseISO and format are ten times slower, and these run per row.) */
function toDate(date: IsoDate): Date {
  const local = new Date(0, 0, 1);
  local.setFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return local;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const toIso = (date: Date): IsoDate => `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

export const isIsoDate = (value: unknown): value is IsoDate =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && toIso(toDate(value)) === value;

export const addDays = (date: IsoDate, days: number): IsoDate => toIso(addDaysTo(toDate(date), days));

/** Calendar months later; the 31st of a shorter month becomes its last day (31 January + 1 month is 28 or 29 February). */
export const addMonths = (date: IsoDate, months: number): IsoDate => toIso(addMonthsTo(toDate(date), months));

/** Whole days from `from` to `to`: positive when `to` is later. */
export const daysBetween = (from: IsoDate, to: IsoDate): number => differenceInCalendarDays(toDate(to), toDate(from));

/** Whole years of age on a date (born on 29 February, a year older on 1 March). */
export const ageOn = (dateOfBirth: IsoDate, on: IsoDate): number => differenceInYears(toDate(on), toDate(dateOfBirth));
