import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { aPerson, someCommunicationNeeds } from '../../people/testing.js';
import { auditEvents } from '../db/schema.js';
import { readingPreferences } from './schema.js';
import { easyReadLines, expectEasyRead } from './testing.js';

describe('Easy Read pages, symbols and reading preferences', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const emails = { person: '', plainPerson: '', worker: '' };

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const person = await aUser(db, { role: 'person', schemeId });
    await someCommunicationNeeds(db, await aPerson(db, { schemeId, userId: person.id }), { needs: ['easy_read', 'reader'] });
    const plain = await aUser(db, { role: 'person', schemeId });
    await aPerson(db, { schemeId, userId: plain.id });
    emails.person = person.email;
    emails.plainPerson = plain.email;
    emails.worker = (await aUser(db, { role: 'scheme_worker', schemeId })).email;
  });
  afterAll(async () => close());

  const signedIn = async (email: string) => {
    const visitor = new Visitor(app);
    await visitor.signIn(email);
    return visitor;
  };
  const checked = (html: string, name: string) => new RegExp(`name="${name}" type="radio" value="(yes|no)" checked`).exec(html)?.[1];

  describe('symbols', () => {
    it('serves a mapped symbol as SVG, cached for a year', async () => {
      const response = await new Visitor(app).get('/symbols/home.svg');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/svg+xml');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.body).toMatch(/^<svg/);
    });

    it.each([
      '/symbols/unicorn.svg',
      '/symbols/home.png',
      '/symbols/HOME.svg',
      '/symbols/1F3E0.svg',
      '/symbols/home.svg.map',
      '/symbols/..%2F..%2Fpackage.json',
      '/symbols/%2e%2e%2fsymbols.ts',
      '/symbols/..%5Chome.svg',
      '/symbols/constructor.svg',
      '/symbols/__proto__.svg',
    ])('refuses %s', async (url) => {
      const response = await new Visitor(app).get(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
    });
  });

  describe('how I like to read', () => {
    it('starts from the person’s communication needs until they choose', async () => {
      const visitor = await signedIn(emails.person);
      const page = await visitor.get('/account/reading');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('You have not chosen yet. We started with what your record says about reading.');
      expect([checked(page.body, 'easyRead'), checked(page.body, 'largerText'), checked(page.body, 'readAloudFirst')]).toEqual([
        'yes',
        'no',
        'yes',
      ]);
      // Read aloud offered first: its buttons come before the page's title.
      expect(page.body.indexOf('data-read-aloud-controls')).toBeLessThan(page.body.indexOf('<h1'));
      expect(page.body).not.toContain('hearth-larger-text');
    });

    it('is the standard for someone with no needs recorded, and for staff', async () => {
      for (const email of [emails.plainPerson, emails.worker]) {
        const page = await (await signedIn(email)).get('/account/reading');
        expect([checked(page.body, 'easyRead'), checked(page.body, 'largerText'), checked(page.body, 'readAloudFirst')]).toEqual([
          'no',
          'no',
          'no',
        ]);
        expect(page.body.indexOf('data-read-aloud-controls')).toBeGreaterThan(page.body.indexOf('<h1'));
      }
    });

    it('keeps the answers given when one is missing, and saves nothing', async () => {
      const visitor = await signedIn(emails.worker);
      await visitor.get('/account/reading');
      const response = await visitor.post('/account/reading', { easyRead: 'yes', readAloudFirst: 'no' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('There is a problem');
      expect(response.body).toContain('href="#largerText">Choose yes or no for bigger words');
      expect(checked(response.body, 'easyRead')).toBe('yes');
      expect(checked(response.body, 'readAloudFirst')).toBe('no');
      expect(checked(response.body, 'largerText')).toBeUndefined();
      const bad = await visitor.post('/account/reading', { easyRead: 'perhaps', largerText: 'yes', readAloudFirst: 'no' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Choose yes or no for Easy Read pages');
      expect(await db.owner.select().from(readingPreferences)).toEqual([]);
    });

    it('saves a choice for that person only, shows it on every page, and audits it', async () => {
      const visitor = await signedIn(emails.person);
      await visitor.get('/account/reading');
      const response = await visitor.post('/account/reading', { easyRead: 'no', largerText: 'yes', readAloudFirst: 'no' });
      expect(response.headers.location).toBe('/account/reading?saved=yes');
      const page = await visitor.get('/account/reading?saved=yes');
      expect(page.body).toContain('We saved your choices.');
      expect(page.body).not.toContain('You have not chosen yet');
      expect([checked(page.body, 'easyRead'), checked(page.body, 'largerText'), checked(page.body, 'readAloudFirst')]).toEqual([
        'no',
        'yes',
        'no',
      ]);
      expect((await visitor.get('/account')).body).toMatch(/<html[^>]+class="[^"]*hearth-larger-text/);
      expect((await (await signedIn(emails.worker)).get('/account')).body).not.toContain('hearth-larger-text');
      const events = await db.owner.select().from(auditEvents);
      expect(events.filter((e) => e.recordType === 'reading preferences')).toHaveLength(1);
    });

    it('is linked from the account page', async () => {
      expect((await (await signedIn(emails.worker)).get('/account')).body).toContain('href="/account/reading"');
    });
  });

  describe('the Easy Read guide', () => {
    it('is easy to read, with every symbol beside words marked decorative', async () => {
      const page = await (await signedIn(emails.plainPerson)).get('/help/easy-read');
      expect(page.statusCode).toBe(200);
      const measured = expectEasyRead(page.body);
      expect(measured.sentences).toBeGreaterThan(15);
      expect(page.body).toMatch(/<img class="hearth-er-symbol" src="\/symbols\/speaker\.svg\?v=[0-9a-f]{10}" alt=""/);
      expect(page.body).toContain('<strong class="hearth-er-hard">Shared Lives</strong>');
      expect(easyReadLines(page.body)).toContain('Shared Lives means you live with a carer, or you visit them.');
      expect(page.body).toContain('<script type="module" src="/hearth/read-aloud.js"></script>');
    });

    it('is linked from every page’s footer for someone signed in', async () => {
      expect((await (await signedIn(emails.worker)).get('/')).body).toContain('href="/help/easy-read"');
    });
  });

  describe('the readability check', () => {
    it('fails a page whose Easy Read lines are too long or too hard', () => {
      const line = (words: string) => `<p class="hearth-er-text" data-read-aloud>${words}</p>`;
      expect(() => expectEasyRead(line('You can say what you think about the plan and your worker will read it soon today.'))).toThrow(
        /longer than 15 words/,
      );
      expect(() => expectEasyRead(line('Accommodation responsibilities necessitate comprehensive consideration.'))).toThrow(
        /Flesch–Kincaid grade/,
      );
      expect(() => expectEasyRead('<p>No lines here.</p>')).toThrow(/Easy Read lines/);
      expect(easyReadLines(line('Tom &amp; Jo&#39;s <strong>dog</strong>'))).toEqual(["Tom & Jo's dog"]);
    });
  });

  describe('the accessibility statement', () => {
    it('is public, linked from the footer, and credits OpenMoji', async () => {
      const page = await new Visitor(app).get('/accessibility');
      expect(page.statusCode).toBe(200);
      for (const part of [
        'How accessible this website is',
        'Reporting accessibility problems',
        'Enforcement procedure',
        'Equality Commission for Northern Ireland',
        'Compliance status',
        'How we tested this website',
      ]) {
        expect(page.body).toContain(part);
      }
      expect(page.body).toContain('href="https://creativecommons.org/licenses/by-sa/4.0/"');
      expect(page.body).toContain('href="https://openmoji.org/"');
      expect(page.body).toContain('href="/accessibility"');
      expect(page.body).not.toContain('href="/help/easy-read">How to use Hearth');
    });
  });
});
