import { describe, expect, it } from 'vitest';
import { agreementKindsFor } from '../arrangements/templates.js';
import { DEMO_TODAY, generateDemo, type DemoData } from './generate.js';
import { LIVES_WITH_CARER_SIGN_IN } from './sign-ins.js';

const small = generateDemo({ scale: 'small', seed: 2026 });
const national = generateDemo({ scale: 'national', seed: 2026 });

/** What the database's trigger and constraints will insist on, checked before loading. */
function expectWithinTerms(data: DemoData) {
  const carers = new Map(data.carers.carers.map((c) => [c.id!, c]));
  const terms = new Map(data.carers.carerApprovals.filter((a) => a.decision === 'approved').map((a) => [a.carerId, a]));
  const people = new Map(data.people.people.map((p) => [p.id!, p]));
  const liveIn = new Map<string, number>();
  for (const a of data.arrangements.arrangements) {
    expect(people.get(a.personId)!.schemeId).toBe(a.schemeId);
    expect(carers.get(a.carerId)!.schemeId).toBe(a.schemeId);
    expect(a.statusSince <= DEMO_TODAY && a.startsOn <= a.statusSince).toBe(true);
    if (a.status === 'ended') continue;
    expect(carers.get(a.carerId)!.stage).toBe('approved');
    expect(terms.get(a.carerId)!.arrangementTypes).toContain(a.type);
    if (a.type === 'live_in') liveIn.set(a.carerId, (liveIn.get(a.carerId) ?? 0) + 1);
  }
  for (const [carerId, n] of liveIn) expect(n).toBeLessThanOrEqual(terms.get(carerId)!.maxPeople!);
  const kinds = new Map<string, string[]>();
  for (const a of data.arrangements.arrangements)
    if (a.status !== 'ended') kinds.set(a.personId, [...(kinds.get(a.personId) ?? []), a.type]);
  for (const p of data.people.people) expect((kinds.get(p.id!) ?? []).sort()).toEqual([...(p.arrangementTypes as string[])].sort());
}

describe('the demo’s arrangements', () => {
  it('gives every supported person an arrangement of each of their kinds, within their carers’ terms', () => {
    expectWithinTerms(small);
    expectWithinTerms(national);
  });

  it('has ended and paused arrangements in Northbrook, and the carer sign-in supports someone', () => {
    const northbrook = small.arrangements.arrangements.filter((a) => a.schemeId === small.schemes[0]!.id);
    expect(northbrook.some((a) => a.status === 'ended')).toBe(true);
    expect(northbrook.some((a) => a.status === 'paused')).toBe(true);
    const carerUser = small.users.find((u) => u.email === 'carer@demo.hearth.example')!.id;
    const carer = small.carers.carers.find((c) => c.userId === carerUser)!;
    expect(northbrook.some((a) => a.carerId === carer.id && a.status !== 'ended')).toBe(true);
  });

  it('lets the person who lives with the carer sign in, with a plan and a review waiting for their own answers (as the README says)', () => {
    const user = small.users.find((u) => u.email === LIVES_WITH_CARER_SIGN_IN.email)!;
    expect(small.memberships.filter((m) => m.userId === user.id).map((m) => m.role)).toEqual(['person']);
    const person = small.people.people.find((p) => p.userId === user.id)!;
    const carerUser = small.users.find((u) => u.email === 'carer@demo.hearth.example')!.id;
    const carer = small.carers.carers.find((c) => c.userId === carerUser)!;
    const home = small.arrangements.arrangements.find((a) => a.personId === person.id && a.carerId === carer.id)!;
    expect(home).toMatchObject({ type: 'live_in', status: 'active' });
    expect(small.supportPlans.plans.some((p) => p.arrangementId === home.id)).toBe(true);
    const answered = new Set(small.reviews.personViews.map((v) => v.reviewId));
    expect(small.reviews.reviews.some((r) => r.arrangementId === home.id && !answered.has(r.id!))).toBe(true);
  });

  it('issues each arrangement its agreements from the scheme’s templates, some acknowledged', () => {
    const templates = new Set(small.arrangements.templates.map((t) => t.id));
    for (const a of small.arrangements.arrangements) {
      const issued = small.arrangements.agreements.filter((g) => g.arrangementId === a.id);
      expect(issued.map((g) => g.kind)).toEqual(agreementKindsFor(a.type));
      for (const g of issued) {
        expect(templates.has(g.templateId)).toBe(true);
        expect(g.body).not.toMatch(/\{[a-z ]+\}/);
      }
    }
    const parties = new Set(small.arrangements.acknowledgements.map((k) => k.party));
    expect(parties).toEqual(new Set(['person', 'carer', 'scheme']));
  });
});
