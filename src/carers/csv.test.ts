import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../platform/csv/csv.js';
import { carersCsv, parseCsvDate } from './csv.js';

const headers = carersCsv.spec.columns.map((c) => c.header);
const fileOf = (...rows: Record<string, string>[]) => toCsv([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]);
/** Every problem a file has for a scheme with no carers yet: each cell's, then across each row's cells. */
const problemsOf = (file: string) => {
  const preview = carersCsv.preview(file);
  return [...preview.problems, ...carersCsv.plan(preview, () => null).problems].sort((a, b) => a.rowNumber - b.rowNumber);
};

describe('the carers spreadsheet', () => {
  it('offers a template whose example row is itself a good row', () => {
    const preview = carersCsv.preview(carersCsv.template());
    expect(preview.problems).toEqual([]);
    expect(preview.ready[0]).toMatchObject({
      name: 'Ada Hart',
      stage: 'approved',
      approvedOn: '2021-05-14',
      maxPeople: 2,
      arrangementTypes: ['live_in', 'short_breaks'],
      smoking: 'no',
      languages: ['English', 'Polish'],
    });
  });

  it('reads dates as spreadsheets write them', () => {
    expect(parseCsvDate('27/03/2026')).toBe('2026-03-27');
    expect(parseCsvDate('1/2/2020')).toBe('2020-02-01');
    expect(parseCsvDate('2020-02-01')).toBe('2020-02-01');
    expect(parseCsvDate('31/02/2020')).toBeNull();
    expect(parseCsvDate('March 2020')).toBeNull();
  });

  it('lists every problem on every row, across cells too, before anything is saved', () => {
    const problems = problemsOf(
      fileOf(
        { Name: 'Bo Lark', Stage: 'Withdrawn' },
        { Name: 'Cy Moss', Stage: 'Approved', Email: 'cy@example.org' },
        { Name: '', Stage: 'Somewhere', Postcode: 'XYZ', 'Step-free access': 'maybe', Email: 'CY@example.org' },
        { Name: 'Di Wren', Stage: 'Decision' },
        {
          Name: 'Ed Fox',
          Stage: 'Enquiry',
          'Kinds of arrangement': 'Live-in; Holidays',
          Bedrooms: '1',
          'Spare bedrooms': '2',
          Latitude: '53.1',
        },
      ),
    );
    expect(problems.map((p) => `${p.rowNumber} ${p.column}: ${p.message}`)).toEqual([
      '2 Reason: Give the reason they are withdrawn',
      '3 Approved on: Give the date they were approved: they are approved',
      '3 Approved for how many people: Give how many people they are approved for',
      '3 Kinds of arrangement: Give the kinds of arrangement they are approved for',
      '4 Name: Enter the carer’s full name',
      '4 Postcode: Enter a real postcode, like NB1 4QT',
      '4 Stage: Enter one of: Enquiry, Initial visit, Assessment, Checks, Approval panel, Decision, Approved, Paused, Withdrawn, Declined, Left',
      '4 Step-free access: Step-free access must be Yes or No',
      '4 Email: Same as row 3: each row needs its own',
      '6 Kinds of arrangement: Kinds of arrangement: “Live-in” is not one Hearth knows. Use Long-term (live-in), Short breaks, Day support, separated by ;',
    ]);
  });

  it('finds cross-cell problems only once every cell reads right', () => {
    const problems = problemsOf(
      fileOf({ Name: 'Ed Fox', Stage: 'Enquiry', Bedrooms: '1', 'Spare bedrooms': '2', Latitude: '53.1', 'Approved on': '01/01/2020' }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Leave this empty: a carer at Enquiry is not approved',
      'Spare bedrooms must be no more than bedrooms',
      'Give both latitude and longitude, or neither',
    ]);
  });

  it('writes what it reads', () => {
    const file = carersCsv.template();
    expect(parseCsv(file)[0]).toEqual(headers);
  });
});
