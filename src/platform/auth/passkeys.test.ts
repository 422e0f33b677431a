import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { auditEvents } from '../db/schema.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { passkeys } from './schema.js';
import { SoftPasskey } from './testing.js';

const ORIGIN = 'http://localhost:80';

/** Adds a passkey through the account page's API, as the page's script does. */
async function addPasskey(visitor: Visitor, key: SoftPasskey, name = 'My phone') {
  await visitor.get('/account');
  const options = await visitor.json('POST', '/api/v1/passkeys/options', { name });
  expect(options.statusCode).toBe(200);
  return visitor.json('POST', '/api/v1/passkeys', { name, answer: key.create(options.json()) });
}

async function signInWith(key: SoftPasskey, app: FastifyInstance, origin?: string) {
  const visitor = new Visitor(app);
  await visitor.get('/sign-in');
  const options = await visitor.json('POST', '/api/v1/sign-in/passkey/options', {});
  const answer = key.get(options.json(), origin);
  return { visitor, answer, response: await visitor.json('POST', '/api/v1/sign-in/passkey', { answer, returnTo: '/account' }) };
}

describe('passkeys, with a software authenticator', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let now = new Date('2026-03-02T10:00:00Z');
  let carer: Awaited<ReturnType<typeof aUser>>;
  let other: Awaited<ReturnType<typeof aUser>>;

  beforeAll(async () => {
    ({ app, db, close } = await testApp(undefined, { clock: () => now }));
    const scheme = await aScheme(db);
    carer = await aUser(db, { role: 'carer', schemeId: scheme.id, name: 'Pat Passkey' });
    other = await aUser(db, { role: 'carer', schemeId: scheme.id });
  });
  afterAll(async () => close());

  it('adds a named passkey for the host asked, then signs in with it and records how', async () => {
    const key = new SoftPasskey(ORIGIN, 'localhost');
    const visitor = new Visitor(app);
    await visitor.signIn(carer.email);
    await visitor.get('/account');
    const options = (await visitor.json('POST', '/api/v1/passkeys/options', { name: 'My phone' })).json();
    expect(options.rp).toEqual({ name: 'Hearth', id: 'localhost' });
    expect(options.authenticatorSelection.residentKey).toBe('required');
    const added = await visitor.json('POST', '/api/v1/passkeys', { name: 'My phone', answer: key.create(options) });
    expect(added.statusCode).toBe(201);
    expect((await visitor.get('/account')).body).toContain('My phone');
    const [created] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, 'passkey'), eq(auditEvents.action, 'created')));
    expect(created?.changedFields).toEqual({ name: 'My phone' });

    const { visitor: signedIn, response } = await signInWith(key, app);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ location: '/account' });
    expect((await signedIn.get('/')).body).toContain('Hello, Pat Passkey');
    const signIns = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, carer.id), eq(auditEvents.action, 'signed in')));
    expect(signIns.map((e) => e.changedFields)).toContainEqual({ method: 'passkey' });
    const [stored] = await db.owner.select().from(passkeys).where(eq(passkeys.userId, carer.id));
    expect(stored).toMatchObject({ counter: 1, name: 'My phone', transports: ['internal'] });
    expect(stored?.lastUsedAt).toEqual(now);
  });

  it('refuses an answer used twice, one from another site, and one to a challenge that has expired', async () => {
    const key = new SoftPasskey(ORIGIN, 'localhost');
    const visitor = new Visitor(app);
    await visitor.signIn(other.email);
    expect((await addPasskey(visitor, key, 'Laptop')).statusCode).toBe(201);

    const { visitor: replayer, answer } = await signInWith(key, app);
    const replayed = await replayer.json('POST', '/api/v1/sign-in/passkey', { answer });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().errors.passkey).toContain('That passkey did not work');

    expect((await signInWith(key, app, 'https://elsewhere.example')).response.statusCode).toBe(401);

    const late = new Visitor(app);
    await late.get('/sign-in');
    const options = (await late.json('POST', '/api/v1/sign-in/passkey/options', {})).json();
    now = new Date(now.getTime() + 6 * 60_000);
    expect((await late.json('POST', '/api/v1/sign-in/passkey', { answer: key.get(options) })).statusCode).toBe(401);
  });

  it('needs a name before making a passkey, and refuses an answer it cannot check', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn(carer.email);
    await visitor.get('/account');
    const nameless = await visitor.json('POST', '/api/v1/passkeys/options', { name: ' ' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json()).toEqual({ errors: { name: 'Enter a name for your passkey' } });
    const forged = new SoftPasskey(ORIGIN, 'localhost').create({ challenge: 'never-given', user: { id: 'eA' } });
    const refused = await visitor.json('POST', '/api/v1/passkeys', { name: 'Forged', answer: forged });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.passkey).toContain('could not be added');
    expect((await visitor.json('POST', '/api/v1/sign-in/passkey', { answer: { id: 'x' } })).statusCode).toBe(400);
  });

  it('removes only one’s own passkey', async () => {
    const [mine] = await db.owner.select().from(passkeys).where(eq(passkeys.userId, carer.id));
    const intruder = new Visitor(app);
    await intruder.signIn(other.email);
    await intruder.get('/account');
    expect((await intruder.post(`/account/passkeys/${mine!.id}/remove`, {})).statusCode).toBe(400);
    expect(await db.owner.select().from(passkeys).where(eq(passkeys.id, mine!.id))).toHaveLength(1);

    const owner = new Visitor(app);
    await owner.signIn(carer.email);
    await owner.get('/account');
    expect((await owner.post(`/account/passkeys/${mine!.id}/remove`, {})).headers.location).toBe('/account?saved=passkey-removed');
    expect(await db.owner.select().from(passkeys).where(eq(passkeys.id, mine!.id))).toHaveLength(0);
    const [ended] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, 'passkey'), eq(auditEvents.action, 'ended')));
    expect(ended?.recordId).toBe(mine!.id);
  });

  it('needs its CSRF token', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in');
    visitor.csrf = 'wrong';
    expect((await visitor.json('POST', '/api/v1/sign-in/passkey/options', {})).statusCode).toBe(403);
  });
});
