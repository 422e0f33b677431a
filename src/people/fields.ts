import { z } from 'zod';

/** Field builders the people's forms need beyond the platform's. */

/** A list typed as text, one item per comma or line: "Knitting, buses" → ['Knitting', 'buses']. */
export const listOfText = ({ max = 30, label = 'This' }: { max?: number; label?: string } = {}) =>
  z
    .string()
    .max(2000, `${label} must be 2000 characters or fewer`)
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? '')
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(80, `Each item in ${label.toLowerCase()} must be 80 characters or fewer`))
        .max(max, `${label}: list ${max} or fewer`),
    );

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email address must be 254 characters or fewer')
  .optional()
  .transform((v) => v || null)
  .pipe(z.union([z.null(), z.email({ error: 'Enter an email address in the correct format, like name@example.com' })]));

export const optionalPhone = z
  .string()
  .trim()
  .max(30, 'Phone number must be 30 characters or fewer')
  .optional()
  .transform((v) => v || null)
  .pipe(z.union([z.null(), z.string().regex(/^[+()\d\s-]{6,}$/, 'Enter a phone number, like 01632 960 001 or 07700 900 982')]));

/** A yes/no radio, as a boolean. */
export const yesNo = (whenEmpty: string) => z.enum(['yes', 'no'], { error: whenEmpty }).transform((v) => v === 'yes');
