import { z } from 'zod';

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
