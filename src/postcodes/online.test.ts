import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carers } from '../carers/schema.js';
import { todayInUk } from '../platform/dates.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { aPostcodesIo } from './testing.js';

/** Saving through the pages with an online lookup configured: answers are used and kept; a slow or failing one never stops a save. */
describe('the online postcode lookup, from the carers’ pages', () => {
  let online: Awaited<ReturnType<typeof aPostcodesIo>>;
  let built: Awaited<ReturnType<typeof testApp>>;
  let worker: Visitor;
  const [year, month, day] = todayInUk().split('-');
  const enquiry = (name: string, postcode: string) => ({
    name,
    postcode,
    'enquiredOn-day': day!,
    'enquiredOn-month': month!,
    'enquiredOn-year': year!,
  });

  beforeAll(async () => {
    online = await aPostcodesIo({ 'NB5 5AB': { latitude: 53.61234, longitude: -2.31234 }, 'NB6 6AB': 'slow', 'NB7 7AB': 'broken' });
    built = await testApp(undefined, { postcodeLookup: { url: online.url, timeoutMs: 500 } });
    const schemeId = (await aScheme(built.db)).id;
    worker = new Visitor(built.app);
    await worker.signIn((await aUser(built.db, { role: 'scheme_worker', schemeId })).email);
  });
  afterAll(async () => {
    online.close();
    await built.close();
  });

  const add = async (name: string, postcode: string) => {
    await worker.get('/carers/new');
    const started = performance.now();
    const response = await worker.post('/carers', enquiry(name, postcode));
    expect(response.statusCode).toBe(302);
    const id = /\/carers\/([0-9a-f-]{36})/.exec(response.headers.location as string)![1]!;
    const [row] = await built.db.owner.select().from(carers).where(eq(carers.id, id));
    return { row: row!, id, ms: performance.now() - started };
  };

  it('locates a postcode the table does not know, and keeps the answer for the next record', async () => {
    expect((await add('Ada Hartley', 'nb5 5ab')).row).toMatchObject({ latitude: 53.61234, longitude: -2.31234 });
    expect((await add('Bo Hartley', 'NB5 5AB')).row).toMatchObject({ latitude: 53.61234, longitude: -2.31234 });
    expect(online.asked.filter((p) => p === 'NB5 5AB')).toHaveLength(1);
  });

  it('saves the record without a location when the service is slow, failing or does not know the postcode', async () => {
    for (const postcode of ['NB6 6AB', 'NB7 7AB', 'NB8 8AB']) {
      const saved = await add('Cy Hartley', postcode);
      expect(saved.row).toMatchObject({ postcode, latitude: null, longitude: null });
      expect(saved.ms).toBeLessThan(2000);
      expect((await worker.get(`/carers/${saved.id}`)).body).toContain(`Hearth cannot find postcode ${postcode}`);
    }
  });
});
