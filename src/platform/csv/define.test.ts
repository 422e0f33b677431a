import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countsOf, defineCsv } from './define.js';
import { parseCsv } from './csv.js';

const people = defineCsv<{ name: string; email: string; bedrooms?: number }>({
  name: 'people',
  unique: ['email'],
  columns: [
    { header: 'Name', field: 'name', schema: z.string({ error: 'Enter a name' }), example: 'Ada Hart', required: true },
    {
      header: 'Email',
      field: 'email',
      schema: z.email({ error: 'Enter an email address like name@example.com' }),
      example: 'ada@example.org',
      required: true,
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

  it('says which required headings are missing or unknown, and refuses an empty file', () => {
    expect(people.preview('Name,Phone\nBo,1\n').headerProblems).toEqual([
      'The column “Email” is missing',
      'The column “Phone” is not one Hearth knows: remove it or use the template',
    ]);
    const withoutBedrooms = people.preview('Name,Email\nBo,bo@example.org\n');
    expect(withoutBedrooms.ok).toBe(true);
    expect([...withoutBedrooms.present]).toEqual(['name', 'email']);
    expect(people.preview('Name,Email,Bedrooms\n').headerProblems).toEqual(['The file has no rows under the headings']);
    expect(people.preview('').ok).toBe(false);
  });

  it('checks across a row’s cells once each cell is right', () => {
    const sized = defineCsv<{ name: string; bedrooms?: number }>({
      name: 'sized',
      columns: [people.spec.columns[0]!, people.spec.columns[2]!],
      check: (row) => (row.bedrooms === 0 ? [{ field: 'bedrooms', message: `${row.name} needs a bedroom` }] : []),
    });
    const preview = sized.preview('Name,Bedrooms\nBo,0\nCy,x\nDi,2\n');
    expect(preview.problems).toEqual([{ rowNumber: 3, column: 'Bedrooms', message: 'Enter a number' }]);
    expect(sized.plan(preview, () => null).problems).toEqual([{ rowNumber: 2, column: 'Bedrooms', message: 'Bo needs a bedroom' }]);
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

  describe('planning an import against saved records', () => {
    type Member = { id?: string; name: string; stage?: string; note?: string; rooms?: number };
    const members = defineCsv<Member>({
      name: 'members',
      columns: [
        { header: 'Name', field: 'name', schema: z.string(), example: 'Ada', required: true },
        { header: 'Stage', field: 'stage', schema: z.string().optional(), example: 'New', onUpdate: 'fixed' },
        { header: 'Note', field: 'note', schema: z.string().optional(), example: '', onUpdate: 'keep' },
        { header: 'Rooms', field: 'rooms', schema: z.coerce.number().int().optional(), example: '2' },
        { header: 'ID', field: 'id', schema: z.string().optional(), example: '', onUpdate: 'match' },
      ],
      check: (row) => (row.stage === 'Housed' && !row.rooms ? [{ field: 'rooms', message: 'Someone housed has rooms' }] : []),
      fixed: (saved) => `Saved at ${saved.stage}: change it on their page`,
    });
    const saved: Record<string, Record<string, unknown>> = {
      m1: { id: 'm1', name: 'Ada', stage: 'Housed', note: 'Likes tea', rooms: 2 },
      m2: { id: 'm2', name: 'Bo', stage: 'New', note: null, rooms: null },
    };
    const plan = (text: string) =>
      members.plan(members.preview(text), (row) =>
        !row.id ? null : saved[row.id] ? { id: row.id, record: saved[row.id]! } : { field: 'id', message: 'Unknown ID' },
      );

    it('adds rows without a record, changes only what differs, and leaves the rest alone', () => {
      const { problems, rows } = plan('Name,Stage,Note,Rooms,ID\nAda,Housed,Likes tea,2,m1\nBo,New,,3,m2\nCy,New,,,\n');
      expect(problems).toEqual([]);
      expect(rows.map((r) => [r.rowNumber, r.action, r.changed])).toEqual([
        [2, 'same', []],
        [3, 'change', ['rooms']],
        [4, 'add', []],
      ]);
      expect(countsOf({ problems, rows })).toEqual({ added: 1, changed: 1, unchanged: 1 });
    });

    it('keeps what is saved for a column left out, and for an empty cell that keeps', () => {
      const { rows } = plan('Name,Note,ID\nAda,,m1\nBo Renamed,,m2\n');
      expect(rows[0]).toMatchObject({ action: 'same', row: { name: 'Ada', stage: 'Housed', note: 'Likes tea', rooms: 2 } });
      expect(rows[1]).toMatchObject({ action: 'change', changed: ['name'] });
    });

    it('refuses a fixed cell that differs, checks the record as it will be, and finds unknown and repeated records', () => {
      const { problems, rows } = plan('Name,Stage,Rooms,ID\nAda,New,2,m1\nBo,,,m2\nBo,,,m9\nDi,Housed,,\n');
      expect(problems).toEqual([
        { rowNumber: 2, column: 'Stage', message: 'Saved at Housed: change it on their page' },
        { rowNumber: 4, column: 'ID', message: 'Unknown ID' },
        { rowNumber: 5, column: 'Rooms', message: 'Someone housed has rooms' },
      ]);
      expect(rows.map((r) => r.rowNumber)).toEqual([3, 5]);
      expect(plan('Name,Rooms,ID\nAda,0,m1\n').problems).toEqual([{ rowNumber: 2, column: 'Rooms', message: 'Someone housed has rooms' }]);
      expect(plan('Name,ID\nAda,m1\nAda again,m1\n').problems).toEqual([
        { rowNumber: 3, column: 'Row', message: 'Row 2 is about the same record: give each record one row' },
      ]);
    });

    it('blames the file only for problems it makes, not those the saved record already has', () => {
      saved.m4 = { id: 'm4', name: 'Di', stage: 'Housed', rooms: null };
      expect(plan('Name,Note,ID\nDi,Quiet,m4\n')).toMatchObject({ problems: [], rows: [{ action: 'change', changed: ['note'] }] });
      expect(plan('Name,Rooms,ID\nAda,,m1\n').problems).toEqual([{ rowNumber: 2, column: 'Rooms', message: 'Someone housed has rooms' }]);
    });

    it('counts a saved cell it cannot read as changed by any value given', () => {
      saved.m3 = { id: 'm3', name: 'Cy', rooms: 'several' };
      expect(plan('Name,Rooms,ID\nCy,4,m3\n').rows[0]).toMatchObject({ action: 'change', changed: ['rooms'] });
      expect(plan('Name,ID\nCy,m3\n').rows[0]).toMatchObject({ action: 'same' });
    });
  });
});
