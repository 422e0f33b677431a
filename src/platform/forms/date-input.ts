import { z } from 'zod';
import { isIsoDate, todayInUk, type IsoDate } from '../dates.js';

/**
 * The GOV.UK date input: a date typed in three boxes, `${name}-day`, `${name}-month` and
 * `${name}-year`, read as one ISO date under `name`, with the design system's error messages.
 * Wrap the form's schema in `withDateInputs` and use `dateInput` or `optionalDateInput` for each date in it.
 */
export interface DateInputOptions {
  /** The date's name at the start of a message, in sentence case: "The date of the review". */
  label: string;
  /** When nothing is entered; by default "Enter" and the label: "Enter the date of the review". */
  whenEmpty?: string;
  /** 'past': before today (a birthday); 'not future': today or before (when something happened). */
  when?: 'past' | 'not future';
  /** For tests: the day "past" and "future" are measured from. */
  today?: () => IsoDate;
}

const PARTS = ['day', 'month', 'year'] as const;
export type DateParts = Partial<Record<(typeof PARTS)[number], unknown>>;
type Read = { date: IsoDate | null } | { problem: string };

const boxText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const pad = (digits: string, width: number) => String(Number(digits)).padStart(width, '0');

function readWhen(date: IsoDate, { label, when, today = todayInUk }: DateInputOptions): Read {
  if (date < '1900-01-01') return { problem: `${label} must be the same as or after 1 January 1900` };
  if (when === 'past' && date >= today()) return { problem: `${label} must be in the past` };
  if (when === 'not future' && date > today()) return { problem: `${label} must be today or in the past` };
  return { date };
}

/** One read of the three boxes, for a form or an imported file: the date, null when left empty, or what to fix. */
export function readDate(parts: unknown, options: DateInputOptions & { required: boolean }): Read {
  const boxes = PARTS.map((part) => boxText((parts as DateParts | undefined)?.[part]));
  const { label } = options;
  if (boxes.every((box) => box === '')) {
    return options.required ? { problem: options.whenEmpty ?? `Enter ${label[0]!.toLowerCase()}${label.slice(1)}` } : { date: null };
  }
  const missing = PARTS.filter((_, i) => boxes[i] === '');
  if (missing.length) return { problem: `${label} must include a ${missing.join(' and ')}` };
  if (!boxes.every((box) => /^\d+$/.test(box))) return { problem: `${label} must be a real date` };
  const [day, month, year] = boxes as [string, string, string];
  if (year.length !== 4) return { problem: 'Year must include 4 numbers' };
  const date = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  return isIsoDate(date) ? readWhen(date, options) : { problem: `${label} must be a real date` };
}

const boxes = <T>(options: DateInputOptions, required: boolean) =>
  z
    .unknown()
    .optional()
    .transform((parts, ctx): T => {
      const read = readDate(parts, { ...options, required });
      if ('date' in read) return read.date as T;
      ctx.issues.push({ code: 'custom', message: read.problem, input: parts });
      return z.NEVER;
    });

export const dateInput = (options: DateInputOptions) => boxes<IsoDate>(options, true);

export const optionalDateInput = (options: Omit<DateInputOptions, 'whenEmpty'>) => boxes<IsoDate | null>(options, false);

/** Groups `x-day`, `x-month` and `x-year` in a posted form into `x: { day, month, year }`; other fields stay as they are. */
export function groupDateParts(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const grouped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const match = /^(.+)-(day|month|year)$/.exec(key);
    if (!match) grouped[key] = value;
    else grouped[match[1]!] = { ...(grouped[match[1]!] as DateParts | undefined), [match[2]!]: value };
  }
  return grouped;
}

export const withDateInputs = <S extends z.ZodType>(schema: S) => z.preprocess(groupDateParts, schema);

/** The boxes of a saved date, to fill a form in: `{ 'x-day': '7', 'x-month': '3', 'x-year': '1990' }`. */
export function dateValues(name: string, date: IsoDate | null | undefined): Record<string, string> {
  if (!date) return {};
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
}
