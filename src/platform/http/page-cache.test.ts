import { and, count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aPerson } from '../../people/testing.js';
import { anApprovedCarer, anArrangement } from '../../arrangements/testing.js';
import { people } from '../../people/schema.js';
import { rowsOf, type Database } from '../db/database.js';
import { auditEvents, sessions, users } from '../db/schema.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { serverUrlFor, testServerUrl } from '../testing/server.js';
import { cut, fill, pageCache } from './page-cache.js';
import { todayInUk } from '../dates.js';

describe('cutting a page at its secrets and filling them again', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9_-]{16,32}$/);

  it('gives back the page it cut, for any page and any secrets in it', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.constant('<'), fc.constant('"'))), secret, secret, (parts, token, nonce) => {
      const page = parts.map((p, i) => p + [token, nonce, ''][i % 3]).join('');
      expect(fill(cut(page, { token, nonce }), { token, nonce }).toString()).toBe(page);
    }), { numRuns: 300 });
  });

  it('puts the new secrets wherever the old ones were, and the old ones nowhere', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1 }), secret, secret, (parts, token, nonce) => {
      fc.pre(token !== nonce && !token.includes(nonce) && !nonce.includes(token) && !parts.some((p) => p.includes(token) || p.includes(nonce)));
      const page = parts.map((p, i) => p + [token, nonce][i % 2]).join('');
      const filled = fill(cut(page, { token, nonce }), { token: '[T]', nonce: '[N]' }).toString();
      expect(filled).toBe(parts.map((p, i) => p + ['[T]', '[N]'][i % 2]).join(''));
    }), { numRuns: 300 });
  });
});

/**
 * Through the pages, on the same database engine as the other tests (PGlite, or the PostgreSQL
 * server with HEARTH_TEST_DATABASE_URL): a busy page is shown again only while it is still current.
 */
describe('busy pages shown again while nothing on them has changed', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let worker: Visitor;
  let carer: Visitor;
  let otherCarer: Visitor;
  let workerUser: { id: string; email: string; name: string };
  let schemeId = '';
  let personId = '';
  let arrangementId = '';
  let otherArrangementId = '';

  const kept = (response: { headers: Record<string, unknown> }) => response.headers['x-hearth-page'] === 'kept';
  const auditsOf = async (userId: string) =>
    (await db.owner.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, 'listed'))))[0]!.n;
  const [year, month, day] = todayInUk().split('-') as [string, string, string];
  const writeNote = (visitor: Visitor, arrangement: string, text: string) =>
    visitor.post('/notes', { arrangementId: arrangement, 'writtenOn-day': day, 'writtenOn-month': month, 'writtenOn-year': year, whatHappened: text, mood: '4', flag: 'no' });

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const otherSchemeId = (await aScheme(db)).id;
    workerUser = await aUser(db, { role: 'scheme_worker', schemeId, name: 'Wren Worker' });
    const carerUser = await aUser(db, { role: 'carer', schemeId });
    const otherCarerUser = await aUser(db, { role: 'carer', schemeId: otherSchemeId });
    const c = await anApprovedCarer(db, { schemeId, userId: carerUser.id, name: 'Cass Carer' });
    const oc = await anApprovedCarer(db, { schemeId: otherSchemeId, userId: otherCarerUser.id, name: 'Orla Other' });
    const person = await aPerson(db, { schemeId, status: 'supported', name: 'Pip Example' });
    const otherPerson = await aPerson(db, { schemeId: otherSchemeId, status: 'supported', name: 'Quin Elsewhere' });
    personId = person.id;
    arrangementId = (await anArrangement(db, { schemeId, personId: person.id, carerId: c.id, workerUserId: workerUser.id, startsOn: '2026-01-01' })).id;
    otherArrangementId = (await anArrangement(db, { schemeId: otherSchemeId, personId: otherPerson.id, carerId: oc.id, startsOn: '2026-01-01' })).id;
    [worker, carer, otherCarer] = [new Visitor(app), new Visitor(app), new Visitor(app)];
    await worker.signIn(workerUser.email);
    await carer.signIn(carerUser.email);
    await otherCarer.signIn(otherCarerUser.email);
  });
  afterAll(async () => close());

  it('shows a page again, with a new CSRF token and script nonce, and audits every showing', async () => {
    const notes = `/arrangements/${arrangementId}/notes`;
    const first = await worker.get(notes);
    const before = await auditsOf(workerUser.id);
    const again = await worker.get(notes);
    expect([kept(first), kept(again)]).toEqual([false, true]);
    expect(await auditsOf(workerUser.id)).toBe(before + 1);
    const secretsOf = (body: string) => [...body.matchAll(/name="_csrf" value="([^"]+)"|nonce="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    const [firstSecrets, againSecrets] = [secretsOf(first.body), secretsOf(again.body)];
    expect(againSecrets.length).toBeGreaterThan(1);
    expect(againSecrets.length).toBe(firstSecrets.length);
    for (const s of againSecrets) expect(firstSecrets).not.toContain(s);
    const nonce = /'nonce-([^']+)'/.exec(String(again.headers['content-security-policy']))![1];
    expect(again.body).toContain(`nonce="${nonce}"`);
    const blank = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/nonce="[^"]+"/g, '');
    expect(blank(again.body)).toBe(blank(first.body));
    // A form sent with the token of the page shown again is accepted (a bad token is refused with 403).
    expect(again.body).toContain(`name="_csrf" value="${worker.csrf}"`);
    expect((await worker.post('/account/reading', { easyRead: 'maybe' })).statusCode).toBe(400);
    expect((await worker.post('/account/reading', { easyRead: 'maybe' }, { csrf: false })).statusCode).toBe(403);
  });

  it('never shows a page made in an hour gone by', async () => {
    await worker.get('/calendar');
    expect(kept(await worker.get('/calendar'))).toBe(true);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    try {
      expect(kept(await worker.get('/calendar'))).toBe(false);
      expect(kept(await worker.get('/calendar'))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the change, not the kept page, once anyone in the scheme has changed something', async () => {
    const notes = `/arrangements/${arrangementId}/notes`;
    await worker.get(notes);
    expect(kept(await worker.get(notes))).toBe(true);
    expect((await writeNote(carer, arrangementId, 'Planted beans in the garden')).statusCode).toBe(302);
    const after = await worker.get(notes);
    expect(kept(after)).toBe(false);
    expect(after.body).toContain('Planted beans in the garden');
    expect(kept(await worker.get(notes))).toBe(true);
  });

  it('still shows the kept page after a change in another scheme', async () => {
    await worker.get('/arrangements');
    expect(kept(await worker.get('/arrangements'))).toBe(true);
    expect((await writeNote(otherCarer, otherArrangementId, 'Baked bread')).statusCode).toBe(302);
    expect(kept(await worker.get('/arrangements'))).toBe(true);
  });

  it('makes the page afresh after a change to every scheme’s data, such as a name', async () => {
    await worker.get('/arrangements');
    expect(kept(await worker.get('/arrangements'))).toBe(true);
    await db.owner.update(users).set({ name: 'Wren Renamed' }).where(eq(users.id, workerUser.id));
    const after = await worker.get('/arrangements');
    expect(kept(after)).toBe(false);
    expect(after.body).toContain('Wren Renamed');
  });

  it('is only for the session it was made for, and never after signing out', async () => {
    await worker.get('/due');
    expect(kept(await worker.get('/due'))).toBe(true);
    const sameWorkerElsewhere = new Visitor(app);
    await sameWorkerElsewhere.signIn(workerUser.email);
    expect(kept(await sameWorkerElsewhere.get('/due'))).toBe(false);
    expect(kept(await sameWorkerElsewhere.get('/due'))).toBe(true);
    // Ended elsewhere (signed out on another device, or expired), with the cookie still in the browser.
    await db.owner.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, workerUser.id));
    expect((await sameWorkerElsewhere.get('/due')).statusCode).toBe(302);
    await sameWorkerElsewhere.signIn(workerUser.email);
    await worker.post('/sign-out', {});
    const signedOut = await worker.get('/due');
    expect(signedOut.statusCode).toBe(302);
    expect(signedOut.headers.location).toBe('/sign-in?returnTo=%2Fdue');
    worker = sameWorkerElsewhere;
  });

  it('keeps no page that was not read whole: not a form, not a refusal', async () => {
    expect(kept(await worker.get(`/arrangements/${arrangementId}`))).toBe(false);
    expect(kept(await worker.get(`/arrangements/${arrangementId}`))).toBe(false);
    const elsewhere = `/arrangements/${arrangementId}/notes`;
    expect((await otherCarer.get(elsewhere)).statusCode).toBe(404);
    const refusedAgain = await otherCarer.get(elsewhere);
    expect([refusedAgain.statusCode, kept(refusedAgain)]).toEqual([404, false]);
  });

  it('lets go of changes older than any kept page can be, and only those', async () => {
    await db.owner.execute(sql`insert into data_changes (scheme_id, xid, at) values (${schemeId}, '1', now() - interval '4 hours'), (${schemeId}, '2', now() - interval '2 hours')`);
    expect(await pageCache(db).forgetOldChanges()).toBe(1);
    const left = await rowsOf<{ xid: string }>(db.owner, sql`select xid::text from data_changes where xid in ('1', '2')`);
    expect(left).toEqual([{ xid: '2' }]);
  });

  it('watches every table a page can show', async () => {
    const unwatched = await rowsOf<{ name: string }>(db.owner, sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'data_changed')
      order by 1`);
    // Not watched, on purpose (drizzle/0024_page_cache.sql): what no kept page shows.
    expect(unwatched.map((t) => t.name)).toEqual(['audit_events', 'data_changes', 'outbox', 'passkey_challenges', 'sessions', 'sign_in_links']);
  });

  it.runIf(!!testServerUrl())(
    'never shows a page made while a change was being written, once that change has committed',
    async () => {
      const [{ name }] = await rowsOf<{ name: string }>(db.owner, sql`select current_database() as name`) as [{ name: string }];
      const owner = new pg.Client({ connectionString: serverUrlFor(testServerUrl()!, name) });
      await owner.connect();
      try {
        await owner.query('begin');
        await owner.query(`select set_config('app.scheme_id', $1, true)`, [schemeId]);
        await owner.query('update people set name = $1 where id = $2', ['Pip Changed', personId]);
        // Made while the change is written but not committed: it cannot show it, and must not be kept as current.
        const during = await worker.get('/arrangements?page=1');
        expect([kept(during), during.body.includes('Pip Changed')]).toEqual([false, false]);
        await owner.query('commit');
        const after = await worker.get('/arrangements?page=1');
        expect([kept(after), after.body.includes('Pip Changed')]).toEqual([false, true]);
      } finally {
        await owner.end();
        await db.owner.update(people).set({ name: 'Pip Example' }).where(eq(people.id, personId));
      }
    },
  );
});
