import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse } from '../platform/forms/forms.js';
import { dateInput, dateValues, optionalDateInput, withDateInputs } from './date-input.js';

const form = withDateInputs(['doneOn', 'endsOn'], z.object({
  doneOn: dateInput({ whenEmpty: 'Enter the date it was done', label: 'The date it was done', notFuture: true, today: () => '2026-03-15' }),
  endsOn: optionalDateInput({ label: 'The end date' }),
}));

const message = (body: Record<string, string>) => {
  const result = parse(form, body);
  return result.ok ? result.data : result.errors.fields;
};

describe('the GOV.UK date input', () => {
  it('gives an ISO date from day, month and year boxes', () => {
    expect(message({ 'doneOn-day': '5', 'doneOn-month': '3', 'doneOn-year': '2026' })).toEqual({ doneOn: '2026-03-05', endsOn: null });
    expect(message({ 'doneOn-day': ' 05', 'doneOn-month': '03 ', 'doneOn-year': '2026', 'endsOn-day': '1', 'endsOn-month': '12', 'endsOn-year': '2030' }))
      .toEqual({ doneOn: '2026-03-05', endsOn: '2030-12-01' });
  });

  it('says what to fix, as the GOV.UK pattern does', () => {
    expect(message({})).toEqual({ doneOn: { text: 'Enter the date it was done' } });
    expect(message({ 'doneOn-day': '5', 'doneOn-year': '2026' })).toEqual({ doneOn: { text: 'The date it was done must include a month' } });
    expect(message({ 'doneOn-day': '5' })).toEqual({ doneOn: { text: 'The date it was done must include a month and year' } });
    expect(message({ 'doneOn-day': '31', 'doneOn-month': '2', 'doneOn-year': '2026' })).toEqual({ doneOn: { text: 'The date it was done must be a real date' } });
    expect(message({ 'doneOn-day': 'x', 'doneOn-month': '2', 'doneOn-year': '2026' })).toEqual({ doneOn: { text: 'The date it was done must be a real date' } });
    expect(message({ 'doneOn-day': '1', 'doneOn-month': '2', 'doneOn-year': '26' })).toEqual({ doneOn: { text: 'Year must include 4 numbers' } });
    expect(message({ 'doneOn-day': '16', 'doneOn-month': '3', 'doneOn-year': '2026' })).toEqual({ doneOn: { text: 'The date it was done must be today or in the past' } });
    expect(message({ 'doneOn-day': '1', 'doneOn-month': '1', 'doneOn-year': '2026', 'endsOn-month': '4' })).toEqual({ endsOn: { text: 'The end date must include a day and year' } });
  });

  it('fills the boxes back in from a saved date', () => {
    expect(dateValues('doneOn', '2026-03-05')).toEqual({ 'doneOn-day': '5', 'doneOn-month': '3', 'doneOn-year': '2026' });
    expect(dateValues('doneOn', null)).toEqual({});
  });
});
