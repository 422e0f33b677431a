import { describe, expect, it } from 'vitest';
import { allowanceSummary, nightsInYear } from './allowance.js';
import { daysOf, endOfMonth, isMonth, monthGrid, monthName, shiftMonth, weekdayIndex } from './month.js';
import { londonInstant, londonTime, readTime } from './times.js';

describe('the month grid', () => {
  it('lays out November 2026 in whole weeks from Monday', () => {
    const weeks = monthGrid('2026-11');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![0]).toEqual({ date: '2026-10-26', day: 26, inMonth: false, weekday: 'Monday' });
    expect(weeks[0]![6]).toEqual({ date: '2026-11-01', day: 1, inMonth: true, weekday: 'Sunday' });
    expect(weeks[5]![0]!.date).toBe('2026-11-30');
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
  });

  it('needs only four weeks for a February that starts on a Monday', () => {
    expect(monthGrid('2027-02')).toHaveLength(4);
    expect(
      monthGrid('2028-02')
        .flat()
        .filter((d) => d.inMonth),
    ).toHaveLength(29);
  });

  it('moves between months across the year', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(endOfMonth('2026-12')).toBe('2027-01-01');
    expect(monthName('2026-03')).toBe('March 2026');
  });

  it('knows a month when it sees one', () => {
    expect(isMonth('2026-11')).toBe(true);
    for (const bad of ['2026-13', '2026-1', 'November', '0999-01', 2026]) expect(isMonth(bad)).toBe(false);
  });

  it('counts weekdays and days', () => {
    expect(weekdayIndex('2026-11-02')).toBe(0);
    expect(weekdayIndex('2026-11-01')).toBe(6);
    expect(daysOf('2026-11-06', '2026-11-08')).toEqual(['2026-11-06', '2026-11-07']);
  });
});

describe('the respite allowance', () => {
  it('counts nights in the year, splitting a break over New Year', () => {
    const breaks = [
      { from: '2026-03-01', to: '2026-03-08' },
      { from: '2026-12-29', to: '2027-01-03' },
    ];
    expect(nightsInYear(breaks, 2026)).toBe(10);
    expect(nightsInYear(breaks, 2027)).toBe(2);
    expect(nightsInYear(breaks, 2025)).toBe(0);
  });

  it('says how many are used and left', () => {
    expect(allowanceSummary([{ from: '2026-03-01', to: '2026-03-06' }], 28, 2026)).toMatchObject({
      used: 5,
      left: 23,
      over: false,
      text: '5 of 28 nights used in 2026',
    });
    expect(allowanceSummary([{ from: '2026-03-01', to: '2026-03-06' }], 3, 2026)).toMatchObject({ left: 0, over: true });
  });
});

describe('times in the UK', () => {
  it('reads wall-clock times in winter and summer', () => {
    expect(londonInstant('2026-01-15', '10:30').toISOString()).toBe('2026-01-15T10:30:00.000Z');
    expect(londonInstant('2026-07-01', '10:30').toISOString()).toBe('2026-07-01T09:30:00.000Z');
    expect(londonTime(new Date('2026-07-01T09:30:00Z'))).toBe('10:30');
  });

  it('reads what people type as a time', () => {
    expect(readTime('9:30')).toBe('09:30');
    expect(readTime('14.00')).toBe('14:00');
    for (const bad of ['25:00', '9', 'noon', '10:75']) expect(readTime(bad)).toBeNull();
  });
});
