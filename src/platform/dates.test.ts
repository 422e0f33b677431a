import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, daysBetween, isIsoDate, todayInUk } from './dates.js';

const date = fc.integer({ min: 0, max: 150_000 }).map((days) => addDays('1900-01-01', days));

describe('calendar dates', () => {
  it('knows today in the UK, whatever the server’s time zone', () => {
    expect(todayInUk(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInUk(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('counts days, months and years as people do', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect([isIsoDate('2026-02-29'), isIsoDate('2024-02-29'), isIsoDate('2024-2-9'), isIsoDate(20240209)]).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it('adds days that daysBetween counts back (property)', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: -5000, max: 5000 }),
        (from, days) => isIsoDate(addDays(from, days)) && daysBetween(from, addDays(from, days)) === days,
      ),
    );
  });
});
