import { describe, expect, it } from 'vitest';
import { ROLES } from '../platform/permissions/roles.js';
import { PERSON_STATUSES } from '../people/status.js';
import { DEMO_SIGN_INS, DEMO_TODAY, generateDemo, type DemoData } from './generate.js';
import { formatSignIns, LIVES_WITH_CARER_SIGN_IN, SECOND_SCHEME_SIGN_IN } from './sign-ins.js';

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
    // And the person who lives with the carer sign-in (LIVES_WITH_CARER_SIGN_IN).
    expect(small.users.filter((u) => u.email.endsWith('@demo.hearth.example'))).toHaveLength(ROLES.length + 1);
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

  // How fast is for `npm run demo -- --scale national` to show (it prints the time), not a test a busy machine could fail.
  it('generates national scale, carers’ households, checks, histories and plans included', () => {
    const national = generateDemo({ scale: 'national', seed: 1 });
    expect(national.carers.householdMembers.length).toBeGreaterThan(1_000);
    expect(national.supportPlans.plans.length).toBeGreaterThan(1_000);
  });
});

describe('people who use Shared Lives in the demo', () => {
  const northbrook = small.schemes[0]!.id;
  const fixed = (role: string) => small.users.find((u) => u.email === `${role}@demo.hearth.example`)!.id;

  it('gives Northbrook 30 or more people at every status, each a record of a person sign-in', () => {
    const records = small.people.people.filter((p) => p.schemeId === northbrook);
    expect(records.length).toBeGreaterThanOrEqual(30);
    expect(new Set(records.map((p) => p.status))).toEqual(new Set(PERSON_STATUSES));
    const personUsers = small.memberships.filter((m) => m.role === 'person').map((m) => m.userId);
    expect(small.people.people.map((p) => p.userId).sort()).toEqual(personUsers.sort());
  });

  it('links person@ to a record waiting for a match, and circle@ to their circle with consent', () => {
    const mara = small.people.people.find((p) => p.userId === fixed('person'))!;
    expect(mara).toMatchObject({ status: 'waiting', schemeId: northbrook });
    const member = small.people.circleMembers.find((m) => m.userId === fixed('circle'))!;
    expect(member.personId).toBe(mara.id);
    expect(
      small.people.consents
        .filter((c) => c.circleMemberId === member.id)
        .map((c) => c.area)
        .sort(),
    ).toEqual(['matching', 'profile', 'support_plan']);
    expect(small.people.profiles.filter((p) => p.personId === mara.id).length).toBeGreaterThanOrEqual(1);
    expect(small.people.communication.find((c) => c.personId === mara.id)?.needs).toContain('easy_read');
  });

  it('keeps every record consistent with the database’s rules', () => {
    for (const data of [small, national]) {
      const ids = new Set(data.people.people.map((p) => p.id));
      expect(ids.size).toBe(data.people.people.length);
      for (const p of data.people.people) {
        expect((p.status === 'supported') === (p.arrangementTypes ?? []).length > 0).toBe(true);
        expect(p.statusSince <= DEMO_TODAY).toBe(true);
      }
      const last = new Map<string, string>();
      for (const change of data.people.statusChanges) {
        expect(ids.has(change.personId)).toBe(true);
        expect(change.on >= (last.get(change.personId) ?? '')).toBe(true);
        last.set(change.personId, change.on);
      }
      for (const p of data.people.people) expect(last.get(p.id!)).toBe(p.statusSince);
      const categories = new Set(data.people.categories.map((c) => `${c.id}:${c.schemeId}`));
      for (const need of data.people.needs) expect(categories.has(`${need.categoryId}:${need.schemeId}`)).toBe(true);
      const members = new Map(data.people.circleMembers.map((m) => [m.id, m.personId]));
      for (const consent of data.people.consents) expect(members.get(consent.circleMemberId)).toBe(consent.personId);
      for (const r of data.people.referrals) expect(r.decision === 'declined' ? !!r.decisionReason : true).toBe(true);
    }
  });

  it('gives national scale about 13,000 records, most of them supported', () => {
    expect(national.people.people.length).toBe(withRole(national, 'person'));
    const supported = national.people.people.filter((p) => p.status === 'supported').length;
    expect(supported / national.people.people.length).toBeGreaterThan(0.5);
  });
});

describe('formatSignIns', () => {
  it('lists every fixed sign-in and the password', () => {
    const lines = formatSignIns('hearth-demo-2026');
    for (const signIn of [...DEMO_SIGN_INS, SECOND_SCHEME_SIGN_IN, LIVES_WITH_CARER_SIGN_IN])
      expect(lines.some((l) => l.includes(signIn.email))).toBe(true);
    expect(lines.at(-1)).toContain('hearth-demo-2026');
  });
});
