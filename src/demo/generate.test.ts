import { describe, expect, it } from 'vitest';
import { ROLES } from '../platform/permissions/roles.js';
import { DEMO_SIGN_INS, generateDemo, type DemoData } from './generate.js';
import { formatSignIns, SECOND_SCHEME_SIGN_IN } from './sign-ins.js';

const small = generateDemo({ scale: 'small', seed: 2026 });
const national = generateDemo({ scale: 'national', seed: 2026 });

const withRole = (data: DemoData, role: string) => data.memberships.filter((m) => m.role === role).length;

function expectWellFormed(data: DemoData) {
  const emails = data.users.map((u) => u.email);
  expect(new Set(emails).size).toBe(emails.length);
  for (const email of emails) {
    expect(email).toBe(email.toLowerCase());
    expect(email).toMatch(/^[a-z0-9.-]+@[a-z]+\.hearth\.example$/);
  }
  expect(new Set(data.users.map((u) => u.id)).size).toBe(data.users.length);
  expect(new Set(data.schemes.map((s) => s.id)).size).toBe(data.schemes.length);
  expect(new Set(data.schemes.map((s) => s.name)).size).toBe(data.schemes.length);

  const userIds = new Set(data.users.map((u) => u.id));
  const schemeIds = new Set(data.schemes.map((s) => s.id));
  for (const m of data.memberships) {
    expect(userIds.has(m.userId)).toBe(true);
    if (m.role === 'national_admin') expect(m.schemeId).toBeNull();
    else expect(schemeIds.has(m.schemeId!)).toBe(true);
  }
}

describe('generateDemo', () => {
  it('gives identical data for the same seed and different data for another', () => {
    expect(generateDemo({ scale: 'small', seed: 2026 })).toEqual(small);
    const other = generateDemo({ scale: 'small', seed: 7 });
    expect(other.users.map((u) => u.name)).not.toEqual(small.users.map((u) => u.name));
  });

  it('has exactly one fixed sign-in per role, the national administrator in no scheme', () => {
    expect(DEMO_SIGN_INS.map((s) => s.role)).toEqual([...ROLES]);
    for (const signIn of DEMO_SIGN_INS) {
      const user = small.users.find((u) => u.email === signIn.email);
      expect(user?.name).toBe(signIn.name);
      expect(small.memberships.filter((m) => m.userId === user!.id).map((m) => m.role)).toEqual([signIn.role]);
    }
    expect(small.users.filter((u) => u.email.endsWith('@demo.hearth.example'))).toHaveLength(ROLES.length);
  });

  it('makes Northbrook with every role and Eastmere as a second tenant', () => {
    expect(small.schemes.map((s) => s.name)).toEqual(['Northbrook Shared Lives (demo)', 'Eastmere Shared Lives (demo)']);
    const [northbrook, eastmere] = small.schemes.map((s) => s.id);
    const inScheme = (id: string | undefined, role: string) => small.memberships.filter((m) => m.schemeId === id && m.role === role).length;
    expect(inScheme(northbrook, 'carer')).toBeGreaterThanOrEqual(30);
    expect(inScheme(northbrook, 'person')).toBeGreaterThanOrEqual(30);
    expect(inScheme(northbrook, 'scheme_worker')).toBe(2);
    const eastmereManager = small.users.find((u) => u.email === SECOND_SCHEME_SIGN_IN.email)!;
    expect(small.memberships.find((m) => m.userId === eastmereManager.id)).toMatchObject({ schemeId: eastmere, role: 'scheme_manager' });
  });

  it('keeps small data well formed', () => expectWellFormed(small));

  it('spreads about 150 schemes, 10,000 carers and 13,000 people over every nation and region', () => {
    expectWellFormed(national);
    expect(national.schemes.length).toBeGreaterThanOrEqual(140);
    expect(national.schemes.length).toBeLessThanOrEqual(160);
    expect(withRole(national, 'carer')).toBeGreaterThanOrEqual(9_000);
    expect(withRole(national, 'carer')).toBeLessThanOrEqual(11_000);
    expect(withRole(national, 'person')).toBeGreaterThanOrEqual(12_000);
    expect(withRole(national, 'person')).toBeLessThanOrEqual(14_000);
    expect(withRole(national, 'national_admin')).toBe(1);
    expect(new Set(national.schemes.map((s) => s.region)).size).toBe(12);
    for (const scheme of national.schemes) {
      const staff = national.memberships.filter((m) => m.schemeId === scheme.id);
      expect(staff.filter((m) => m.role === 'scheme_manager')).toHaveLength(1);
      expect(staff.filter((m) => m.role === 'scheme_worker').length).toBeGreaterThanOrEqual(1);
    }
  });

  it('generates national scale quickly, carers’ households, checks and histories included', () => {
    const started = performance.now();
    generateDemo({ scale: 'national', seed: 1 });
    expect(performance.now() - started).toBeLessThan(6_000);
  });
});

describe('formatSignIns', () => {
  it('lists every fixed sign-in and the password', () => {
    const lines = formatSignIns('hearth-demo-2026');
    for (const signIn of [...DEMO_SIGN_INS, SECOND_SCHEME_SIGN_IN]) expect(lines.some((l) => l.includes(signIn.email))).toBe(true);
    expect(lines.at(-1)).toContain('hearth-demo-2026');
  });
});
