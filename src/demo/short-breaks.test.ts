import { describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS, DEMO_TODAY, generateDemo } from './generate.js';

const small = generateDemo({ scale: 'small', seed: 2026 });
const { bookings, availability, carerBreaks } = small.shortBreaks;
const overlaps = (a: { from: unknown; to: unknown }, b: { from: unknown; to: unknown }) =>
  (a.from as string) < (b.to as string) && (b.from as string) < (a.to as string);
const asDays = (r: { nights?: { from: string; to: string } | null; hours?: { from: Date; to: Date } | null }) =>
  r.nights ?? { from: r.hours!.from.toISOString(), to: r.hours!.to.toISOString() };

describe('the demo’s short breaks', () => {
  it('is the same for the same seed', () => {
    expect(generateDemo({ scale: 'small', seed: 2026 }).shortBreaks).toEqual(small.shortBreaks);
  });

  it('has the fixed carer and person meet, before and after the demo’s today, with some cancelled elsewhere', () => {
    const userId = (role: string) => small.users.find((u) => u.email === DEMO_SIGN_INS.find((s) => s.role === role)!.email)!.id;
    const carer = small.carers.carers.find((c) => c.userId === userId('carer'))!;
    const person = small.people.people.find((p) => p.userId === userId('person'))!;
    const theirs = bookings.filter((b) => b.carerId === carer.id && b.personId === person.id && b.status === 'booked');
    expect(theirs.some((b) => asDays(b).from < DEMO_TODAY)).toBe(true);
    expect(theirs.some((b) => asDays(b).from > DEMO_TODAY)).toBe(true);
    expect(bookings.some((b) => b.status === 'cancelled' && b.cancelReason)).toBe(true);
    expect(carerBreaks.some((b) => b.carerId === carer.id)).toBe(true);
  });

  it('never double-books a room or a person, and books only when the carer is available', () => {
    const booked = bookings.filter((b) => b.status === 'booked');
    for (const [i, a] of booked.entries()) {
      for (const b of booked.slice(i + 1)) {
        if (a.kind !== b.kind || !overlaps(asDays(a), asDays(b))) continue;
        expect(a.personId === b.personId, `${a.id} and ${b.id}`).toBe(false);
        if (a.kind === 'short_breaks') expect(a.carerId === b.carerId && a.room === b.room).toBe(false);
      }
      const offered = availability.filter((r) => r.carerId === a.carerId && r.kind === a.kind).map(asDays);
      expect(
        offered.some((r) => r.from <= asDays(a).from && asDays(a).to <= r.to),
        a.id,
      ).toBe(true);
    }
  });
});
