import { z } from 'zod';

/**
 * A UK postcode: an outward code (area, district and perhaps a letter: "NB1", "SW1A", "M60") and an
 * inward code (sector digit and two letters of the unit: "4QT"). Shape only: whether a postcode
 * exists is the lookup's business (src/postcodes), so a fictional one such as NB1 4QT is fine.
 */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const OUTWARD_ONLY = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

export const POSTCODE_EXAMPLE = 'NB1 4QT';

/** A UK postcode in its usual form ("nb1  4qt" → "NB1 4QT"), or null when it is not one. */
export function normalisePostcode(text: string): string | null {
  const match = POSTCODE.exec(text.toUpperCase().replace(/\s+/g, ''));
  return match ? `${match[1]} ${match[2]}` : null;
}

/** What to say about text that is not a postcode: each message says what to do. */
export function postcodeProblem(text: string): string {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  if (OUTWARD_ONLY.test(compact)) return `Enter the full postcode, like ${POSTCODE_EXAMPLE}, not only the first part`;
  if (/[^A-Z0-9]/.test(compact)) return `A postcode has only letters and numbers, like ${POSTCODE_EXAMPLE}`;
  return `Enter a real postcode, like ${POSTCODE_EXAMPLE}`;
}

/** A postcode box that may be left empty: normalised, or null. */
export const optionalPostcode = () =>
  z
    .string()
    .trim()
    .max(12, `Enter a real postcode, like ${POSTCODE_EXAMPLE}`)
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const postcode = normalisePostcode(value);
      if (postcode) return postcode;
      ctx.addIssue({ code: 'custom', message: postcodeProblem(value) });
      return z.NEVER;
    });

/** A postcode box that must be filled in. */
export const postcode = (whenEmpty = 'Enter a postcode') => optionalPostcode().pipe(z.string({ error: whenEmpty }));
