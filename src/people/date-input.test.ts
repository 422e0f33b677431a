import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse } from '../platform/forms/forms.js';
import { dateField, dateValues, groupDateParts, todayInUk, withDates } from './date-input.js';

const today = () => '2026-03-01';
const form = withDates(z.object({
  born: dateField({ label: 'Date of birth', when: 'past', today }),
  happened: dateField({ label: 'Date of the change', required: true, when: 'not future', today }),
}));
const problems = (body: Record<string, string>) => {
  const result = parse(form, body);
  return result.ok ? {} : Object.fromEntries(Object.entries(result.errors.fields).map(([k, v]) => [k, v.text]));
};
const happened = { 'happened-day': '1', 'happened-month': '2', 'happened-year': '2026' };

describe('GOV.UK date inputs', () => {
  it('reads three fields as one date, and leaves an optional one empty', () => {
    expect(parse(form, { ...happened, 'born-day': ' 07 ', 'born-month': '3', 'born-year': '1990' }))
      .toEqual({ ok: true, data: { born: '1990-03-07', happened: '2026-02-01' } });
    expect(parse(form, { ...happened, 'born-day': '', 'born-month': '', 'born-year': '' }))
      .toEqual({ ok: true, data: { born: null, happened: '2026-02-01' } });
  });

  it('says what to fix, in GOV.UK words', () => {
    expect(problems({})).toEqual({ happened: 'Enter date of the change' });
    expect(problems({ ...happened, 'born-day': '7', 'born-year': '1990' })).toEqual({ born: 'Date of birth must include a month' });
    expect(problems({ ...happened, 'born-year': '1990' })).toEqual({ born: 'Date of birth must include a day and month' });
    expect(problems({ ...happened, 'born-day': '31', 'born-month': '2', 'born-year': '1990' })).toEqual({ born: 'Date of birth must be a real date' });
    expect(problems({ ...happened, 'born-day': 'x', 'born-month': '2', 'born-year': '1990' })).toEqual({ born: 'Date of birth must be a real date' });
    expect(problems({ ...happened, 'born-day': '1', 'born-month': '2', 'born-year': '90' })).toEqual({ born: 'Year must include 4 numbers' });
    expect(problems({ ...happened, 'born-day': '1', 'born-month': '3', 'born-year': '2026' })).toEqual({ born: 'Date of birth must be in the past' });
    expect(problems({ 'happened-day': '2', 'happened-month': '3', 'happened-year': '2026' })).toEqual({ happened: 'Date of the change must be today or in the past' });
  });

  it('groups only the date parts, and fills the fields back from a stored date', () => {
    expect(groupDateParts({ a: '1', 'x-day': '2', 'x-year': '3', 'well-being': 'y' })).toEqual({ a: '1', x: { day: '2', year: '3' }, 'well-being': 'y' });
    expect(dateValues('born', '1990-03-07')).toEqual({ 'born-day': '7', 'born-month': '3', 'born-year': '1990' });
    expect(dateValues('born', null)).toEqual({});
    expect(todayInUk(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });

  it('reads back any real date it wrote (property)', () => {
    const field = dateField({ label: 'Date', required: true, today: () => '2100-01-01' });
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
      const iso = date.toISOString().slice(0, 10);
      const parts = groupDateParts(dateValues('d', iso)) as { d: unknown };
      return field.parse(parts.d) === iso;
    }));
  });
});
