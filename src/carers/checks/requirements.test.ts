import { describe, expect, it } from 'vitest';
import { isDue, requirementsFor, type CheckRecord, type CheckType } from './requirements.js';

const today = '2026-03-15';
const dbs: CheckType = {
  id: 'dbs',
  name: 'DBS check',
  kind: 'check',
  appliesTo: 'every_adult',
  validMonths: 36,
  howMany: 1,
  required: true,
};
const references: CheckType = {
  id: 'ref',
  name: 'Reference',
  kind: 'check',
  appliesTo: 'carer',
  validMonths: null,
  howMany: 2,
  required: true,
};
const mca: CheckType = {
  id: 'mca',
  name: 'Mental Capacity Act',
  kind: 'training',
  appliesTo: 'carer',
  validMonths: 36,
  howMany: 1,
  required: false,
};
const carer = { memberId: null, name: 'Ada Hart' };
const partner = { memberId: 'm1', name: 'Sam Hart' };

const record = (checkTypeId: string, householdMemberId: string | null, completedOn: string, expiresOn: string | null): CheckRecord => ({
  id: `${checkTypeId}-${householdMemberId}-${completedOn}`,
  checkTypeId,
  householdMemberId,
  completedOn,
  expiresOn,
  outcome: 'satisfactory',
});

describe('what a carer needs, person by person', () => {
  it('asks for a DBS check for the carer and every adult at home, judged separately', () => {
    const result = requirementsFor(
      [dbs],
      carer,
      [partner],
      [record('dbs', null, '2025-01-10', '2028-01-10'), record('dbs', 'm1', '2022-01-10', '2025-01-10')],
      today,
    );
    expect(result.map((r) => [r.who.name, r.status])).toEqual([
      ['Ada Hart', 'ok'],
      ['Sam Hart', 'overdue'],
    ]);
    expect(result.filter(isDue).map((r) => r.who.name)).toEqual(['Sam Hart']);
  });

  it('asks only the carer for carer-only checks, and counts two references as two', () => {
    const result = requirementsFor([references], carer, [partner], [record('ref', null, '2025-05-01', null)], today);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ status: 'missing', latest: { completedOn: '2025-05-01' } });
  });

  it('lists optional training that has not been done, but does not call it due', () => {
    const [result] = requirementsFor([mca], carer, [], [], today);
    expect(result!.status).toBe('missing');
    expect(isDue(result!)).toBe(false);
    const [lapsed] = requirementsFor([mca], carer, [], [record('mca', null, '2022-01-01', '2025-01-01')], today);
    expect(isDue(lapsed!)).toBe(true);
  });
});
