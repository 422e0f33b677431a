import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { schemes } from '../../platform/db/schema.js';
import { testApp, Visitor } from '../../platform/testing/app.js';
import { aScheme, aUser } from '../../platform/testing/builders.js';
import { aCarer, defaultCheckTypes } from '../testing.js';
import { DEFAULT_CHECK_TYPES } from './defaults.js';
import { checkTypes } from './schema.js';

describe('the checks and training a scheme asks for', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let manager: Visitor;
  let carerId = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const schemeId = (await aScheme(db)).id;
    await defaultCheckTypes(db, schemeId);
    carerId = (await aCarer(db, { schemeId, stage: 'approved' })).id;
    manager = new Visitor(app);
    await manager.signIn((await aUser(db, { role: 'scheme_manager', schemeId })).email);
  });
  afterAll(async () => close());

  it('gives a new scheme the default checks and training', async () => {
    const admin = new Visitor(app);
    await admin.signIn((await aUser(db, { role: 'national_admin', schemeId: null })).email);
    await admin.get('/schemes/new');
    const created = await admin.post('/schemes', {
      name: 'Fernvale Shared Lives',
      kind: 'shared_lives',
      region: 'Wales',
      localAuthority: 'Fernvale Council',
      managerName: 'Fen Manager',
      managerEmail: 'fen@test.hearth.example',
      managerPassword: 'a long first password',
    });
    expect(created.statusCode).toBe(302);
    const [scheme] = await db.owner.select().from(schemes).where(eq(schemes.name, 'Fernvale Shared Lives'));
    const types = await db.owner.select().from(checkTypes).where(eq(checkTypes.schemeId, scheme!.id));
    expect(types.map((t) => t.name).sort()).toEqual(DEFAULT_CHECK_TYPES.map((t) => t.name).sort());
    expect(types.find((t) => t.name.startsWith('DBS'))).toMatchObject({ appliesTo: 'every_adult', validMonths: 36, required: true });
  });

  it('lets a manager add, change and stop using a check, which carers’ records follow', async () => {
    await manager.get('/carers/settings/checks/new');
    const duplicate = await manager.post('/carers/settings/checks', {
      name: 'first aid',
      kind: 'training',
      appliesTo: 'carer',
      howMany: '1',
      required: 'yes',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('There is already a check or course with that name');
    const bad = await manager.post('/carers/settings/checks', { name: 'Epilepsy awareness', validMonths: '0', howMany: '9' });
    expect(bad.body).toContain('Choose whether it is a check or training');
    expect(bad.body).toContain('How long it lasts must be between 1 and 120');
    expect(bad.body).toContain('How many are needed must be between 1 and 5');
    const added = await manager.post('/carers/settings/checks', {
      name: 'Epilepsy awareness',
      kind: 'training',
      appliesTo: 'carer',
      validMonths: '24',
      howMany: '1',
      required: 'yes',
    });
    expect(added.statusCode).toBe(302);
    expect((await manager.get(`/carers/${carerId}/checks`)).body).toContain('Epilepsy awareness');

    const [type] = await db.owner.select().from(checkTypes).where(eq(checkTypes.name, 'Epilepsy awareness'));
    await manager.get(`/carers/settings/checks/${type!.id}`);
    const stopped = await manager.post(`/carers/settings/checks/${type!.id}`, {
      name: 'Epilepsy awareness',
      kind: 'training',
      appliesTo: 'carer',
      validMonths: '24',
      howMany: '1',
      required: 'yes',
      active: 'no',
    });
    expect(stopped.statusCode).toBe(302);
    expect((await manager.get('/carers/settings/checks')).body).toContain('No longer used');
    expect((await manager.get(`/carers/${carerId}/checks`)).body).not.toContain('Epilepsy awareness');
  });
});
