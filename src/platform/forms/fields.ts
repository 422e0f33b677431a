import { z } from 'zod';
import { notFound } from '../errors/errors.js';

/** Field builders with GOV.UK-style messages: each says what to do, not what went wrong. */

export const text = (whenEmpty: string, { max = 200, label = 'This' }: { max?: number; label?: string } = {}) =>
  z.string({ error: whenEmpty }).trim().min(1, whenEmpty).max(max, `${label} must be ${max} characters or fewer`);

export const optionalText = ({ max = 2000, label = 'This' }: { max?: number; label?: string } = {}) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((value) => value || null);

export const email = (whenEmpty = 'Enter an email address') =>
  text(whenEmpty, { max: 254, label: 'Email address' })
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }));

export const choice = <const T extends readonly [string, ...string[]]>(values: T, whenEmpty: string) =>
  z.enum(values, { error: whenEmpty });

export const newPassword = (label = 'Password') =>
  z
    .string({ error: `Enter a ${label.toLowerCase()}` })
    .min(1, `Enter a ${label.toLowerCase()}`)
    .min(12, `${label} must be 12 characters or more`)
    .max(200, `${label} must be 200 characters or fewer`);

export const uuidParam = z.object({ id: z.uuid() });
export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });

/** What a form sent for a text box, as text: a list (the field sent twice) or anything else is none. */
export const formText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** Checkboxes arrive as nothing, one string or many: always an array of known values. */
export const checkboxes = <const T extends readonly [string, ...string[]]>(values: T, message = 'Choose from the list') =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()).filter((x) => x !== ''))
    .pipe(z.array(z.enum(values, { error: message })));

/** Route parameters that must be ids; anything else is a page that is not there. */
export function ids<const K extends string>(params: unknown, ...names: K[]): Record<K, string> {
  const schema = z.object(Object.fromEntries(names.map((n) => [n, z.uuid()])) as Record<K, z.ZodUUID>);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data as Record<K, string>;
}

/**
 * For a check across fields (superRefine): run it even when other fields have problems, so every
 * problem shows at once, but only once the fields it reads are valid themselves.
 */
export const onceValid = (...fields: string[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0]))),
});

/** A whole number typed in a box; empty means not known. */
export const optionalWholeNumber = (label: string, { min = 0, max = 100 } = {}) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^\d+$/.test(v), `${label} must be a whole number, like 2`)
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (v >= min && v <= max), `${label} must be between ${min} and ${max}`);

/** Checkboxes whose values are ids (people to choose from a list). */
export const tickedIds = (message: string) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : [v].flat()), z.array(z.uuid({ error: message })));
