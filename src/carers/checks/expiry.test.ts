import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, daysBetween } from '../../platform/dates.js';
import { expiryFor, OUTCOMES, requirementStatus, SEVERITY, statusOn, type Evidence } from './expiry.js';

const today = '2026-03-15';
const isoDate = fc.integer({ min: -3000, max: 3000 }).map((d) => addDays(today, d));
const evidence = fc
  .record({
    completedOn: fc.integer({ min: -3000, max: 0 }).map((d) => addDays(today, d)),
    expiresOn: fc.option(
      fc.integer({ min: -1500, max: 1500 }).map((d) => addDays(today, d)),
      { nil: null },
    ),
    outcome: fc.constantFrom(...OUTCOMES),
  })
  .filter((e) => e.expiresOn === null || e.expiresOn >= e.completedOn);

describe('dates', () => {
  it('adds calendar months, keeping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-15', 36)).toBe('2029-03-15');
    expect(addMonths('2026-11-30', -12)).toBe('2025-11-30');
  });

  it('counts ages in whole years', () => {
    expect(ageOn('2008-03-16', today)).toBe(17);
    expect(ageOn('2008-03-15', today)).toBe(18);
  });

  it('adds days and counts them back', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });
});

describe('whether something is due', () => {
  it('is overdue the day after its date, due soon within 30 days, and fine after that', () => {
    expect(statusOn(addDays(today, -1), today)).toBe('overdue');
    expect(statusOn(today, today)).toBe('due_soon');
    expect(statusOn(addDays(today, 30), today)).toBe('due_soon');
    expect(statusOn(addDays(today, 31), today)).toBe('ok');
    expect(statusOn(null, today)).toBe('ok');
  });

  it('shows an expired DBS check as overdue, and a renewed one as up to date', () => {
    const expired: Evidence = { completedOn: '2022-03-01', expiresOn: expiryFor('2022-03-01', 36), outcome: 'satisfactory' };
    expect(expired.expiresOn).toBe('2025-03-01');
    expect(requirementStatus([expired], 1, today)).toMatchObject({ status: 'overdue', dueOn: '2025-03-01' });
    const renewed: Evidence = { completedOn: '2026-02-01', expiresOn: expiryFor('2026-02-01', 36), outcome: 'satisfactory' };
    expect(requirementStatus([expired, renewed], 1, today)).toMatchObject({ status: 'ok', dueOn: '2029-02-01' });
  });

  it('is missing with nothing recorded, or only unsatisfactory results, or fewer than needed', () => {
    expect(requirementStatus([], 1, today).status).toBe('missing');
    expect(requirementStatus([{ completedOn: '2026-01-01', expiresOn: null, outcome: 'unsatisfactory' }], 1, today).status).toBe('missing');
    const reference: Evidence = { completedOn: '2025-06-01', expiresOn: null, outcome: 'satisfactory' };
    expect(requirementStatus([reference], 2, today).status).toBe('missing');
    expect(requirementStatus([reference, { ...reference, completedOn: '2025-07-01' }], 2, today)).toMatchObject({
      status: 'ok',
      dueOn: null,
    });
  });

  it('does not count a check dated in the future', () => {
    expect(requirementStatus([{ completedOn: addDays(today, 1), expiresOn: null, outcome: 'satisfactory' }], 1, today).status).toBe(
      'missing',
    );
  });

  it('never gets worse when another satisfactory record is added', () => {
    fc.assert(
      fc.property(fc.array(evidence, { maxLength: 6 }), evidence, fc.integer({ min: 1, max: 3 }), (records, extra, howMany) => {
        const before = requirementStatus(records, howMany, today);
        const after = requirementStatus([...records, { ...extra, outcome: 'satisfactory' }], howMany, today);
        expect(SEVERITY[after.status]).toBeGreaterThanOrEqual(SEVERITY[before.status]);
      }),
    );
  });

  it('is due on the earliest expiry of the records that count, and its status follows that date', () => {
    fc.assert(
      fc.property(fc.array(evidence, { maxLength: 6 }), fc.integer({ min: 1, max: 3 }), (records, howMany) => {
        const result = requirementStatus(records, howMany, today);
        if (result.status === 'missing') {
          expect(records.filter((r) => r.outcome !== 'unsatisfactory').length).toBeLessThan(howMany);
          return;
        }
        expect(result.counted).toHaveLength(howMany);
        const expiries = result.counted
          .map((r) => r.expiresOn)
          .filter((d) => d !== null)
          .sort();
        expect(result.dueOn).toBe(expiries[0] ?? null);
        expect(result.status).toBe(statusOn(result.dueOn, today));
      }),
    );
  });
});
