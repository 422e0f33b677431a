import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { schemes } from '../platform/db/schema.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';

describe('schemes, for national administrators', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let national: Visitor;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    await aScheme(db, { name: 'Existingham Shared Lives' });
    const admin = await aUser(db, { role: 'national_admin', schemeId: null });
    national = new Visitor(app);
    await national.signIn(admin.email);
  });
  afterAll(async () => close());

  it('adds a scheme with its first manager, who can then sign in to it', async () => {
    await national.get('/schemes/new');
    const response = await national.post('/schemes', {
      name: 'Newtown Shared Lives',
      kind: 'both',
      region: 'North East',
      localAuthority: 'Newtown Council',
      managerName: 'Noor Newtown',
      managerEmail: 'noor@test.hearth.example',
      managerPassword: 'a long first password',
    });
    expect(response.statusCode).toBe(302);
    expect((await national.get('/schemes?added=1')).body).toContain('Newtown Shared Lives');
    const noor = new Visitor(app);
    await noor.signIn('noor@test.hearth.example', 'a long first password');
    const home = await noor.get('/');
    expect(home.body).toContain('Newtown Shared Lives');
    expect(home.body).toContain('Team and access');
  });

  it('keeps the answers, writes nothing, and says what to fix', async () => {
    await national.get('/schemes/new');
    const response = await national.post('/schemes', {
      name: 'Half Scheme',
      kind: 'both',
      region: 'Atlantis',
      localAuthority: '',
      managerName: 'X',
      managerEmail: 'x@test.hearth.example',
      managerPassword: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose the region');
    expect(response.body).toContain('Enter the local authority');
    expect(response.body).toContain('value="Half Scheme"');
    expect(await db.owner.select().from(schemes).where(eq(schemes.name, 'Half Scheme'))).toEqual([]);
  });

  it('rolls back the scheme when the manager cannot be created', async () => {
    await national.get('/schemes/new');
    const response = await national.post('/schemes', {
      name: 'Orphan Shared Lives',
      kind: 'shared_lives',
      region: 'London',
      localAuthority: 'Orphan Council',
      managerName: 'New Person',
      managerEmail: 'new.person@test.hearth.example',
      managerPassword: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a first password for the new manager');
    expect(await db.owner.select().from(schemes).where(eq(schemes.name, 'Orphan Shared Lives'))).toEqual([]);
  });

  it('shows the national administrator no one’s personal records', async () => {
    expect((await national.get('/team')).statusCode).toBe(403);
    const audit = await national.get('/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('created scheme');
    expect(audit.body).not.toContain('Noor Newtown (Scheme manager)');
  });
});
