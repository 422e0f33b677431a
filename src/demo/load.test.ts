import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../platform/auth/passwords.js';
import type { Database } from '../platform/db/database.js';
import { memberships, schemes, users } from '../platform/db/schema.js';
import { testDatabase } from '../platform/testing/database.js';
import { people } from '../people/schema.js';
import { carers } from '../carers/schema.js';
import { arrangements } from '../arrangements/schema.js';
import { DEMO_SIGN_INS, generateDemo } from './generate.js';
import { hasAnyScheme, loadDemo } from './load.js';

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
  const [a] = await db.owner.select({ n: count() }).from(arrangements);
  return { schemes: s!.n, users: u!.n, memberships: m!.n, people: p!.n, carers: c!.n, arrangements: a!.n };
}

describe('loadDemo', () => {
  it('loads the small demo into an empty database, once however often it runs', async () => {
    expect(await hasAnyScheme(db)).toBe(false);

    const first = await loadDemo(db, small, { password });
    const expected = { schemes: small.schemes.length, users: small.users.length, memberships: small.memberships.length, people: small.people.people.length, carers: small.carers.carers.length, arrangements: small.arrangements.arrangements.length };
    expect(first).toEqual(expected);
    expect(await rowCounts()).toEqual(expected);
    expect(await hasAnyScheme(db)).toBe(true);

    expect(await loadDemo(db, small, { password })).toEqual({ schemes: 0, users: 0, memberships: 0, people: 0, carers: 0, arrangements: 0 });
    expect(await rowCounts()).toEqual(expected);
  });

  it('stores a hash the demo password verifies against', async () => {
    const [manager] = await db.owner.select().from(users).where(eq(users.email, DEMO_SIGN_INS[0]!.email));
    expect(manager!.passwordHash).not.toContain(password);
    expect(await verifyPassword(manager!.passwordHash, password)).toBe(true);
    expect(await verifyPassword(manager!.passwordHash, 'not the password')).toBe(false);
  });

  it('adds another seed\'s demo beside the first, sharing the fixed sign-ins', async () => {
    const other = generateDemo({ scale: 'small', seed: 99 });
    const before = await rowCounts();
    const added = await loadDemo(db, other, { password });
    expect(added.schemes).toBe(0);
    expect(added.users).toBeLessThan(other.users.length);
    expect((await rowCounts()).users).toBe(before.users + added.users);
  });
});
