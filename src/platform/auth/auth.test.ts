import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import type { Database } from '../db/database.js';

describe('signing in and out', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let worker: Awaited<ReturnType<typeof aUser>>;
  let both: Awaited<ReturnType<typeof aUser>>;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const scheme = await aScheme(db, { name: 'Testford Shared Lives' });
    const other = await aScheme(db, { name: 'Otherby Shared Lives' });
    worker = await aUser(db, { role: 'scheme_worker', schemeId: scheme.id, name: 'Wren Worker' });
    both = await aUser(db, { role: 'carer', schemeId: scheme.id });
    await db.owner
      .insert((await import('../db/schema.js')).memberships)
      .values({ userId: both.id, schemeId: other.id, role: 'ambassador' });
  });
  afterAll(async () => close());

  it('sends a signed-out visitor to sign in, and back where they were going', async () => {
    const visitor = new Visitor(app);
    const page = await visitor.get('/carers');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/sign-in?returnTo=%2Fcarers');
    await visitor.get('/sign-in?returnTo=%2Fcarers');
    const response = await visitor.post('/sign-in', { email: worker.email, password: 'correct horse battery staple', returnTo: '/carers' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/carers');
    const cookie = response.cookies.find((c) => c.name === 'hearth_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await visitor.get('/')).body).toContain('Hello, Wren Worker');
  });

  it('says the same for a wrong password and an unknown email, and keeps the email typed', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in');
    const wrongPassword = await visitor.post('/sign-in', { email: worker.email, password: 'not the password' });
    const unknown = await visitor.post('/sign-in', { email: 'nobody@test.hearth.example', password: 'not the password' });
    for (const response of [wrongPassword, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Enter a correct email address and password');
      expect(response.body).toContain('govuk-error-summary');
    }
    expect(wrongPassword.body).toContain(`value="${worker.email}"`);
    expect(wrongPassword.body).not.toContain('not the password');
  });

  it('shows what to fix when fields are empty', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', { email: '', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter your email address');
    expect(response.body).toContain('Enter your password');
  });

  it('refuses a form without its CSRF token', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', { email: worker.email, password: 'correct horse battery staple' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
  });

  it('asks someone with several ways in to choose, and only among their own', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn(both.email);
    const choose = await visitor.get('/choose-scheme');
    expect(choose.body).toContain('Otherby Shared Lives: Ambassador');
    expect((await visitor.get('/')).headers.location).toBe('/choose-scheme');
    const forged = await visitor.post('/choose-scheme', { choice: `00000000-0000-0000-0000-000000000000|scheme_manager` });
    expect(forged.statusCode).toBe(400);
    const value = /value="([^"]+\|ambassador)"/.exec(choose.body)![1]!;
    expect((await visitor.post('/choose-scheme', { choice: value })).headers.location).toBe('/');
    expect((await visitor.get('/')).body).toContain('Otherby Shared Lives');
  });

  it('signs out: the old session no longer works', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn(worker.email);
    const out = await visitor.post('/sign-out', {});
    expect(out.headers.location).toBe('/signed-out');
    expect((await visitor.get('/')).statusCode).toBe(302);
  });

  it('never sends anyone to another site after signing in', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', {
      email: worker.email,
      password: 'correct horse battery staple',
      returnTo: '//evil.example/',
    });
    expect(response.headers.location).toBe('/');
  });
});
