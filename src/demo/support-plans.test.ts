import { describe, expect, it } from 'vitest';
import { generateDemo } from './generate.js';

const small = generateDemo({ scale: 'small', seed: 2026 });

describe('the demo’s support plans', () => {
  it('gives every live arrangement a plan, its versions numbered from 1 to the plan’s version, several with more than one', () => {
    const live = small.arrangements.arrangements.filter((a) => a.status !== 'ended');
    expect(small.supportPlans.plans.map((p) => p.arrangementId).sort()).toEqual(live.map((a) => a.id).sort());
    for (const plan of small.supportPlans.plans) {
      const versions = small.supportPlans.versions.filter((v) => v.planId === plan.id).map((v) => v.version);
      expect(versions).toEqual(Array.from({ length: plan.version }, (_, n) => n + 1));
    }
    expect(small.supportPlans.plans.filter((p) => p.version >= 2).length).toBeGreaterThanOrEqual(3);
    expect(small.supportPlans.plans.some((p) => p.version === 3)).toBe(true);
    const changed = small.supportPlans.versions.filter((v) => v.version > 1);
    expect(changed.every((v) => v.changedSections.length === 1)).toBe(true);
  });

  it('has a few open proposals: one by the fixed carer sign-in, one by a person about their own plan', () => {
    const { proposals } = small.supportPlans;
    expect(proposals.length).toBeGreaterThanOrEqual(2);
    expect(proposals.length).toBeLessThanOrEqual(8);
    expect(proposals.every((p) => p.status === 'open' || p.status === 'discussing')).toBe(true);
    const carerUser = small.users.find((u) => u.email === 'carer@demo.hearth.example')!.id;
    expect(proposals.some((p) => p.authorRole === 'carer' && p.authorUserId === carerUser)).toBe(true);
    const people = new Map(small.people.people.map((p) => [p.id!, p]));
    const arrangementOf = new Map(
      small.supportPlans.plans.map((p) => [p.id, small.arrangements.arrangements.find((a) => a.id === p.arrangementId)!]),
    );
    const byPerson = proposals.filter((p) => p.authorRole === 'person');
    expect(byPerson.length).toBeGreaterThanOrEqual(1);
    for (const p of byPerson) expect(people.get(arrangementOf.get(p.planId)!.personId)!.userId).toBe(p.authorUserId);
    expect(small.supportPlans.messages.length).toBeGreaterThanOrEqual(1);
  });
});
