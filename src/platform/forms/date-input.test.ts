import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays } from '../dates.js';
import { dateInput, dateValues, groupDateParts, optionalDateInput, readDate, withDateInputs } from './date-input.js';
import { parse } from './forms.js';

const today = () => '2026-03-01';
const form = withDateInputs(
  z.object({
    born: optionalDateInput({ label: 'Date of birth', when: 'past', today }),
    happened: dateInput({ label: 'The date CQC was told', when: 'not future', today }),
    doneOn: optionalDateInput({ label: 'The date it was done' }),
  }),
);
const problems = (body: Record<string, string>) => {
  const result = parse(form, body);
  return result.ok ? {} : Object.fromEntries(Object.entries(result.errors.fields).map(([k, v]) => [k, v.text]));
};
const happened = { 'happened-day': '1', 'happened-month': '2', 'happened-year': '2026' };
const boxes = (date: string) => groupDateParts(dateValues('d', date)) as { d: unknown };

describe('the GOV.UK date input', () => {
  it('reads three boxes as one ISO date, and leaves an optional one empty', () => {
    expect(parse(form, { ...happened, 'born-day': ' 07 ', 'born-month': '03', 'born-year': '1990' })).toEqual({
      ok: true,
      data: { born: '1990-03-07', happened: '2026-02-01', doneOn: null },
    });
    expect(parse(form, { ...happened, 'born-day': '', 'born-month': '', 'born-year': '' })).toEqual({
      ok: true,
      data: { born: null, happened: '2026-02-01', doneOn: null },
    });
  });

  it('says what to fix, in the design system’s words', () => {
    expect(problems({})).toEqual({ happened: 'Enter the date CQC was told' });
    expect(problems({ ...happened, 'born-day': '7', 'born-year': '1990' })).toEqual({ born: 'Date of birth must include a month' });
    expect(problems({ ...happened, 'born-year': '1990' })).toEqual({ born: 'Date of birth must include a day and month' });
    expect(problems({ ...happened, 'born-day': '31', 'born-month': '2', 'born-year': '1990' })).toEqual({
      born: 'Date of birth must be a real date',
    });
    expect(problems({ ...happened, 'born-day': 'x', 'born-month': '2', 'born-year': '1990' })).toEqual({
      born: 'Date of birth must be a real date',
    });
    expect(problems({ ...happened, 'born-day': '1', 'born-month': '2', 'born-year': '90' })).toEqual({
      born: 'Year must include 4 numbers',
    });
    expect(problems({ ...happened, 'born-day': '1', 'born-month': '2', 'born-year': '1899' })).toEqual({
      born: 'Date of birth must be the same as or after 1 January 1900',
    });
    expect(problems({ ...happened, 'born-day': '1', 'born-month': '3', 'born-year': '2026' })).toEqual({
      born: 'Date of birth must be in the past',
    });
    expect(problems({ 'happened-day': '2', 'happened-month': '3', 'happened-year': '2026' })).toEqual({
      happened: 'The date CQC was told must be today or in the past',
    });
    expect(problems({ ...happened, 'doneOn-month': '4' })).toEqual({ doneOn: 'The date it was done must include a day and year' });
  });

  it('says what is empty in its own words when given them', () => {
    const own = dateInput({ label: 'The date it was done', whenEmpty: 'Enter the date the check was done' });
    expect(own.safeParse(undefined).error?.issues[0]?.message).toBe('Enter the date the check was done');
  });

  it('groups only the date boxes, and fills them back from a saved date', () => {
    expect(groupDateParts({ a: '1', 'x-day': '2', 'x-year': '3', 'well-being': 'y' })).toEqual({
      a: '1',
      x: { day: '2', year: '3' },
      'well-being': 'y',
    });
    expect(dateValues('born', '1990-03-07')).toEqual({ 'born-day': '7', 'born-month': '3', 'born-year': '1990' });
    expect(dateValues('born', null)).toEqual({});
  });

  it('reads back any real date typed in its boxes (property)', () => {
    const field = dateInput({ label: 'Date', today: () => '2100-01-01', when: 'not future' });
    const date = fc.integer({ min: 0, max: 73_000 }).map((days) => addDays('1900-01-01', days));
    fc.assert(fc.property(date, (iso) => field.parse(boxes(iso).d) === iso));
  });

  it('refuses any day or month out of range, saying it must be a real date (property)', () => {
    const year = fc.integer({ min: 1900, max: 2100 }).map(String);
    const badDay = fc.record({ day: fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 999 })), month: fc.integer({ min: 1, max: 12 }) });
    const badMonth = fc.record({ day: fc.integer({ min: 1, max: 28 }), month: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })) });
    fc.assert(
      fc.property(fc.oneof(badDay, badMonth), year, ({ day, month }, y) => {
        const read = readDate({ day: String(day), month: String(month), year: y }, { label: 'The date', required: true });
        return 'problem' in read && read.problem === 'The date must be a real date';
      }),
    );
  });
});
