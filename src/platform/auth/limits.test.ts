import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Database } from '../db/database.js';
import { testDatabase } from '../testing/database.js';
import { Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { SIGN_IN_LIMITS, signInFailures } from './limits.js';

const OFFICE = '203.0.113.10';

/** Hearth as `npm start` builds it: the sign-in limits it ships with, none made bigger for tests. */
describe('sign-in limits, as shipped', () => {
  let db: Database;
  let app: FastifyInstance;
  let now: Date;
  let staff: Awaited<ReturnType<typeof aUser>>[];

  beforeAll(async () => {
    db = await testDatabase();
    now = new Date('2026-12-08T09:00:00Z');
    app = await buildApp(
      { sessionSecret: 'test-secret-that-is-long-enough-0123456789', secureCookies: false, logLevel: 'silent', clock: () => now },
      db,
    );
    const scheme = await aScheme(db);
    staff = [];
    for (let i = 0; i < 30; i++) staff.push(await aUser(db, { role: i === 0 ? 'scheme_manager' : 'scheme_worker', schemeId: scheme.id }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lets 30 staff behind one office address all sign in at 9am', async () => {
    const statuses: number[] = [];
    for (const member of staff) {
      const visitor = new Visitor(app, OFFICE);
      await visitor.get('/sign-in');
      statuses.push((await visitor.post('/sign-in', { email: member.email, password: 'correct horse battery staple' })).statusCode);
    }
    expect(statuses).toEqual(staff.map(() => 302));
  });

  it('stops repeated wrong passwords for one account, saying why, while others at the address sign in', async () => {
    const [victim, colleague] = [staff[1]!, staff[2]!];
    const visitor = new Visitor(app, '198.51.100.7');
    await visitor.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++)
      statuses.push((await visitor.post('/sign-in', { email: victim.email, password: 'not the password' })).statusCode);
    expect(statuses).toEqual(statuses.map(() => 401));

    // Now even the right password waits: the next guess could be right.
    const refused = await visitor.post('/sign-in', { email: victim.email.toUpperCase(), password: 'correct horse battery staple' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('There have been too many wrong passwords for this account. Wait 15 minutes and try again');
    expect(refused.body).toContain('Email me a link to sign in');

    const other = new Visitor(app, '198.51.100.7');
    await other.get('/sign-in');
    expect((await other.post('/sign-in', { email: colleague.email, password: 'correct horse battery staple' })).statusCode).toBe(302);

    now = new Date(now.getTime() + 16 * 60_000);
    expect((await visitor.post('/sign-in', { email: victim.email, password: 'correct horse battery staple' })).statusCode).toBe(302);
  });

  it('stops failures across many accounts from one address, at a higher number', async () => {
    const visitor = new Visitor(app, '192.0.2.55');
    await visitor.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress; i++)
      statuses.push((await visitor.post('/sign-in', { email: `nobody-${i}@test.hearth.example`, password: 'a guess' })).statusCode);
    expect(SIGN_IN_LIMITS.perAddress).toBeGreaterThan(SIGN_IN_LIMITS.perAccount);
    expect(statuses.slice(0, -1)).toEqual(statuses.slice(0, -1).map(() => 401));
    const refused = await visitor.post('/sign-in', { email: staff[3]!.email, password: 'correct horse battery staple' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('There have been too many failed sign-ins from your network');

    // Someone elsewhere is not affected.
    const elsewhere = new Visitor(app, '192.0.2.56');
    await elsewhere.get('/sign-in');
    expect((await elsewhere.post('/sign-in', { email: staff[3]!.email, password: 'correct horse battery staple' })).statusCode).toBe(302);
  });

  it('counts sign-in links that do not work against the address', async () => {
    const visitor = new Visitor(app, '192.0.2.99');
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) expect((await visitor.get(`/sign-in/link/made-up-${i}`)).statusCode).toBe(410);
    const refused = await visitor.get('/sign-in/link/made-up-again');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('There have been too many failed sign-ins from your network');
  });
});

describe('the table of failures', () => {
  it('forgets failures after 15 minutes, and a success clears its account', () => {
    let now = new Date('2026-12-08T09:00:00Z');
    const failures = signInFailures({ perAccount: 2, perAddress: 3 }, () => now);
    failures.failed('a', 'ada@example.test');
    failures.failed('a', 'ada@example.test');
    expect(failures.refusal('b', 'ADA@example.test ')).toBe('account');
    failures.succeeded('ada@example.test');
    expect(failures.refusal('b', 'ada@example.test')).toBeNull();
    failures.failed('a', 'bo@example.test');
    expect(failures.refusal('a', 'cy@example.test')).toBe('address');
    now = new Date(now.getTime() + 15 * 60_000 + 1);
    expect(failures.refusal('a', 'cy@example.test')).toBeNull();
  });
});
