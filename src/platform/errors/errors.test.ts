import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';

describe('bad requests get clear pages, never a crash', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let manager: Visitor;

  beforeAll(async () => {
    let db;
    ({ app, db, close } = await testApp());
    const user = await aUser(db, { role: 'scheme_manager', schemeId: (await aScheme(db)).id });
    manager = new Visitor(app);
    await manager.signIn(user.email);
  });
  afterAll(async () => close());

  it('answers an unknown page with a 404 page in Hearth’s style', async () => {
    const response = await manager.get('/no/such/page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
    expect(response.body).toContain('hearth-header');
    expect(response.body).not.toContain('GOV.UK');
  });

  it('answers an oversized form with 413, not 500', async () => {
    await manager.get('/team/new');
    const response = await manager.post('/team', { name: 'x'.repeat(300_000) });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('too large');
  });

  it('answers malformed JSON and an unknown content type with 4xx pages', async () => {
    const json = await app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    const odd = await app.inject({ method: 'POST', url: '/sign-in', payload: 'x', headers: { 'content-type': 'application/x-unknown' } });
    expect(odd.statusCode).toBe(415);
    expect(odd.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('treats repeated or odd form fields as bad answers, not as crashes', async () => {
    await manager.get('/team/new');
    const response = await app.inject({
      method: 'POST',
      url: '/team',
      payload: `_csrf=${encodeURIComponent(manager.csrf)}&name=a&name=b&email[$ne]=x&role=carer`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: manager.cookieHeader() },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
  });

  it('sends security headers and a nonce-based content security policy', async () => {
    const response = await manager.get('/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(response.body).toContain(`<script nonce="${nonce}">`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('says plainly when sign-ins are refused for too many failures', async () => {
    const { app: limited, close: closeLimited } = await testApp(undefined, { signInLimits: { perAccount: 3, perAddress: 10 } });
    const visitor = new Visitor(limited);
    await visitor.get('/sign-in');
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await visitor.post('/sign-in', { email: 'a@test.hearth.example', password: 'wrong' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await visitor.post('/sign-in', { email: 'a@test.hearth.example', password: 'wrong' })).body).toContain(
      'too many wrong passwords',
    );
    await closeLimited();
  });
});
