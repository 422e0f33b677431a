import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate } from './views.js';

const intl = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

describe('a date written out', () => {
  it('reads as Intl writes it in the UK, for any day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        expect(formatDate(day)).toBe(intl.format(new Date(day)));
      }),
      { numRuns: 2000 },
    );
    expect(formatDate('2026-12-07')).toBe('7 December 2026');
    expect(formatDate(null)).toBe('');
  });
});
