import { createServer, type AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { mailer, type MailSettings } from './mailer.js';
import { paragraphsOf } from './routes.js';
import { outbox } from './schema.js';

/**
 * A nodemailer transport that builds each message as it would go over SMTP (headers, MIME,
 * quoted-printable) and keeps the raw text. No SMTP server package is installed, so the SMTP
 * conversation itself is tried only against a closed port (the failure path).
 */
function capturing() {
  const raw: string[] = [];
  const transport = {
    name: 'capture',
    version: '1',
    send(
      mail: { message: { build(done: (error: Error | null, message: Buffer) => void): void; messageId(): string } },
      done: (error: Error | null, info: unknown) => void,
    ) {
      mail.message.build((error, message) => {
        if (!error) raw.push(message.toString('utf8'));
        done(error, { messageId: mail.message.messageId() });
      });
    },
  };
  return { raw, settings: { transport, from: 'Hearth <hearth@test.hearth.example>' } as MailSettings };
}

/** Quoted-printable soft line breaks and escapes undone, as a mail reader would. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('email through SMTP settings', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let carer: Awaited<ReturnType<typeof aUser>>;
  let manager: Awaited<ReturnType<typeof aUser>>;
  const mail = capturing();

  beforeAll(async () => {
    ({ app, db, close } = await testApp(undefined, { mail: mail.settings, baseUrl: 'https://hearth.test.example' }));
    const scheme = await aScheme(db);
    carer = await aUser(db, { role: 'carer', schemeId: scheme.id, name: 'Sam Smtp' });
    manager = await aUser(db, { role: 'scheme_manager', schemeId: scheme.id });
  });
  afterAll(async () => close());

  it('sends the sign-in link by email to the address people use, and records it without its text', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in/link');
    const answer = await visitor.post('/sign-in/link', { email: carer.email });
    expect(answer.body).toContain('If that email is known, we have sent a link');
    expect(answer.body).not.toContain('outbox');

    expect(mail.raw).toHaveLength(1);
    const message = decoded(mail.raw[0]!);
    expect(message).toContain(`To: ${carer.email}`);
    expect(message).toContain('From: Hearth <hearth@test.hearth.example>');
    expect(message).toContain('Subject: Your link to sign in to Hearth');
    const token = /https:\/\/hearth\.test\.example\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(message)?.[1];
    expect(token).toBeDefined();

    const [row] = await db.owner.select().from(outbox).where(eq(outbox.recipientUserId, carer.id));
    expect(row).toMatchObject({ status: 'sent', body: null, to: carer.email, schemeId: carer.membership.schemeId });

    const person = new Visitor(app);
    await person.get(`/sign-in/link/${token}`);
    expect((await person.post(`/sign-in/link/${token}`, {})).headers.location).toBe('/');

    const manager_ = new Visitor(app);
    await manager_.signIn(manager.email);
    const page = await manager_.get('/outbox');
    expect(page.body).toContain('Sent');
    expect(page.body).not.toContain(token);
  });

  it('records a message the mail server would not take as not sent, with the reason', async () => {
    const port = await closedPort();
    const failing = mailer(db, { transport: `smtp://127.0.0.1:${port}`, from: 'hearth@test.hearth.example' });
    const status = await failing.send({
      to: carer.email,
      subject: 'A test',
      text: 'Hello',
      recipientUserId: carer.id,
      schemeId: carer.membership.schemeId,
    });
    failing.close();
    expect(status).toBe('failed');
    const [row] = await db.owner.select().from(outbox).where(eq(outbox.subject, 'A test'));
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/ECONNREFUSED/);
  });

  it('sends through nodemailer’s JSON transport too, for a message a manager sends from their scheme', async () => {
    const json = mailer(db, { transport: { jsonTransport: true }, from: 'hearth@test.hearth.example' });
    expect(json.sends).toBe(true);
    const schemeId = manager.membership.schemeId;
    const message = { to: 'someone@test.hearth.example', subject: 'JSON', text: 'Hello', recipientUserId: null, schemeId };
    expect(await json.send(message, { schemeId, userId: manager.id, role: 'scheme_manager' })).toBe('sent');
    await expect(json.send(message)).rejects.toThrow();
  });

  it('refuses to keep a message for a scheme the recipient is not in', async () => {
    const other = await aScheme(db);
    const kept = mailer(db, null);
    await expect(
      kept.send({ to: carer.email, subject: 'Wrong', text: 'Hello', recipientUserId: carer.id, schemeId: other.id }),
    ).rejects.toThrow();
  });
});

describe('showing a message', () => {
  it('makes web addresses and site paths into links, and nothing else', () => {
    expect(paragraphsOf('Hello Sam,\n\nOpen this:\n\nhttps://h.example/sign-in/link/abc\n\nOr /sign-in/link/xyz now.')).toEqual([
      [{ text: 'Hello Sam,' }],
      [{ text: 'Open this:' }],
      [{ text: 'https://h.example/sign-in/link/abc', href: 'https://h.example/sign-in/link/abc' }],
      [{ text: 'Or ' }, { text: '/sign-in/link/xyz', href: '/sign-in/link/xyz' }, { text: ' now.' }],
    ]);
    expect(paragraphsOf('javascript:alert(1) and and/or')).toEqual([[{ text: 'javascript:alert(1) and and/or' }]]);
  });
});
