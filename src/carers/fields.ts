import { z } from 'zod';

/** A UK postcode, in capitals with one space before the last three characters: "nb1 2ab" → "NB1 2AB". */
export const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;

export const normalisePostcode = (value: string) => {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
};

export const optionalPostcode = () =>
  z
    .string()
    .trim()
    .max(10, 'Enter a real postcode, like NB1 2AB')
    .optional()
    .refine((v) => !v || POSTCODE.test(v.toUpperCase().replace(/\s+/g, ' ')), 'Enter a real postcode, like NB1 2AB')
    .transform((v) => (v ? normalisePostcode(v) : null));

export const optionalEmail = () =>
  z
    .string()
    .trim()
    .max(254, 'Email address must be 254 characters or fewer')
    .toLowerCase()
    .optional()
    .refine((v) => !v || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.com')
    .transform((v) => v || null);

export const optionalPhone = () =>
  z
    .string()
    .trim()
    .max(30, 'Phone number must be 30 characters or fewer')
    .optional()
    .refine((v) => !v || /^[0-9+() -]{6,30}$/.test(v), 'Enter a phone number, like 01632 960 001')
    .transform((v) => v || null);

/** Yes / no radios; not answered means not known. */
export const optionalYesNo = () =>
  z
    .enum(['yes', 'no'])
    .optional()
    .catch(undefined)
    .transform((v) => (v === undefined ? null : v === 'yes'));
