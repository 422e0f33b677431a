import { z } from 'zod';
import { notFound } from '../platform/errors/errors.js';

/** Field builders the people's forms need beyond the platform's. */

const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** A UK postcode in its usual form ("NB1 4QT"), or null when it is not one. */
export function normalisePostcode(value: string): string | null {
  const match = POSTCODE.exec(value.toUpperCase().replace(/\s+/g, ''));
  return match ? `${match[1]} ${match[2]}` : null;
}

export const optionalPostcode = z.string().trim().max(10, 'Enter a real postcode, like NB1 4QT').optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const postcode = normalisePostcode(value);
    if (!postcode) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like NB1 4QT' });
      return z.NEVER;
    }
    return postcode;
  });

/** Checkboxes arrive as nothing, one string or many: always an array of known values. */
export const checkboxes = <const T extends readonly [string, ...string[]]>(values: T, message = 'Choose from the list') =>
  z.union([z.string(), z.array(z.string())]).optional()
    .transform((v) => (v === undefined ? [] : [v].flat()).filter((x) => x !== ''))
    .pipe(z.array(z.enum(values, { error: message })));

/** A list typed as text, one item per comma or line: "Knitting, buses" → ['Knitting', 'buses']. */
export const listOfText = ({ max = 30, label = 'This' }: { max?: number; label?: string } = {}) =>
  z.string().max(2000, `${label} must be 2000 characters or fewer`).optional()
    .transform((v) => [...new Set((v ?? '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(80, `Each item in ${label.toLowerCase()} must be 80 characters or fewer`)).max(max, `${label}: list ${max} or fewer`));

export const optionalEmail = z.string().trim().toLowerCase().max(254, 'Email address must be 254 characters or fewer').optional()
  .transform((v) => v || null)
  .pipe(z.union([z.null(), z.email({ error: 'Enter an email address in the correct format, like name@example.com' })]));

export const optionalPhone = z.string().trim().max(30, 'Phone number must be 30 characters or fewer').optional()
  .transform((v) => v || null)
  .pipe(z.union([z.null(), z.string().regex(/^[+()\d\s-]{6,}$/, 'Enter a phone number, like 01632 960 001 or 07700 900 982')]));

/** A yes/no radio, as a boolean. */
export const yesNo = (whenEmpty: string) => z.enum(['yes', 'no'], { error: whenEmpty }).transform((v) => v === 'yes');

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
