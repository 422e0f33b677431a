import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, restoreCell, toCsv } from './csv.js';

describe('CSV', () => {
  it('reads quotes, commas and line breaks inside quotes, CRLF and a byte-order mark', () => {
    expect(parseCsv('\ufeffname,notes\r\n"Hart, Ada","said ""hello""\nand left"\r\nBo,\n\n')).toEqual([
      ['name', 'notes'],
      ['Hart, Ada', 'said "hello"\nand left'],
      ['Bo', ''],
    ]);
  });

  it('keeps a spreadsheet from running an exported cell as a formula', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'plain']])).toBe(
      '\ufeff"\'=HYPERLINK(""x"")",\'+1,\'-2,\'@SUM(A1),plain\r\n',
    );
  });

  it('reads back what it writes, for any text, once the export’s apostrophe is undone', () => {
    // Any text at all: one that starts like a formula, or with apostrophes before such a character,
    // comes back through restoreCell as it went out. (A filter on the text once hid "'+" here.)
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('=', '+', '-', '@', '\t', "'", "''=").chain((start) => fc.string({ maxLength: 6 }).map((rest) => start + rest)),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const meaningful = rows.filter((r) => r.some((c) => c.trim() !== ''));
        expect(parseCsv(toCsv(meaningful)).map((r) => r.map(restoreCell))).toEqual(meaningful);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the export’s apostrophe', () => {
  it('is undone exactly on reading back, even for text that starts with apostrophes', () => {
    for (const text of ['=SUM(A1)', "'=", "''+44", "'plain", '-2.45', 'plain']) {
      expect(restoreCell(parseCsv(toCsv([[text]]))[0]![0]!)).toBe(text);
    }
  });
});
