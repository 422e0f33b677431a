import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../platform/csv/csv.js';
import { exportRow, peopleCsv } from './csv.js';
import { ARRANGEMENT_TYPES, PERSON_STATUSES } from './status.js';
import { CONTACT_METHODS } from './words.js';

const HEADINGS = peopleCsv.spec.columns.map((c) => c.header).join(',');

describe('the people spreadsheet', () => {
  it('offers a template whose example row imports as it is', () => {
    const [headings, example] = parseCsv(peopleCsv.template());
    expect(headings).toContain('Communication needs');
    expect(example![0]).toBe('Amara Okafor');
    const preview = peopleCsv.preview(peopleCsv.template());
    expect(preview.problems).toEqual([]);
    expect(preview.ready[0]).toMatchObject({
      name: 'Amara Okafor',
      dateOfBirth: '1994-06-14',
      postcode: 'NB1 4QT',
      status: 'waiting',
      statusSince: '2026-02-03',
      communication: { needs: ['easy_read', 'reader'], otherNeeds: null },
      preferredContact: 'text_message',
      arrangementTypes: [],
    });
  });

  it('reads the words people write, in any case, and empty cells as their defaults', () => {
    const preview = peopleCsv.preview(
      `${HEADINGS}\nBo Lark,,1987-03-27,,,BO@Example.org,,nb24xy,,SUPPORTED,,live-in (long-term); short breaks,,none,letter,\nCy Moss,,,,,,,,,,,,,,,\n`,
    );
    expect(preview.problems).toEqual([]);
    expect(preview.ready[0]).toMatchObject({
      email: 'bo@example.org',
      postcode: 'NB2 4XY',
      status: 'supported',
      arrangementTypes: ['live_in', 'short_breaks'],
      communication: { needs: [] },
      preferredContact: 'letter',
    });
    expect(preview.ready[1]).toMatchObject({
      name: 'Cy Moss',
      status: 'referred',
      statusSince: null,
      dateOfBirth: null,
      communication: undefined,
      arrangementTypes: [],
    });
  });

  it('lists every bad cell of every row', () => {
    const preview = peopleCsv.preview(
      `${HEADINGS}\n,,31/02/1990,,phone!,not-an-email,,XX,,Sleeping,01/01/2099,Weekends,boss,Smoke signals,Pigeon,not-an-id\n`,
    );
    const problems = preview.problems.map((p) => `${p.rowNumber} ${p.column}: ${p.message}`);
    expect(problems).toEqual([
      '2 Name: Enter their full name',
      '2 Date of birth: Date of birth must be a real date',
      '2 Phone: Enter a phone number, like 07700 900 982',
      '2 Email: Enter an email address like name@example.com',
      '2 Postcode: Enter a real postcode, like NB1 4QT',
      expect.stringContaining('2 Status: Status must be one of: Referred, Assessing'),
      '2 Status since: Status since must be today or in the past',
      expect.stringContaining('2 Kinds of support: Kinds of support must be from'),
      expect.stringContaining('2 Worker email:'),
      expect.stringContaining('2 Communication needs: “Smoke signals” is not a communication need'),
      expect.stringContaining('2 Preferred contact:'),
      expect.stringContaining('2 Hearth ID:'),
    ]);
  });

  it('checks kinds of support against the status, and keeps preferred contact with communication needs', () => {
    const check = peopleCsv.spec.check!;
    const row = { name: 'A', status: 'supported' as const, arrangementTypes: [] };
    expect(check(row)).toEqual([{ field: 'arrangementTypes', message: 'Someone supported needs at least one kind of support' }]);
    expect(check({ ...row, status: 'waiting', arrangementTypes: ['live_in'] })[0]!.message).toContain('Leave kinds of support empty');
    expect(check({ ...row, arrangementTypes: ['day_support'] })).toEqual([]);
    expect(check({ ...row, arrangementTypes: ['day_support'], preferredContact: 'email' })[0]!.field).toBe('communication');
  });

  it('reads back every record it exports (property)', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/[\r\n]/g, ' ').trim())
      .filter((s) => s.length > 0 && !/^[=+\-@]/.test(s) && !s.includes(';'));
    const person = fc.record({
      id: fc.uuid(),
      name: text,
      preferredName: fc.option(text),
      pronouns: fc.option(text),
      address: fc.option(text),
      area: fc.option(text),
      dateOfBirth: fc.option(
        fc.date({ min: new Date('1920-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      ),
      status: fc.constantFrom(...PERSON_STATUSES),
      statusSince: fc
        .date({ min: new Date('2000-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      types: fc.subarray([...ARRANGEMENT_TYPES], { minLength: 1 }),
      needs: fc.option(fc.subarray(['easy_read', 'bsl', 'braille', 'other'] as const)),
      other: text,
      contact: fc.option(fc.constantFrom(...CONTACT_METHODS)),
    });
    fc.assert(
      fc.property(person, (p) => {
        const row = exportRow({
          id: p.id,
          name: p.name,
          preferredName: p.preferredName,
          dateOfBirth: p.dateOfBirth,
          pronouns: p.pronouns,
          phone: null,
          email: null,
          address: p.address,
          postcode: null,
          area: p.area,
          status: p.status,
          statusSince: p.statusSince,
          arrangementTypes: p.status === 'supported' ? p.types : [],
          workerEmail: null,
          needs: p.needs ? [...p.needs] : null,
          otherNeeds: p.needs?.includes('other') ? p.other : null,
          preferredContact: p.contact,
          communicationRecorded: p.needs !== null,
        });
        const preview = peopleCsv.preview(peopleCsv.export([row]));
        expect(preview.problems).toEqual([]);
        expect(preview.ready[0]).toMatchObject({
          hearthId: p.id,
          name: p.name,
          preferredName: p.preferredName ?? undefined,
          dateOfBirth: p.dateOfBirth,
          status: p.status,
          statusSince: p.statusSince,
          arrangementTypes: p.status === 'supported' ? p.types : [],
          communication: p.needs ? { needs: [...p.needs], otherNeeds: p.needs.includes('other') ? p.other : null } : undefined,
          preferredContact: p.contact ?? undefined,
        });
      }),
      { numRuns: 200 },
    );
  });
});
