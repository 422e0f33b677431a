import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failedConstraints } from './constraints.js';
import { encodeCarers, encodePeople } from './encode.js';
import { dayNumber, shortBreakShortlist } from './short-breaks.js';
import { aCarer, aPerson, smallScheme } from './testing.js';
import type { MatchCarer } from './types.js';

const diary = (shortBreaks: MatchCarer['shortBreaks'], overrides: Partial<MatchCarer> = {}) => aCarer({ shortBreaks, ...overrides });
const march = { from: '2026-03-04', to: '2026-03-08' };

describe('short breaks', () => {
  it('matches nights against availability and bookings', () => {
    const carers = encodeCarers([
      diary({ availability: [{ from: '2026-03-01', to: '2026-03-31' }], bookings: [] }, { id: 'free' }),
      diary(
        { availability: [{ from: '2026-03-01', to: '2026-03-31' }], bookings: [{ from: '2026-03-05', to: '2026-03-07' }], placesAtOnce: 1 },
        { id: 'busy' },
      ),
      diary({ availability: [{ from: '2026-03-01', to: '2026-03-06' }], bookings: [] }, { id: 'away' }),
      diary(
        { availability: [{ from: '2026-03-01', to: '2026-03-31' }], bookings: [{ from: '2026-03-05', to: '2026-03-07' }], placesAtOnce: 2 },
        { id: 'roomy' },
      ),
    ]);
    const list = shortBreakShortlist(aPerson(), march, carers);
    expect(list.nights).toBe(4);
    expect(list.suitable.map((m) => [m.carerId, m.freeNights, m.dates])).toEqual([
      ['free', 4, 'Free all 4 nights'],
      ['roomy', 4, 'Free all 4 nights'],
      ['away', 2, 'Free 2 of 4 nights: not free on 6 to 7 March'],
      ['busy', 2, 'Free 2 of 4 nights: not free on 5 to 6 March'],
    ]);
  });

  it('writes runs of busy nights across months', () => {
    const carers = encodeCarers([
      diary({
        availability: [{ from: '2026-03-29', to: '2026-04-05' }],
        bookings: [
          { from: '2026-03-30', to: '2026-04-02' },
          { from: '2026-04-03', to: '2026-04-04' },
        ],
        placesAtOnce: 1,
      }),
    ]);
    const [match] = shortBreakShortlist(aPerson(), { from: '2026-03-29', to: '2026-04-05' }, carers).suitable;
    expect(match!.dates).toBe('Free 3 of 7 nights: not free on 30 March to 1 April and 3 April');
  });

  it('excludes carers free on none of the nights, or not approved for short breaks, saying why', () => {
    const carers = encodeCarers([
      diary({ availability: [{ from: '2026-05-01', to: '2026-05-31' }], bookings: [] }, { id: 'may' }),
      diary(undefined, { id: 'no-diary' }),
      diary(
        { availability: [{ from: '2026-03-01', to: '2026-03-31' }], bookings: [] },
        {
          id: 'live-in-only',
          approval: { maxPeople: 2, arrangementTypes: ['live_in'], needs: ['learning disability'] },
        },
      ),
    ]);
    const list = shortBreakShortlist(aPerson({ arrangement: 'live_in' }), march, carers, { includeExcluded: true });
    expect(list.suitable).toEqual([]);
    expect(list.excluded.map((e) => [e.carerId, e.reasons.map((r) => r.text)])).toEqual([
      ['live-in-only', ['Not approved for short breaks']],
      ['may', ['Not free on these dates']],
      ['no-diary', ['Not free on these dates']],
    ]);
  });

  it('a short-break place does not need a free live-in place', () => {
    const carers = encodeCarers([
      diary(
        { availability: [{ from: '2026-03-01', to: '2026-03-31' }], bookings: [], placesAtOnce: 1 },
        {
          supporting: [
            { personId: 'x', arrangement: 'live_in' },
            { personId: 'y', arrangement: 'live_in' },
          ],
        },
      ),
    ]);
    expect(shortBreakShortlist(aPerson(), march, carers).suitable).toHaveLength(1);
  });

  it('refuses dates that are not dates, or no nights', () => {
    const carers = encodeCarers([aCarer()]);
    expect(() => shortBreakShortlist(aPerson(), { from: '2026-02-30', to: '2026-03-02' }, carers)).toThrow(RangeError);
    expect(() => shortBreakShortlist(aPerson(), { from: '2026-03-02', to: '2026-03-02' }, carers)).toThrow(RangeError);
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('never offers an excluded pair', () => {
    const night = fc.integer({ min: 0, max: 20 });
    fc.assert(
      fc.property(smallScheme(), night, night, fc.array(fc.tuple(night, night), { maxLength: 4 }), ({ people, carers }, a, b, bookings) => {
        const date = (d: number) => new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10);
        const withDiaries = carers.map((c) => ({
          ...c,
          shortBreaks: {
            availability: [{ from: date(0), to: date(15) }],
            bookings: bookings.map(([x, y]) => ({ from: date(Math.min(x, y)), to: date(Math.max(x, y) + 1) })),
          },
        }));
        const C = encodeCarers(withDiaries, { maxMiles: 20 });
        for (const person of people) {
          const list = shortBreakShortlist(person, { from: date(Math.min(a, b)), to: date(Math.max(a, b) + 1) }, C);
          const P = encodePeople([{ ...person, arrangement: 'short_breaks' }], C);
          for (const match of list.suitable) {
            expect(failedConstraints(P, 0, C, C.indexOf.get(match.carerId)!)).toBe(0);
            expect(match.freeNights).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
