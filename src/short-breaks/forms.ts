import { z } from 'zod';
import { optionalText, optionalWholeNumber, text } from '../platform/forms/fields.js';
import { addDays, daysBetween } from '../platform/dates.js';
import { dateInput, withDateInputs } from '../platform/forms/date-input.js';
import { londonInstant, readTime } from './times.js';

/** The short breaks forms, each a Zod schema read by submitForm: every message says what to do. */

const chosen = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .pipe(z.uuid({ error: message }));

const time = (whenEmpty: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) {
        ctx.addIssue({ code: 'custom', message: whenEmpty });
        return z.NEVER;
      }
      const read = readTime(value);
      if (!read) {
        ctx.addIssue({ code: 'custom', message: `${whenEmpty}, like 9:30 or 14:00` });
        return z.NEVER;
      }
      return read;
    });

const notes = optionalText({ max: 1000, label: 'Notes' });

/** Checks the end comes after the start, and turns a date and two times into the session's hours. */
const session = <S extends z.ZodObject<{ date: z.ZodType<string>; start: z.ZodType<string>; end: z.ZodType<string> }>>(schema: S) =>
  schema
    .superRefine((form, ctx) => {
      const { start, end } = form as { start: string; end: string };
      if (end <= start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end time must be after the start time' });
    })
    .transform((form) => {
      const { date, start, end, ...rest } = form as { date: string; start: string; end: string } & Record<string, unknown>;
      return { ...rest, hours: { from: londonInstant(date, start), to: londonInstant(date, end) } };
    });

const MAX_STAY = 60;

export const nightsForm = withDateInputs(
  z
    .object({
      carerId: chosen('Choose the carer'),
      personId: chosen('Choose who is staying'),
      arrive: dateInput({ whenEmpty: 'Enter the arrival date', label: 'The arrival date' }),
      leave: dateInput({ whenEmpty: 'Enter the leaving date', label: 'The leaving date' }),
      room: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? Number(v) : 1))
        .pipe(z.number({ error: 'Choose a room' }).int('Choose a room').min(1, 'Choose a room')),
      notes,
    })
    .superRefine((form, ctx) => {
      if (form.leave <= form.arrive)
        ctx.addIssue({ code: 'custom', path: ['leave'], message: 'The leaving date must be after the arrival date' });
      else if (daysBetween(form.arrive, form.leave) > MAX_STAY)
        ctx.addIssue({ code: 'custom', path: ['leave'], message: `A short break can be up to ${MAX_STAY} nights` });
    })
    .transform(({ arrive, leave, ...rest }) => ({ ...rest, kind: 'short_breaks' as const, nights: { from: arrive, to: leave } })),
);

export const sessionForm = withDateInputs(
  session(
    z.object({
      carerId: chosen('Choose the carer'),
      personId: chosen('Choose who the session is for'),
      date: dateInput({ whenEmpty: 'Enter the date of the session', label: 'The date of the session' }),
      start: time('Enter the start time'),
      end: time('Enter the end time'),
      notes,
    }),
  ).transform((form) => ({
    ...(form as { carerId: string; personId: string; notes: string | null; hours: { from: Date; to: Date } }),
    kind: 'day_support' as const,
  })),
);

export const cancelForm = z.object({
  reason: text('Enter why the booking is cancelled', { max: 1000, label: 'Reason' }),
});

/** Nights typed as the first and the last night: kept as [first, last + 1). */
const nightsBetween = (labels: { first: string; last: string }) =>
  withDateInputs(
    z
      .object({
        from: dateInput({ whenEmpty: `Enter the ${labels.first}`, label: `The ${labels.first}` }),
        to: dateInput({ whenEmpty: `Enter the ${labels.last}`, label: `The ${labels.last}` }),
        note: optionalText({ max: 300, label: 'Note' }),
      })
      .superRefine((form, ctx) => {
        if (form.to < form.from)
          ctx.addIssue({ code: 'custom', path: ['to'], message: `The ${labels.last} must be on or after the ${labels.first}` });
        else if (daysBetween(form.from, form.to) > 365)
          ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose a year or less at a time' });
      })
      .transform((form) => ({ nights: { from: form.from, to: addDays(form.to, 1) }, note: form.note })),
  );

export const availableNightsForm = nightsBetween({ first: 'first night', last: 'last night' });

export const availableHoursForm = withDateInputs(
  session(
    z.object({
      date: dateInput({ whenEmpty: 'Enter the date', label: 'The date' }),
      start: time('Enter the start time'),
      end: time('Enter the end time'),
    }),
  ),
);

export const breakForm = nightsBetween({ first: 'first night off', last: 'last night off' });

export const allowanceForm = z.object({
  nights: optionalWholeNumber('Nights off a year', { min: 0, max: 366 }),
});

export const settingsForm = z.object({
  peopleMayBook: z.enum(['yes', 'no'], { error: 'Choose whether people and their circle may book' }).transform((v) => v === 'yes'),
  respiteNights: optionalWholeNumber('Nights off a year', { min: 0, max: 366 })
    .refine((v) => v !== null, 'Enter how many nights off a year each carer has')
    .transform((v) => v),
});
