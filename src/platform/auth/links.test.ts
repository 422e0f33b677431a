import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, memberships } from '../db/schema.js';
import type { Database } from '../db/database.js';
import { outbox } from '../mail/schema.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { signInLinks } from './schema.js';

type User = Awaited<ReturnType<typeof aUser>>;

const SAME_ANSWER = 'If that email is known, we have sent a link to';
const linkIn = (body: string) => /\/sign-in\/link\/([A-Za-z0-9_-]{40,})/.exec(body)?.[1];

/** Asks for a link as a signed-out visitor would, from the page that offers it. */
async function askForLink(app: FastifyInstance, email: string) {
  const visitor = new Visitor(app);
  await visitor.get('/sign-in/link');
  return { visitor, answer: await visitor.post('/sign-in/link', { email }) };
}

describe('signing in with a one-time link by email, through the outbox', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let now = new Date('2026-03-02T10:00:00Z');
  let carer: User;
  let manager: User;
  let otherManager: User;
  let national: User;
  let both: User;
  let managerVisitor: Visitor;

  beforeAll(async () => {
    ({ app, db, close } = await testApp(undefined, { clock: () => now }));
    const scheme = await aScheme(db, { name: 'Linkford Shared Lives' });
    const other = await aScheme(db, { name: 'Elsewhere Shared Lives' });
    carer = await aUser(db, { role: 'carer', schemeId: scheme.id, name: 'Cara Linkford' });
    manager = await aUser(db, { role: 'scheme_manager', schemeId: scheme.id });
    otherManager = await aUser(db, { role: 'scheme_manager', schemeId: other.id });
    national = await aUser(db, { role: 'national_admin', schemeId: null, name: 'Nia National' });
    both = await aUser(db, { role: 'person', schemeId: scheme.id });
    // Joined later than their first scheme, which their email is about: the embedded database's clock
    // can give two quick inserts the same time, and then either scheme would come first.
    await db.owner
      .insert(memberships)
      .values({ userId: both.id, schemeId: other.id, role: 'ambassador', createdAt: new Date(Date.now() + 60_000) });
    managerVisitor = new Visitor(app);
    await managerVisitor.signIn(manager.email);
  });
  afterAll(async () => close());

  /** The newest link in the outbox as a manager sees it, with the page it was read from. */
  async function linkFromOutbox(reader: Visitor) {
    const page = await reader.get('/outbox');
    expect(page.statusCode).toBe(200);
    return { page, token: linkIn(page.body) };
  }

  it('sends a link to the outbox, which the scheme manager opens and passes on; the link signs in once', async () => {
    const { answer } = await askForLink(app, carer.email.toUpperCase());
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain(SAME_ANSWER);
    expect(answer.body).toContain('scheme manager can find the link in Hearth');

    const { page, token } = await linkFromOutbox(managerVisitor);
    expect(page.body).toContain('Your link to sign in to Hearth');
    expect(page.body).toContain(carer.email);
    expect(page.body).toContain('Hello Cara Linkford');
    expect(page.body).toMatch(/<a class="govuk-link" href="http:\/\/localhost:80\/sign-in\/link\/[A-Za-z0-9_-]+">/);
    expect(token).toBeDefined();
    const [listed] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, manager.id), eq(auditEvents.recordType, 'outbox')));
    expect(listed?.action).toBe('listed');

    const stored = await db.owner.select().from(signInLinks).where(eq(signInLinks.userId, carer.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.id).not.toContain(token);

    const person = new Visitor(app);
    const opened = await person.get(`/sign-in/link/${token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Your sign-in link works');
    const signedIn = await person.post(`/sign-in/link/${token}`, {});
    expect(signedIn.statusCode).toBe(302);
    expect(signedIn.headers.location).toBe('/');
    expect((await person.get('/')).body).toContain('Hello, Cara Linkford');
    const [audited] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, carer.id), eq(auditEvents.action, 'signed in')));
    expect(audited?.changedFields).toEqual({ method: 'link' });

    const again = new Visitor(app);
    const reopened = await again.get(`/sign-in/link/${token}`);
    expect(reopened.statusCode).toBe(410);
    expect(reopened.body).toContain('This sign-in link has already been used');
    expect(reopened.body).toContain('Email me a new link');
    const reused = await again.post(`/sign-in/link/${token}`, {});
    expect(reused.statusCode).toBe(410);
    expect(reused.cookies.find((c) => c.name === 'hearth_session')).toBeUndefined();
  });

  it('refuses a link after 15 minutes', async () => {
    await askForLink(app, carer.email);
    const { token } = await linkFromOutbox(managerVisitor);
    const person = new Visitor(app);
    await person.get(`/sign-in/link/${token}`);
    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    const late = await person.post(`/sign-in/link/${token}`, {});
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('This sign-in link has expired');
    expect((await person.get(`/sign-in/link/${token}`)).body).toContain('This sign-in link has expired');
  });

  it('gives the same answer for an unknown email, and sends nothing', async () => {
    const before = (await db.owner.select().from(outbox)).length;
    const unknown = await askForLink(app, 'nobody-here@test.hearth.example');
    const known = await askForLink(app, carer.email);
    const words = (body: string) => body.replace(/(value|nonce)="[^"]*"/g, '').replace(/<strong>[^<]*<\/strong>/, '');
    expect(unknown.answer.statusCode).toBe(known.answer.statusCode);
    expect(words(unknown.answer.body)).toBe(words(known.answer.body));
    expect((await db.owner.select().from(outbox)).length).toBe(before + 1);
  });

  it('shows a friendly page for a made-up link, and asks again with what was typed kept', async () => {
    const visitor = new Visitor(app);
    const made = await visitor.get('/sign-in/link/not-a-real-link-at-all-000000000');
    expect(made.statusCode).toBe(410);
    expect(made.body).toContain('This sign-in link does not work');
    const empty = await visitor.post('/sign-in/link', { email: 'not an email' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter an email address in the correct format');
    expect(empty.body).toContain('value="not an email"');
  });

  it('keeps each scheme’s messages to its managers, and national ones to national administrators', async () => {
    await askForLink(app, national.email);
    const other = new Visitor(app);
    await other.signIn(otherManager.email);
    const otherPage = await other.get('/outbox');
    expect(otherPage.body).not.toContain(carer.email);
    expect(otherPage.body).toContain('There are no messages');
    expect((await managerVisitor.get('/outbox')).body).not.toContain(national.email);
    const admin = new Visitor(app);
    await admin.signIn(national.email);
    const { page, token } = await linkFromOutbox(admin);
    expect(page.body).toContain('Hello Nia National');
    expect(page.body).not.toContain(carer.email);
    expect(token).toBeDefined();
  });

  it('asks someone with several ways in to choose, and records that they came by link', async () => {
    await askForLink(app, both.email);
    const { token } = await linkFromOutbox(managerVisitor);
    const person = new Visitor(app);
    await person.get(`/sign-in/link/${token}`);
    expect((await person.post(`/sign-in/link/${token}`, {})).headers.location).toBe('/choose-scheme');
    const choose = await person.get('/choose-scheme');
    const value = /value="([^"]+\|person)"/.exec(choose.body)![1]!;
    await person.post('/choose-scheme', { choice: value });
    const [audited] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, both.id), eq(auditEvents.action, 'signed in')));
    expect(audited?.changedFields).toEqual({ method: 'link' });
  });

  it('keeps at most three unused links for one person, so no inbox is flooded', async () => {
    const count = async () => (await db.owner.select().from(outbox).where(eq(outbox.recipientUserId, manager.id))).length;
    for (let i = 0; i < 5; i += 1) await askForLink(app, manager.email);
    expect(await count()).toBe(3);
  });

  it('limits how often one address may ask, as often as it may fail to sign in', async () => {
    const limited = await testApp(db, { signInLimits: { perAccount: 2, perAddress: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await askForLink(limited.app, 'someone@test.hearth.example')).answer.statusCode);
    await limited.app.close();
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('needs its CSRF token', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in/link');
    expect((await visitor.post('/sign-in/link', { email: carer.email }, { csrf: false })).statusCode).toBe(403);
  });
});
