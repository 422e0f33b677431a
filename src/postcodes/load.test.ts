import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../platform/db/database.js';
import { testDatabase } from '../platform/testing/database.js';
import { UnknownLayout } from './files.js';
import { loadPostcodeFile, type LoadProgress } from './load.js';
import { codePointLine, madeUpPostcode, ONS_HEADER, onsLine } from './testing.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());

const stored = (postcode: string) =>
  rowsOf<{ latitude: number; longitude: number; source: string }>(
    db.owner,
    sql`select latitude::float8 as latitude, longitude::float8 as longitude, source from postcodes where postcode = ${postcode}`,
  ).then((rows) => rows[0] ?? null);

describe('loading a national postcode file', () => {
  it('loads an ONS directory file in batches, showing progress, and counts the bad rows it skips', async () => {
    const lines = [ONS_HEADER];
    for (let i = 0; i < 2_500; i++) lines.push(onsLine({ postcode: madeUpPostcode(i), latitude: 53 + i / 10_000, longitude: -2 }));
    lines.push(
      onsLine({ postcode: 'NB1 4QU', latitude: 99.999999, longitude: 0 }),
      'rubbish',
      onsLine({ postcode: 'NB1 4QT', latitude: 53.72, longitude: -2.46 }),
    );
    const progress: LoadProgress[] = [];
    const result = await loadPostcodeFile(db.owner, Readable.from(lines.map((l) => `${l}\n`)), {
      batchSize: 1000,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ layout: 'ons', rows: 2_503, loaded: 2_501, skipped: 2, skippedFor: { noLocation: 1, columns: 1 } });
    expect(result.examples).toEqual([
      { line: 2_502, reason: 'noLocation' },
      { line: 2_503, reason: 'columns' },
    ]);
    expect(progress.map((p) => p.loaded)).toEqual([1000, 2000, 2501]);
    expect(await stored('NB1 4QT')).toEqual({ latitude: 53.72, longitude: -2.46, source: 'ons' });
    expect(await stored(madeUpPostcode(2_499))).toEqual({ latitude: 53.2499, longitude: -2, source: 'ons' });
    expect(await stored('NB1 4QU')).toBeNull();
  });

  it('loads a Code-Point Open file, converting grid references, and moves postcodes loaded before', async () => {
    const text = [
      codePointLine({ postcode: 'NB1 4QT', eastings: 651409.903, northings: 313177.27 }),
      codePointLine({ postcode: 'NB1 4QT', eastings: 651409.903, northings: 313177.27 }),
      codePointLine({ postcode: 'NB9 1ZZ', eastings: 0, northings: 0, quality: 90 }),
    ].join('\n');
    const result = await loadPostcodeFile(db.owner, Readable.from([text]));
    expect(result).toMatchObject({ layout: 'code_point', rows: 3, loaded: 1, skipped: 1 });
    expect(await stored('NB1 4QT')).toEqual({ latitude: 52.65798, longitude: 1.71605, source: 'code_point' });
  });

  it('refuses a file of neither layout, and an empty one, writing nothing', async () => {
    await expect(loadPostcodeFile(db.owner, Readable.from(['name,email\nSam,sam@example.org\n']))).rejects.toThrow(UnknownLayout);
    await expect(loadPostcodeFile(db.owner, Readable.from(['\n']))).rejects.toThrow(UnknownLayout);
  });
});
