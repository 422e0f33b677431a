import { z } from 'zod';

/**
 * GOV.UK date inputs: a date is typed as three fields, `${name}-day`, `${name}-month` and
 * `${name}-year`, and read as one YYYY-MM-DD string under `name`, with GOV.UK's error messages.
 * Wrap the form's schema in `withDates` and use `dateField` for each date in it.
 */

const PARTS = ['day', 'month', 'year'] as const;
type Parts = Partial<Record<(typeof PARTS)[number], unknown>>;

/** Groups `x-day`, `x-month` and `x-year` in a form body into `x: { day, month, year }`. */
export function groupDateParts(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const grouped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const match = /^(.+)-(day|month|year)$/.exec(key);
    if (!match) grouped[key] = value;
    else grouped[match[1]!] = { ...(grouped[match[1]!] as Parts | undefined), [match[2]!]: value };
  }
  return grouped;
}

export const withDates = <S extends z.ZodType>(schema: S) => z.preprocess(groupDateParts, schema);

/** Today in the UK, as YYYY-MM-DD. */
export const todayInUk = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

interface DateOptions {
  /** How the date is named in messages, in sentence case: "Date of birth". */
  label: string;
  required?: boolean;
  /** 'past': before today (a birthday); 'not future': today or before (when something happened). */
  when?: 'past' | 'not future';
  today?: () => string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Reads one GOV.UK date input. Gives 'YYYY-MM-DD', or null when optional and left empty. */
export function dateField(options: DateOptions & { required: true }): z.ZodType<string>;
export function dateField(options: DateOptions): z.ZodType<string | null>;
export function dateField({ label, required = false, when, today = todayInUk }: DateOptions): z.ZodType<string | null> {
  return z.unknown().optional().transform((value, ctx) => {
    const parts = (value && typeof value === 'object' ? value : {}) as Parts;
    const [day, month, year] = PARTS.map((p) => text(parts[p]));
    const problem = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (!day && !month && !year) return required ? problem(`Enter ${label.toLowerCase()}`) : null;
    const missing = PARTS.filter((_, i) => ![day, month, year][i]);
    if (missing.length) return problem(`${label} must include a ${missing.join(' and ')}`);
    if (![day, month, year].every((p) => /^\d+$/.test(p!))) return problem(`${label} must be a real date`);
    if (year!.length !== 4) return problem('Year must include 4 numbers');
    const [d, m, y] = [Number(day), Number(month), Number(year)];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return problem(`${label} must be a real date`);
    const iso = date.toISOString().slice(0, 10);
    if (y < 1900) return problem(`${label} must be after 1900`);
    if (when === 'past' && iso >= today()) return problem(`${label} must be in the past`);
    if (when === 'not future' && iso > today()) return problem(`${label} must be today or in the past`);
    return iso;
  });
}

/** The three fields of a stored date, to fill a date input: `{ 'x-day': '7', 'x-month': '3', 'x-year': '1990' }`. */
export function dateValues(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
}
