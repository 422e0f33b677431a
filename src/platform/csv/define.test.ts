import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCsv } from './define.js';
import { parseCsv } from './csv.js';

const people = defineCsv<{ name: string; email: string; bedrooms?: number }>({
  name: 'people',
  unique: ['email'],
  columns: [
    { header: 'Name', field: 'name', schema: z.string({ error: 'Enter a name' }), example: 'Ada Hart' },
    {
      header: 'Email',
      field: 'email',
      schema: z.email({ error: 'Enter an email address like name@example.com' }),
      example: 'ada@example.org',
    },
    { header: 'Bedrooms', field: 'bedrooms', schema: z.coerce.number({ error: 'Enter a number' }).int().min(0).optional(), example: '2' },
  ],
});

describe('a CSV definition', () => {
  it('offers a template with the headings and a fictional example', () => {
    expect(parseCsv(people.template())).toEqual([
      ['Name', 'Email', 'Bedrooms'],
      ['Ada Hart', 'ada@example.org', '2'],
    ]);
  });

  it('reads good rows, whatever the order and case of the headings', () => {
    const preview = people.preview('email,BEDROOMS,name\nbo@example.org,,Bo Lark\ncy@example.org,3,Cy Moss\n');
    expect(preview.ok).toBe(true);
    expect(preview.ready).toEqual([
      { name: 'Bo Lark', email: 'bo@example.org', bedrooms: undefined },
      { name: 'Cy Moss', email: 'cy@example.org', bedrooms: 3 },
    ]);
  });

  it('lists every problem of every row, by row number and column, as a spreadsheet numbers them', () => {
    const preview = people.preview('Name,Email,Bedrooms\nBo Lark,bo@example.org,two\n,not-an-email,1\nBo Again,BO@example.org,1\n');
    expect(preview.ok).toBe(false);
    expect(preview.ready).toHaveLength(0);
    expect(preview.problems).toEqual([
      { rowNumber: 2, column: 'Bedrooms', message: 'Enter a number' },
      { rowNumber: 3, column: 'Name', message: 'Enter a name' },
      { rowNumber: 3, column: 'Email', message: 'Enter an email address like name@example.com' },
      { rowNumber: 4, column: 'Email', message: 'Same as row 2: each row needs its own' },
    ]);
  });

  it('says which headings are missing or unknown, and refuses an empty file', () => {
    expect(people.preview('Name,Phone\nBo,1\n').headerProblems).toEqual([
      'The column “Email” is missing',
      'The column “Bedrooms” is missing',
      'The column “Phone” is not one Hearth knows: remove it or use the template',
    ]);
    expect(people.preview('Name,Email,Bedrooms\n').headerProblems).toEqual(['The file has no rows under the headings']);
    expect(people.preview('').ok).toBe(false);
  });

  it('checks across a row’s cells once each cell is right', () => {
    const sized = defineCsv<{ name: string; bedrooms?: number }>({
      name: 'sized',
      columns: [people.spec.columns[0]!, people.spec.columns[2]!],
      check: (row) => (row.bedrooms === 0 ? [{ field: 'bedrooms', message: `${row.name} needs a bedroom` }] : []),
    });
    expect(sized.preview('Name,Bedrooms\nBo,0\nCy,x\nDi,2\n').problems).toEqual([
      { rowNumber: 2, column: 'Bedrooms', message: 'Bo needs a bedroom' },
      { rowNumber: 3, column: 'Bedrooms', message: 'Enter a number' },
    ]);
  });

  it('reads back its own export, even cells it had to keep from running as formulas', () => {
    const signed = defineCsv<{ name: string; email: string; bedrooms?: number }>({ ...people.spec, name: 'signed' });
    const exported = signed.export([{ name: '+44 ringer', email: 'ri@example.org', bedrooms: -1 }]);
    expect(exported).toContain("'+44 ringer");
    expect(signed.preview(exported).rows[0]!.values).toEqual({ Name: '+44 ringer', Email: 'ri@example.org', Bedrooms: '-1' });
  });

  it('exports records under the same headings', () => {
    expect(parseCsv(people.export([{ name: 'Di Wren', email: 'di@example.org', bedrooms: 1 }]))).toEqual([
      ['Name', 'Email', 'Bedrooms'],
      ['Di Wren', 'di@example.org', '1'],
    ]);
  });
});
