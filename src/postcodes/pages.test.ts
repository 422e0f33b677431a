import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carers } from '../carers/schema.js';
import { aMatchableCarer } from '../matching/testing.js';
import { matchingSettings } from '../matching/schema.js';
import { personSupportNeeds, people, supportNeedCategories } from '../people/schema.js';
import { aPerson } from '../people/testing.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import { todayInUk } from '../platform/dates.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { codePointLine, ONS_HEADER, onsLine } from './testing.js';

const [year, month, day] = todayInUk().split('-');
const enquiry = (postcode: string) => ({
  name: 'Ada Hartley',
  email: '',
  phone: '',
  postcode,
  area: '',
  workerUserId: '',
  'enquiredOn-day': day!,
  'enquiredOn-month': month!,
  'enquiredOn-year': year!,
});
const personDetails = (postcode: string) => ({
  name: 'Amara Okafor',
  preferredName: 'Mara',
  pronouns: '',
  'dateOfBirth-day': '',
  'dateOfBirth-month': '',
  'dateOfBirth-year': '',
  phone: '',
  email: '',
  address: '',
  postcode,
  area: '',
  workerUserId: '',
  signInEmail: '',
});

describe('postcodes on people’s and carers’ records, and the manager’s page', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let worker: Visitor;
  let manager: Visitor;
  let schemeId = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    worker = new Visitor(app);
    await worker.signIn((await aUser(db, { role: 'scheme_worker', schemeId })).email);
    manager = new Visitor(app);
    await manager.signIn((await aUser(db, { role: 'scheme_manager', schemeId })).email);
    await db.owner.execute(sql`insert into postcodes (postcode, latitude, longitude, source) values
      ('NB1 4QT', 53.72, -2.46, 'demo'), ('NB1 4QU', 53.73, -2.47, 'demo'), ('NB9 1AA', 55.5, -2.46, 'demo')`);
  });
  afterAll(async () => close());

  const carerRow = async (id: string) => (await db.owner.select().from(carers).where(eq(carers.id, id)))[0]!;
  const personRow = async (id: string) => (await db.owner.select().from(people).where(eq(people.id, id)))[0]!;

  it('locates a carer from the postcode of their enquiry, and from a changed one', async () => {
    await worker.get('/carers/new');
    const added = await worker.post('/carers', enquiry('nb1 4qt'));
    expect(added.statusCode).toBe(302);
    const id = /\/carers\/([0-9a-f-]{36})/.exec(added.headers.location as string)![1]!;
    expect(await carerRow(id)).toMatchObject({ postcode: 'NB1 4QT', latitude: 53.72, longitude: -2.46 });
    expect((await worker.get(`/carers/${id}`)).body).toContain('Known from their postcode, NB1 4QT');

    await worker.get(`/carers/${id}/edit`);
    const moved = await worker.post(`/carers/${id}`, { ...enquiry('NB1 4QU'), signInEmail: '' });
    expect(moved.statusCode).toBe(302);
    expect(await carerRow(id)).toMatchObject({ postcode: 'NB1 4QU', latitude: 53.73, longitude: -2.47 });
  });

  it('saves a postcode Hearth does not know, and the carer’s record says distance cannot be worked out yet', async () => {
    await worker.get('/carers/new');
    const added = await worker.post('/carers', enquiry('NB7 7ZZ'));
    const id = /\/carers\/([0-9a-f-]{36})/.exec(added.headers.location as string)![1]!;
    expect(await carerRow(id)).toMatchObject({ postcode: 'NB7 7ZZ', latitude: null, longitude: null });
    expect((await worker.get(`/carers/${id}`)).body).toContain(
      'Not known: Hearth cannot find postcode NB7 7ZZ, so distance to people cannot be worked out yet',
    );
  });

  it('says what is wrong with a postcode that is only half there', async () => {
    await worker.get('/carers/new');
    const bad = await worker.post('/carers', enquiry('NB1'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the full postcode, like NB1 4QT, not only the first part');
    expect(bad.body).toContain('value="NB1"');
  });

  it('locates a person from their postcode; a change moves them, and the shortlist’s distance with them', async () => {
    await db.owner.insert(matchingSettings).values({ schemeId, maxMiles: 20 });
    const carer = await aMatchableCarer(db, { schemeId, name: 'Hana Brightwater', latitude: 53.72, longitude: -2.46 });
    const person = await aPerson(db, { schemeId, name: 'Amara Okafor', status: 'waiting' });
    const [need] = await db.owner.insert(supportNeedCategories).values({ schemeId, name: 'Learning disability' }).returning();
    await db.owner.insert(personSupportNeeds).values({ schemeId, personId: person.id, categoryId: need!.id });

    const shortlist = async () =>
      JSON.parse((await worker.json('GET', `/api/v1/people/${person.id}/shortlist`)).body) as { suitable: unknown[]; excluded: unknown[] };
    const noPostcode = await worker.get(`/people/${person.id}/matching`);
    expect(noPostcode.body).toContain('no postcode is recorded, so distance to carers cannot be worked out yet');
    expect(noPostcode.body).toContain(`href="/people/${person.id}/details#postcode">Add their postcode</a>`);

    await worker.get(`/people/${person.id}/details`);
    expect((await worker.post(`/people/${person.id}/details`, personDetails('nb1 4qu'))).statusCode).toBe(302);
    expect(await personRow(person.id)).toMatchObject({ postcode: 'NB1 4QU', latitude: 53.73, longitude: -2.47 });
    expect((await worker.get(`/people/${person.id}`)).body).toContain('Known from their postcode, NB1 4QU');
    expect((await shortlist()).suitable).toMatchObject([{ carerId: carer.id }]);

    await worker.post(`/people/${person.id}/details`, personDetails('NB9 1AA'));
    expect(await personRow(person.id)).toMatchObject({ postcode: 'NB9 1AA', latitude: 55.5 });
    const far = await shortlist();
    expect(far.suitable).toEqual([]);
    expect(JSON.stringify(far.excluded)).toMatch(/123 miles[^"]*more than the scheme's 20-mile limit/);

    await worker.post(`/people/${person.id}/details`, personDetails('NB8 8ZZ'));
    expect(await personRow(person.id)).toMatchObject({ postcode: 'NB8 8ZZ', latitude: null, longitude: null });
    expect((await worker.get(`/people/${person.id}`)).body).toContain(
      'Not known: Hearth cannot find postcode NB8 8ZZ, so distance to carers cannot be worked out yet',
    );
    const unknown = await worker.get(`/people/${person.id}/matching`);
    expect(unknown.body).toContain('Hearth cannot find postcode NB8 8ZZ, so distance to carers cannot be worked out yet');
    expect(unknown.body).toContain('Check their postcode</a>');
  });

  it('lets a manager load national postcode files, placing the records that were waiting for one', async () => {
    const waiting = await aPerson(db, { schemeId, name: 'Waiting Person', postcode: 'NB3 3AB' });
    const page = await manager.get('/settings/postcodes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('It knows where\n        <strong>3</strong> postcodes are');

    const loaded = await manager.postFiles('/settings/postcodes', {}, [
      {
        name: 'files',
        filename: 'ONSPD.csv',
        text: [ONS_HEADER, onsLine({ postcode: 'NB3 3AB', latitude: 53.1, longitude: -2.1 }), 'rubbish'].join('\n'),
      },
      { name: 'files', filename: 'nb.csv', text: codePointLine({ postcode: 'NB7 7ZZ', eastings: 372000, northings: 429000 }) },
      { name: 'files', filename: 'notes.csv', text: 'name,email\nSam,sam@example.org' },
    ]);
    expect(loaded.statusCode).toBe(200);
    expect(loaded.body).toContain('<strong>ONSPD.csv</strong> (ONS Postcode Directory): 1 postcodes loaded from 2 rows.');
    expect(loaded.body).toContain('Rows left out: 1 too few columns. The first: line 3: too few columns.');
    expect(loaded.body).toContain('<strong>nb.csv</strong> (OS Code-Point Open): 1 postcodes loaded from 1 rows.');
    expect(loaded.body).toContain('<strong>notes.csv</strong> was not loaded: This file is not one Hearth knows');
    expect(loaded.body).toContain('2 people and carers whose postcode was not known before now have a location.');
    expect(await personRow(waiting.id)).toMatchObject({ latitude: 53.1, longitude: -2.1 });
  });

  it('asks for a file when none was chosen, and refuses a form without its token', async () => {
    const empty = await manager.postFiles('/settings/postcodes', {}, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose a postcode file (CSV) to load');
    const file = {
      name: 'files',
      filename: 'ONSPD.csv',
      text: `${ONS_HEADER}\n${onsLine({ postcode: 'NB4 4AB', latitude: 53, longitude: -2 })}`,
    };
    const refused = await manager.postFiles('/settings/postcodes', {}, [file], { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(await rowsOf(db.owner, sql`select 1 from postcodes where postcode = 'NB4 4AB'`)).toHaveLength(0);
  });
});
