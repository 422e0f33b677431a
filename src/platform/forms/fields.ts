import { z } from 'zod';

/** Field builders with GOV.UK-style messages: each says what to do, not what went wrong. */

export const text = (whenEmpty: string, { max = 200, label = 'This' }: { max?: number; label?: string } = {}) =>
  z.string({ error: whenEmpty }).trim().min(1, whenEmpty).max(max, `${label} must be ${max} characters or fewer`);

export const optionalText = ({ max = 2000, label = 'This' }: { max?: number; label?: string } = {}) =>
  z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be ${max} characters or fewer`)
    .optional().transform((value) => value || null);

export const email = (whenEmpty = 'Enter an email address') =>
  text(whenEmpty, { max: 254, label: 'Email address' }).toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }));

export const choice = <const T extends readonly [string, ...string[]]>(values: T, whenEmpty: string) =>
  z.enum(values, { error: whenEmpty });

export const newPassword = (label = 'Password') =>
  z.string({ error: `Enter a ${label.toLowerCase()}` })
    .min(1, `Enter a ${label.toLowerCase()}`)
    .min(12, `${label} must be 12 characters or more`)
    .max(200, `${label} must be 200 characters or fewer`);

export const uuidParam = z.object({ id: z.uuid() });
export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });

/** What a form sent for a text box, as text: a list (the field sent twice) or anything else is none. */
export const formText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
