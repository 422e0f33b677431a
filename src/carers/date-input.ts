import { z } from 'zod';
import { isIsoDate, todayIso, type IsoDate } from './dates.js';

/**
 * The GOV.UK date input (day, month and year boxes) as a form field: `withDateInputs` gathers
 * `name-day`, `name-month` and `name-year` from the posted form into one value, and `dateInput`
 * checks it with the GOV.UK pattern's messages, giving an ISO date.
 */
export interface DateInputOptions {
  /** When nothing is entered: "Enter the date the check was done". */
  whenEmpty: string;
  /** The date's name at the start of a message: "The date of the check". */
  label: string;
  notFuture?: boolean;
  /** For tests: the day "future" is measured from. */
  today?: () => IsoDate;
}

type Parts = { day?: unknown; month?: unknown; year?: unknown } | undefined;

const PART_NAMES = ['day', 'month', 'year'] as const;

function check(parts: Parts, options: DateInputOptions, required: boolean): { date: IsoDate | null } | { problem: string } {
  const text = PART_NAMES.map((p) => String(parts?.[p] ?? '').trim());
  if (text.every((t) => t === '')) return required ? { problem: options.whenEmpty } : { date: null };
  const missing = PART_NAMES.filter((_, i) => text[i] === '');
  if (missing.length) return { problem: `${options.label} must include a ${missing.join(' and ')}` };
  if (!text.every((t) => /^\d+$/.test(t))) return { problem: `${options.label} must be a real date` };
  const [day, month, year] = text as [string, string, string];
  if (year.length !== 4) return { problem: 'Year must include 4 numbers' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso) || Number(year) < 1900) return { problem: `${options.label} must be a real date` };
  if (options.notFuture && iso > (options.today ?? todayIso)()) return { problem: `${options.label} must be today or in the past` };
  return { date: iso };
}

const partsSchema = z.object({ day: z.unknown(), month: z.unknown(), year: z.unknown() }).partial().optional();

export const dateInput = (options: DateInputOptions) =>
  partsSchema.transform((parts, ctx): IsoDate => {
    const result = check(parts, options, true);
    if ('problem' in result) {
      ctx.issues.push({ code: 'custom', message: result.problem, input: parts });
      return z.NEVER;
    }
    return result.date!;
  });

export const optionalDateInput = (options: Omit<DateInputOptions, 'whenEmpty'>) =>
  partsSchema.transform((parts, ctx): IsoDate | null => {
    const result = check(parts, { ...options, whenEmpty: '' }, false);
    if ('problem' in result) {
      ctx.issues.push({ code: 'custom', message: result.problem, input: parts });
      return z.NEVER;
    }
    return result.date;
  });

/** Gathers each date's three boxes from the posted form, so the schema sees `{ name: { day, month, year } }`. */
export function withDateInputs<S extends z.ZodType>(names: readonly string[], schema: S) {
  return z.preprocess((body) => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
    const form = body as Record<string, unknown>;
    const dates = Object.fromEntries(names.map((name) => [name, { day: form[`${name}-day`], month: form[`${name}-month`], year: form[`${name}-year`] }]));
    return { ...form, ...dates };
  }, schema);
}

/** The boxes' values for a date already saved, to fill in a form: one way for every form. */
export { dateValues } from '../people/date-input.js';
