import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMatchableCarer, aProposal } from '../matching/testing.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { personPlaces } from './schema.js';
import { aCircleMember, aPerson } from './testing.js';

/** A person's places that matter, recorded through the pages, read as the person's other rows are, and weighed by matching. */
describe('places that matter', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  let worker: Visitor;
  let person: Awaited<ReturnType<typeof aPerson>>;
  let carer: Awaited<ReturnType<typeof aMatchableCarer>>;
  const users: Record<string, Awaited<ReturnType<typeof aUser>>> = {};

  const placesOf = () => db.owner.select().from(personPlaces).where(eq(personPlaces.personId, person.id)).orderBy(personPlaces.createdAt);
  const shortlist = async () =>
    (await worker.get(`/people/${person.id}/matching`)).body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ ([,.])/g, '$1');

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    for (const role of ['scheme_worker', 'person', 'carer', 'circle_member'] as const) users[role] = await aUser(db, { role, schemeId });
    worker = new Visitor(app);
    await worker.signIn(users.scheme_worker!.email);
    // Fictional postcodes Hearth knows: one by the carer's home, one 12 miles north of it.
    await db.owner.execute(sql`insert into postcodes (postcode, latitude, longitude, source) values
      ('NB5 1AA', 54.97, -1.61, 'demo'), ('NB5 9ZZ', 55.1437, -1.61, 'demo')`);
    person = await aPerson(db, {
      schemeId,
      name: 'Cerys Marsh',
      status: 'waiting',
      userId: users.person!.id,
      latitude: 54.97,
      longitude: -1.61,
    });
    carer = await aMatchableCarer(db, { schemeId, name: 'Ffion Garth', userId: users.carer!.id, latitude: 54.97, longitude: -1.61 });
  });
  afterAll(async () => close());

  it('adds a place with a known postcode, located, and the shortlist shows the distance to it', async () => {
    await worker.get(`/people/${person.id}/places/new`);
    const added = await worker.post(`/people/${person.id}/places`, { label: 'Mum', kind: 'family', postcode: 'nb5 9zz' });
    expect(added.statusCode).toBe(302);
    expect(added.headers.location).toBe(`/people/${person.id}/needs#places`);
    expect(await placesOf()).toMatchObject([{ label: 'Mum', kind: 'family', postcode: 'NB5 9ZZ', latitude: 55.1437, longitude: -1.61 }]);
    const needs = await worker.get(`/people/${person.id}/needs`);
    expect(needs.body).toContain('Mum');
    expect(needs.body).toContain('NB5 9ZZ');
    expect(await shortlist()).toContain('12 miles from Mum');
  });

  it('keeps a place whose postcode Hearth does not know, or which has none, with its distance not known', async () => {
    await worker.post(`/people/${person.id}/places`, { label: 'Fern College', kind: 'college', postcode: 'NB6 6XY' });
    await worker.post(`/people/${person.id}/places`, { label: 'Bowling club', kind: 'friends', postcode: '' });
    expect((await placesOf()).map((p) => [p.label, p.postcode, p.latitude])).toEqual([
      ['Mum', 'NB5 9ZZ', 55.1437],
      ['Fern College', 'NB6 6XY', null],
      ['Bowling club', null, null],
    ]);
    const needs = await worker.get(`/people/${person.id}/needs`);
    expect(needs.body).toContain('Distance not known: Hearth does not know this postcode');
    expect(needs.body).toContain('Distance not known: add a postcode to see it');
    expect(await shortlist()).toContain('12 miles from Mum. Distance to Fern College and Bowling club not known');
  });

  it('refuses a place without a name or kind, or with a postcode that is not one, keeping what was typed', async () => {
    await worker.get(`/people/${person.id}/places/new`);
    const bad = await worker.post(`/people/${person.id}/places`, { label: '', postcode: 'NB5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Enter what the place is, like Mum or Riverside day service');
    expect(bad.body).toContain('Choose what kind of place it is');
    expect(bad.body).toContain('Enter the full postcode, like NB1 4QT, not only the first part');
    expect(bad.body).toContain('value="NB5"');
    expect(await placesOf()).toHaveLength(3);
  });

  it('changes a place: a new postcode moves it, and the shortlist sees it at once; then removes one', async () => {
    const [mum, college] = await placesOf();
    await worker.get(`/people/${person.id}/places/${mum!.id}`);
    const moved = await worker.post(`/people/${person.id}/places/${mum!.id}`, {
      label: 'Mum and Dad',
      kind: 'family',
      postcode: 'NB5 1AA',
    });
    expect(moved.statusCode).toBe(302);
    expect((await placesOf())[0]).toMatchObject({ label: 'Mum and Dad', postcode: 'NB5 1AA', latitude: 54.97 });
    expect(await shortlist()).toContain('Under a mile from Mum and Dad');

    const removed = await worker.post(`/people/${person.id}/places/${college!.id}`, {
      label: 'Fern College',
      kind: 'college',
      postcode: 'NB6 6XY',
      removed: 'yes',
    });
    expect(removed.statusCode).toBe(302);
    expect((await placesOf()).map((p) => p.label)).toEqual(['Mum and Dad', 'Bowling club']);
    expect((await worker.get(`/people/${person.id}/places/${college!.id}`)).statusCode).toBe(404);
  });

  it('is read like the person’s matching wishes: by staff, the person and a consenting circle; never by carers; written by staff only', async () => {
    // Even a carer proposed with the person's matching wishes shared does not read the places (family homes).
    await aProposal(db, {
      schemeId,
      personId: person.id,
      carerId: carer.id,
      proposedByUserId: users.scheme_worker!.id,
      shares: ['profile', 'matching'],
    });
    await aCircleMember(db, person, { userId: users.circle_member!.id, consents: ['matching'] });
    const count = (role: 'person' | 'carer' | 'circle_member') =>
      db.inScope(
        { schemeId, userId: users[role]!.id, role },
        async (tx) => (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from person_places`))[0]!.n,
      );
    expect(await count('person')).toBe(2);
    expect(await count('circle_member')).toBe(2);
    expect(await count('carer')).toBe(0);
    const write = db.inScope({ schemeId, userId: users.person!.id, role: 'person' }, (tx) =>
      tx.insert(personPlaces).values({ schemeId, personId: person.id, label: 'Gran', kind: 'family' }),
    );
    await expect(write).rejects.toThrow();
    const other = await aScheme(db);
    const stranger = await aUser(db, { role: 'scheme_worker', schemeId: other.id });
    const seen = await db.inScope(
      { schemeId: other.id, userId: stranger.id, role: 'scheme_worker' },
      async (tx) => (await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from person_places`))[0]!.n,
    );
    expect(seen).toBe(0);
  });
});
