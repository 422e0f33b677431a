import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../platform/csv/csv.js';
import { pickFields, readPostcodeFile, readingFor, splitCsvLine, UnknownLayout } from './files.js';
import { gridToLatLong } from './grid.js';
import { codePointLine, madeUpPostcode, ONS_HEADER, onsLine } from './testing.js';

/** Each row's outcome, after the file's layout; the text comes in small pieces, as a stream gives it. */
const read = async (text: string) => {
  const out: unknown[] = [];
  const pieces = Buffer.from(text).reduce<Buffer[]>((all, _, i, bytes) => (i % 7 ? all : [...all, bytes.subarray(i, i + 7)]), []);
  for await (const chunk of readPostcodeFile(Readable.from(pieces))) {
    if (!out.length) out.push({ layout: chunk.layout });
    out.push(...chunk.items);
  }
  return out;
};

describe('reading the national postcode files', () => {
  it('splits a line as the platform’s CSV reader does, quotes and all', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ' ', ',', '"', 'é') });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), fc.boolean(), (cells, quoteAll) => {
        const line = cells.map((c) => (quoteAll || /[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
        expect(splitCsvLine(line)).toEqual(cells);
        if (cells.some((c) => c.trim() !== '')) expect(splitCsvLine(line)).toEqual(parseCsv(line)[0]);
      }),
    );
  });

  it('picks some columns of a line, as splitting it would, or says it has too few', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ',', '"') });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), fc.uniqueArray(fc.nat(9), { maxLength: 4 }), (cells, wanted) => {
        const line = cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
        const columns = [...wanted].sort((a, b) => a - b);
        expect(pickFields(line, columns)).toEqual(columns.every((c) => c < cells.length) ? columns.map((c) => cells[c]) : null);
      }),
    );
  });

  it('tells the ONS Postcode Directory from OS Code-Point Open by the first line', () => {
    expect(readingFor(`\ufeff${ONS_HEADER}`)).toMatchObject({ layout: 'ons', header: true });
    expect(readingFor(`\u00ef\u00bb\u00bf${ONS_HEADER}`)).toMatchObject({ layout: 'ons', columns: [2, 41, 42] });
    expect(readingFor('"pcds","lat","long"')).toMatchObject({ layout: 'ons', header: true });
    expect(readingFor(codePointLine({ postcode: 'NB1 4QT', eastings: 372000, northings: 429000 }))).toMatchObject({
      layout: 'code_point',
      header: false,
    });
    expect(readingFor('PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC')).toMatchObject({ layout: 'code_point', header: true });
    expect(readingFor('name,email,phone')).toBeNull();
  });

  it('turns British National Grid eastings and northings into latitude and longitude', () => {
    // The Ordnance Survey's worked example (Caister water tower, TG 51409 13177), in WGS84.
    const caister = gridToLatLong(651409.903, 313177.27);
    expect(caister.latitude).toBeCloseTo(52.65798, 4);
    expect(caister.longitude).toBeCloseTo(1.71605, 4);
  });

  it('reads each row of a directory file, and says why a bad one is left out', async () => {
    const text = [
      ONS_HEADER,
      onsLine({ postcode: 'NB1 4QT', latitude: 53.72001, longitude: -2.46 }),
      onsLine({ postcode: 'NB1 4QU', latitude: 99.999999, longitude: 0 }),
      onsLine({ postcode: 'NOT A CODE', latitude: 53.7, longitude: -2.4 }),
      '"NB1 4QX",short',
      '',
      onsLine({ postcode: 'NB1 4QW', latitude: 'x', longitude: -2.4 }),
      onsLine({ postcode: 'NB2 1AA', latitude: 53.8, longitude: -2.5, terminated: true }),
    ].join('\r\n');
    expect(await read(text)).toEqual([
      { layout: 'ons' },
      { line: 2, row: { postcode: 'NB1 4QT', latitude: 53.72001, longitude: -2.46 } },
      { line: 3, skip: 'noLocation' },
      { line: 4, skip: 'postcode' },
      { line: 5, skip: 'columns' },
      { line: 7, skip: 'noLocation' },
      { line: 8, row: { postcode: 'NB2 1AA', latitude: 53.8, longitude: -2.5 } },
    ]);
  });

  it('reads each row of a Code-Point Open file, with no header', async () => {
    const text = [
      codePointLine({ postcode: 'NB1 4QT', eastings: 651409.903, northings: 313177.27 }),
      codePointLine({ postcode: 'NB10 1AB', eastings: 0, northings: 0, quality: 90 }),
      codePointLine({ postcode: 'NB1 4QW', eastings: 'x', northings: 1 }),
    ].join('\n');
    const items = await read(text);
    expect(items[0]).toEqual({ layout: 'code_point' });
    expect(items[1]).toMatchObject({ line: 1, row: { postcode: 'NB1 4QT' } });
    expect(items.slice(2)).toEqual([
      { line: 2, skip: 'noLocation' },
      { line: 3, skip: 'noLocation' },
    ]);
  });

  it('refuses a file of neither layout before reading on', async () => {
    await expect(read('name,email\nSam,sam@example.org\n')).rejects.toThrow(UnknownLayout);
  });

  it('makes millions of different made-up postcodes, none in a real postcode area', () => {
    const seen = new Set(Array.from({ length: 50_000 }, (_, i) => madeUpPostcode(i * 34)));
    expect(seen.size).toBe(50_000);
    expect(madeUpPostcode(1_699_999)).toMatch(/^[QVX][A-Z]\d{1,2} \d[A-Z]{2}$/);
  });
});
