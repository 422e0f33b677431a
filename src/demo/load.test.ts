import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../platform/auth/passwords.js';
import type { Database } from '../platform/db/database.js';
import { memberships, schemes, users } from '../platform/db/schema.js';
import { testDatabase } from '../platform/testing/database.js';
import { people } from '../people/schema.js';
import { carers } from '../carers/schema.js';
import { matchProposals } from '../matching/schema.js';
import { bookings } from '../short-breaks/schema.js';
import { arrangements } from '../arrangements/schema.js';
import { supportPlans } from '../support-plans/schema.js';
import { arrangementReviews } from '../reviews/schema.js';
import { DEMO_SIGN_INS, generateDemo } from './generate.js';
import { hasAnyScheme, loadDemo } from './load.js';
import { demoPostcodes } from './postcodes.js';
import { postcodes } from '../postcodes/schema.js';

const password = 'a demo password';
const small = generateDemo({ scale: 'small', seed: 2026 });
let db: Database;

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

async function rowCounts() {
  const [s] = await db.owner.select({ n: count() }).from(schemes);
  const [u] = await db.owner.select({ n: count() }).from(users);
  const [m] = await db.owner.select({ n: count() }).from(memberships);
  const [p] = await db.owner.select({ n: count() }).from(people);
  const [c] = await db.owner.select({ n: count() }).from(carers);
  const [b] = await db.owner.select({ n: count() }).from(bookings);
  const [a] = await db.owner.select({ n: count() }).from(arrangements);
  const [sp] = await db.owner.select({ n: count() }).from(supportPlans);
  const [r] = await db.owner.select({ n: count() }).from(arrangementReviews);
  const [pc] = await db.owner.select({ n: count() }).from(postcodes);
  return {
    schemes: s!.n,
    users: u!.n,
    memberships: m!.n,
    people: p!.n,
    carers: c!.n,
    bookings: b!.n,
    arrangements: a!.n,
    supportPlans: sp!.n,
    reviews: r!.n,
    postcodes: pc!.n,
  };
}

describe('loadDemo', () => {
  it('loads the small demo into an empty database, once however often it runs', async () => {
    expect(await hasAnyScheme(db)).toBe(false);

    const { proposals, ...first } = await loadDemo(db, small, { password });
    const expected = {
      schemes: small.schemes.length,
      users: small.users.length,
      memberships: small.memberships.length,
      people: small.people.people.length,
      carers: small.carers.carers.length,
      bookings: small.shortBreaks.bookings.length,
      arrangements: small.arrangements.arrangements.length,
      supportPlans: small.supportPlans.plans.length,
      reviews: small.reviews.reviews.length,
      postcodes: demoPostcodes(small).length,
    };
    const { notes, incidents: incidentsAdded, ...rest } = first;
    expect(rest).toEqual(expected);
    // Months of notes for every live arrangement; every incident of the showcase schemes.
    const live = small.arrangements.arrangements.filter((a) => a.status !== 'ended').length;
    expect(notes).toBeGreaterThan(live * 20);
    expect(incidentsAdded).toBe(small.livingTogether.incidents.length);
    expect(await rowCounts()).toEqual(expected);
    // Proposals in Northbrook: two for the fixed person (the fixed carer said yes), others at every step, one agreed, one said no to.
    expect(proposals).toBeGreaterThanOrEqual(5);
    const rows = await db.owner.select().from(matchProposals);
    expect(rows).toHaveLength(proposals);
    const fixedPerson = (
      await db.owner
        .select()
        .from(people)
        .where(eq(people.userId, small.users.find((u) => u.email === 'person@demo.hearth.example')!.id))
    )[0]!;
    const fixedCarer = (
      await db.owner
        .select()
        .from(carers)
        .where(eq(carers.userId, small.users.find((u) => u.email === 'carer@demo.hearth.example')!.id))
    )[0]!;
    expect(rows.filter((r) => r.personId === fixedPerson.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ carerId: fixedCarer.id, carerAnswer: 'yes', personAnswer: null })]),
    );
    expect(rows.filter((r) => r.personId === fixedPerson.id)).toHaveLength(2);
    expect(rows.filter((r) => r.agreedOn)).toHaveLength(1);
    expect(rows.filter((r) => r.stoppedBy === 'person')).toHaveLength(1);
    expect(await hasAnyScheme(db)).toBe(true);

    expect(await loadDemo(db, small, { password })).toEqual({
      schemes: 0,
      users: 0,
      memberships: 0,
      people: 0,
      carers: 0,
      bookings: 0,
      arrangements: 0,
      supportPlans: 0,
      notes: 0,
      incidents: 0,
      reviews: 0,
      postcodes: 0,
      proposals: 0,
    });
    expect(await rowCounts()).toEqual(expected);
  });

  it('knows where every postcode of its records is, in made-up postcode areas', async () => {
    const places = new Map((await db.owner.select().from(postcodes)).map((p) => [p.postcode, p]));
    const records = [...small.people.people, ...small.carers.carers];
    expect(records.every((r) => places.get(r.postcode!)?.source === 'demo')).toBe(true);
    // No real UK postcode area is NO or EA (Northbrook's and Eastmere's).
    expect(new Set([...places.keys()].map((p) => p.replace(/\d.*$/, '')))).toEqual(new Set(['NO', 'EA']));
  });

  it('stores a hash the demo password verifies against', async () => {
    const [manager] = await db.owner.select().from(users).where(eq(users.email, DEMO_SIGN_INS[0]!.email));
    expect(manager!.passwordHash).not.toContain(password);
    expect(await verifyPassword(manager!.passwordHash, password)).toBe(true);
    expect(await verifyPassword(manager!.passwordHash, 'not the password')).toBe(false);
  });

  it("adds another seed's demo beside the first, sharing the fixed sign-ins", async () => {
    const other = generateDemo({ scale: 'small', seed: 99 });
    const before = await rowCounts();
    const added = await loadDemo(db, other, { password });
    expect(added.schemes).toBe(0);
    expect(added.users).toBeLessThan(other.users.length);
    expect((await rowCounts()).users).toBe(before.users + added.users);
  });
});
