import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { auditEvents, memberships, users } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';

describe('team and access', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let manager: Visitor;
  let schemeId = '';
  let other: Awaited<ReturnType<typeof aUser>>;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    const otherScheme = await aScheme(db);
    other = await aUser(db, { role: 'carer', schemeId: otherScheme.id, email: 'juniper.hollow@test.hearth.example' });
    const m = await aUser(db, { role: 'scheme_manager', schemeId, name: 'Morgan Manager' });
    manager = new Visitor(app);
    await manager.signIn(m.email);
  });
  afterAll(async () => close());

  it('adds a new person with a role, and they can sign in', async () => {
    await manager.get('/team/new');
    const response = await manager.post('/team', {
      name: 'Rowan Ashdown',
      email: 'Rowan.Ashdown@test.hearth.example',
      role: 'scheme_worker',
      password: 'a long first password',
    });
    expect(response.statusCode).toBe(302);
    const page = await manager.get(response.headers.location as string);
    expect(page.body).toContain('Rowan Ashdown has been added');
    const rowan = new Visitor(app);
    await rowan.signIn('rowan.ashdown@test.hearth.example', 'a long first password');
    expect((await rowan.get('/')).body).toContain('Hello, Rowan Ashdown');
  });

  it('gives someone Hearth already knows a new role, not a second account', async () => {
    await manager.get('/team/new');
    const response = await manager.post('/team', { name: 'Juniper Hollow', email: other.email, role: 'ambassador', password: '' });
    expect(response.statusCode).toBe(302);
    const accounts = await db.owner.select().from(users).where(eq(users.email, other.email));
    expect(accounts).toHaveLength(1);
    const roles = await db.owner.select().from(memberships).where(eq(memberships.userId, other.id));
    expect(roles.map((r) => r.role).sort()).toEqual(['ambassador', 'carer']);
  });

  it('keeps every answer and says what to fix when the form is wrong', async () => {
    await manager.get('/team/new');
    const before = await db.owner.select().from(users);
    const response = await manager.post('/team', {
      name: '<script>alert(1)</script>',
      email: 'not an email',
      role: 'wizard',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('Enter an email address in the correct format');
    expect(response.body).toContain('Choose what they will do in this scheme');
    expect(response.body).toContain('First password must be 12 characters or more');
    expect(response.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('value="not an email"');
    expect(response.body).not.toContain('value="short"');
    expect(await db.owner.select().from(users)).toHaveLength(before.length);
  });

  it('needs a first password only for someone new, and writes nothing until all is right', async () => {
    await manager.get('/team/new');
    const before = (await db.owner.select().from(users)).length;
    const response = await manager.post('/team', {
      name: 'Sol Brightwater',
      email: 'sol@test.hearth.example',
      role: 'carer',
      password: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a first password for this new person');
    expect(response.body).toContain('value="Sol Brightwater"');
    expect((await db.owner.select().from(users)).length).toBe(before);
  });

  it('refuses the same role twice', async () => {
    await manager.get('/team/new');
    await manager.post('/team', { name: 'Ivy Stone', email: 'ivy@test.hearth.example', role: 'carer', password: 'a long first password' });
    await manager.get('/team/new');
    const again = await manager.post('/team', { name: 'Ivy Stone', email: 'ivy@test.hearth.example', role: 'carer', password: '' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already has that role');
  });

  it('searches by name, with SQL in the search treated as text', async () => {
    const found = await manager.get('/team?q=rowan');
    expect(found.body).toContain('Rowan Ashdown');
    expect(found.body).not.toContain('Morgan Manager</a>');
    const injected = await manager.get(`/team?q=${encodeURIComponent("' or 1=1 --")}`);
    expect(injected.statusCode).toBe(200);
    expect(injected.body).toContain('No one matches');
    const wildcard = await manager.get('/team?q=%25');
    expect(wildcard.body).toContain('No one matches');
  });

  it('records each look at a person’s record in the audit log', async () => {
    const [rowan] = await db.owner.select().from(users).where(eq(users.email, 'rowan.ashdown@test.hearth.example'));
    const [membership] = await db.owner.select().from(memberships).where(eq(memberships.userId, rowan!.id));
    await manager.get(`/team/${membership!.id}`);
    const events = await db.owner.select().from(auditEvents).where(eq(auditEvents.subjectUserId, rowan!.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'viewed']));
    const created = events.find((e) => e.action === 'created')!;
    expect(created.changedFields).toEqual({ name: 'Rowan Ashdown', email: 'rowan.ashdown@test.hearth.example', role: 'scheme_worker' });
    expect(JSON.stringify(events)).not.toContain('a long first password');
    expect((await manager.get('/audit?action=viewed')).body).toContain('viewed user');
  });

  it('ends someone’s access, and their session stops working', async () => {
    const [ivy] = await db.owner.select().from(users).where(eq(users.email, 'ivy@test.hearth.example'));
    const [membership] = await db.owner.select().from(memberships).where(eq(memberships.userId, ivy!.id));
    const ivyVisitor = new Visitor(app);
    await ivyVisitor.signIn('ivy@test.hearth.example', 'a long first password');
    await manager.get(`/team/${membership!.id}`);
    const ended = await manager.post(`/team/${membership!.id}/end`, {});
    expect(ended.statusCode).toBe(302);
    expect((await ivyVisitor.get('/')).statusCode).toBe(302);
  });

  it('answers 404 for an id that is not an id, or not there', async () => {
    expect((await manager.get('/team/not-a-uuid')).statusCode).toBe(404);
    expect((await manager.get('/team/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('answers the JSON API with 400 and field errors, and 201 when right', async () => {
    await manager.get('/team');
    const bad = await manager.json('POST', '/api/v1/team', { name: '', email: 'x', role: 'carer' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toMatchObject({ name: 'Enter their full name', email: expect.stringContaining('correct format') });
    const notObject = await manager.json('POST', '/api/v1/team', [1, 2]);
    expect(notObject.statusCode).toBe(400);
    const good = await manager.json('POST', '/api/v1/team', {
      name: 'Wren Api',
      email: 'wren.api@test.hearth.example',
      role: 'carer',
      password: 'a long first password',
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ id: expect.any(String) });
  });
});
