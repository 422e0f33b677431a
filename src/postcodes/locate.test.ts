import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ONE, rowsOf, type Database } from '../platform/db/database.js';
import { testDatabase } from '../platform/testing/database.js';
import { onlineLookup } from './online.js';
import { postcodeLocator } from './service.js';
import { aPostcodesIo } from './testing.js';

let db: Database;
let online: Awaited<ReturnType<typeof aPostcodesIo>>;

beforeAll(async () => {
  db = await testDatabase();
  online = await aPostcodesIo({
    'NB9 9ZZ': { latitude: 53.7412345, longitude: -2.4698765 },
    'NB8 8ZZ': 'slow',
    'NB7 7ZZ': 'broken',
    'NB6 6ZZ': 'nonsense',
  });
  await db.owner.execute(sql`insert into postcodes (postcode, latitude, longitude, source) values ('NB1 4QT', 53.72, -2.46, 'ons')`);
});

afterAll(async () => {
  online.close();
  await db.close();
});

const storedSource = async (postcode: string) =>
  (await rowsOf<{ source: string }>(db.owner, sql`select source from postcodes where postcode = ${postcode}`))[0]?.source ?? null;

describe('locating a postcode', () => {
  it('finds a postcode in the table, and answers null for one it does not know', async () => {
    const locate = postcodeLocator();
    await db.inScope(NO_ONE, async (tx) => {
      expect(await locate(tx, 'NB1 4QT')).toEqual({ latitude: 53.72, longitude: -2.46 });
      expect(await locate(tx, 'NB9 9ZZ')).toBeNull();
    });
  });

  it('asks the online lookup only for what the table does not know, and keeps what it found', async () => {
    const locate = postcodeLocator(onlineLookup({ url: `${online.url}/`, timeoutMs: 1000 }));
    online.asked.length = 0;
    await db.inScope(NO_ONE, async (tx) => {
      expect(await locate(tx, 'NB1 4QT')).toEqual({ latitude: 53.72, longitude: -2.46 });
      expect(await locate(tx, 'NB9 9ZZ')).toEqual({ latitude: 53.74123, longitude: -2.46988 });
      expect(await locate(tx, 'NB5 5ZZ')).toBeNull();
    });
    expect(online.asked).toEqual(['NB9 9ZZ', 'NB5 5ZZ']);
    expect(await storedSource('NB9 9ZZ')).toBe('online');
    await db.inScope(NO_ONE, (tx) => locate(tx, 'NB9 9ZZ'));
    expect(online.asked).toEqual(['NB9 9ZZ', 'NB5 5ZZ']);
  });

  it('answers null, quickly, when the online lookup is slow, failing, talking nonsense or not there', async () => {
    const unreachable = await aPostcodesIo({});
    unreachable.close();
    for (const [url, postcode] of [
      [online.url, 'NB8 8ZZ'],
      [online.url, 'NB7 7ZZ'],
      [online.url, 'NB6 6ZZ'],
      [unreachable.url, 'NB9 9ZY'],
    ] as const) {
      const locate = postcodeLocator(onlineLookup({ url, timeoutMs: 300 }));
      const started = performance.now();
      expect(await db.inScope(NO_ONE, (tx) => locate(tx, postcode))).toBeNull();
      expect(performance.now() - started).toBeLessThan(1500);
      expect(await storedSource(postcode)).toBeNull();
    }
  });

  it('lets requests read postcodes and add online answers, but not change or remove any, nor add a file’s', async () => {
    const tryAs = (statement: ReturnType<typeof sql>) =>
      db
        .inScope(NO_ONE, (tx) => tx.execute(statement))
        .then(
          () => 'done',
          () => 'refused',
        );
    expect(await tryAs(sql`update postcodes set latitude = 0 where postcode = 'NB1 4QT'`)).toBe('refused');
    expect(await tryAs(sql`delete from postcodes where postcode = 'NB1 4QT'`)).toBe('refused');
    expect(await tryAs(sql`insert into postcodes (postcode, latitude, longitude, source) values ('NB2 2AA', 1, 1, 'ons')`)).toBe('refused');
    expect(await tryAs(sql`insert into postcodes (postcode, latitude, longitude, source) values ('nb2 2aa', 1, 1, 'online')`)).toBe(
      'refused',
    );
    expect(await tryAs(sql`insert into postcodes (postcode, latitude, longitude, source) values ('NB2 2AA', 1, 1, 'online')`)).toBe('done');
  });
});
