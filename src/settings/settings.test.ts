import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { SETTINGS } from './routes.js';

describe('the Settings page', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let manager: Visitor;
  let worker: Visitor;

  beforeAll(async () => {
    let db;
    ({ app, db, close } = await testApp());
    const scheme = await aScheme(db);
    manager = new Visitor(app);
    await manager.signIn((await aUser(db, { role: 'scheme_manager', schemeId: scheme.id })).email);
    worker = new Visitor(app);
    await worker.signIn((await aUser(db, { role: 'scheme_worker', schemeId: scheme.id })).email);
  });
  afterAll(async () => close());

  it('is in a manager’s navigation and links every scheme setting, the postcode lookup included', async () => {
    const home = await manager.get('/');
    expect(home.body).toMatch(/<a class="govuk-service-navigation__link" href="\/settings"[^>]*>\s*Settings/);
    const page = await manager.get('/settings');
    expect(page.statusCode).toBe(200);
    for (const href of [
      '/carers/settings/checks',
      '/people/settings/needs',
      '/matching/settings',
      '/matching/settings#introductionSteps',
      '/arrangements/settings/reviews',
      '/arrangements/settings/agreements',
      '/calendar/settings',
      '/settings/postcodes',
    ])
      expect(page.body).toContain(`href="${href}"`);
    expect(page.body).toContain('Postcode lookup');
  });

  it('leads only to pages a manager can open', async () => {
    for (const setting of SETTINGS.filter((s) => s.href !== '/settings/postcodes')) {
      const page = await manager.get(setting.href.split('#')[0]!);
      expect(page.statusCode, setting.href).toBe(200);
      if (setting.href.includes('#')) expect(page.body).toContain(`id="${setting.href.split('#')[1]}"`);
    }
  });

  it('is not for workers: not in their navigation, and refused', async () => {
    expect((await worker.get('/')).body).not.toContain('href="/settings"');
    expect((await worker.get('/settings')).statusCode).toBe(403);
  });
});
