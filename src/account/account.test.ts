import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';

describe('your account', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let email = '';

  beforeAll(async () => {
    let db;
    ({ app, db, close } = await testApp());
    email = (await aUser(db, { role: 'carer', schemeId: (await aScheme(db)).id })).email;
  });
  afterAll(async () => close());

  it('changes the password only with the current one, and matching new ones', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn(email);
    await visitor.get('/account');
    const wrong = await visitor.post('/account/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new password',
      confirmPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Your current password is not right');
    const mismatch = await visitor.post('/account/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'a brand new password',
      confirmPassword: 'another one entirely',
    });
    expect(mismatch.body).toContain('The two new passwords must match');
    expect(mismatch.body).not.toContain('a brand new password');
    const done = await visitor.post('/account/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'a brand new password',
      confirmPassword: 'a brand new password',
    });
    expect(done.headers.location).toBe('/account?saved=password');
    await new Visitor(app).signIn(email, 'a brand new password');
  });
});
