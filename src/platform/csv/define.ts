import { z } from 'zod';
import { parseCsv, restoreCell, toCsv } from './csv.js';

export interface CsvColumn {
  /** The heading in the spreadsheet, as people read it. */
  header: string;
  /** The field it fills. */
  field: string;
  /** Checks and converts the cell; an empty cell arrives as undefined. */
  schema: z.ZodType;
  /** A fictional example for the template. */
  example: string;
  /** How to fill it in, shown on the import page. */
  hint?: string;
}

export interface CsvProblem {
  /** 1 is the heading row; the first record is row 2, as in a spreadsheet. */
  rowNumber: number;
  column: string;
  message: string;
}

export interface CsvRow<T> {
  rowNumber: number;
  values: Record<string, string>;
  data?: T;
  problems: CsvProblem[];
}

export interface CsvPreview<T> {
  headerProblems: string[];
  rows: CsvRow<T>[];
  problems: CsvProblem[];
  ready: T[];
  ok: boolean;
}

export interface CsvSpec<T = unknown> {
  /** Used in file names: `${name}-template.csv`. */
  name: string;
  columns: readonly CsvColumn[];
  /** Fields that must differ on every row of one file (for example email). */
  unique?: readonly string[];
  maxRows?: number;
  /** Checks across a row's cells once each cell is right (a reason needed for some stages, say): each problem names its field. */
  check?: (row: T) => { field: string; message: string }[];
}

export const MAX_ROWS = 20_000;

/** One spreadsheet shape: its template, its checks, and its export, from one list of columns. */
export function defineCsv<T>(spec: CsvSpec<T>) {
  const rowSchema = z.object(Object.fromEntries(spec.columns.map((c) => [c.field, c.schema])));
  const headerOf = new Map(spec.columns.map((c) => [c.field, c.header]));
  const key = (text: string) => text.trim().toLowerCase();

  function preview(text: string): CsvPreview<T> {
    const [heading = [], ...records] = parseCsv(text);
    const positions = new Map(heading.map((h, i) => [key(h), i]));
    const headerProblems = spec.columns.filter((c) => !positions.has(key(c.header))).map((c) => `The column “${c.header}” is missing`);
    const known = new Set(spec.columns.map((c) => key(c.header)));
    headerProblems.push(
      ...heading
        .filter((h) => h.trim() && !known.has(key(h)))
        .map((h) => `The column “${h.trim()}” is not one Hearth knows: remove it or use the template`),
    );
    if (records.length === 0) headerProblems.push('The file has no rows under the headings');
    if (records.length > (spec.maxRows ?? MAX_ROWS))
      headerProblems.push(`The file has ${records.length} rows: import at most ${spec.maxRows ?? MAX_ROWS} at a time`);
    if (headerProblems.length) return { headerProblems, rows: [], problems: [], ready: [], ok: false };

    const seen = new Map<string, Map<string, number>>((spec.unique ?? []).map((f) => [f, new Map()]));
    const rows = records.map((record, index): CsvRow<T> => {
      const rowNumber = index + 2;
      const values = Object.fromEntries(
        spec.columns.map((c) => [c.header, restoreCell((record[positions.get(key(c.header))!] ?? '').trim())]),
      );
      const input = Object.fromEntries(spec.columns.map((c) => [c.field, values[c.header] === '' ? undefined : values[c.header]]));
      const parsed = rowSchema.safeParse(input);
      const problems: CsvProblem[] = parsed.success
        ? (spec.check?.(parsed.data as T) ?? []).map((p) => ({ rowNumber, column: headerOf.get(p.field) ?? 'Row', message: p.message }))
        : parsed.error.issues.map((issue) => ({ rowNumber, column: headerOf.get(String(issue.path[0])) ?? 'Row', message: issue.message }));
      for (const [field, values] of seen) {
        const value = String(input[field] ?? '').toLowerCase();
        if (!value) continue;
        const first = values.get(value);
        if (first) problems.push({ rowNumber, column: headerOf.get(field)!, message: `Same as row ${first}: each row needs its own` });
        else values.set(value, rowNumber);
      }
      return problems.length ? { rowNumber, values, problems } : { rowNumber, values, data: parsed.data as T, problems };
    });
    const problems = rows.flatMap((r) => r.problems);
    return { headerProblems, rows, problems, ready: rows.flatMap((r) => (r.data ? [r.data] : [])), ok: problems.length === 0 };
  }

  return {
    spec,
    preview,
    template: () => toCsv([spec.columns.map((c) => c.header), spec.columns.map((c) => c.example)]),
    export: (records: readonly Record<string, unknown>[]) =>
      toCsv([spec.columns.map((c) => c.header), ...records.map((r) => spec.columns.map((c) => r[c.field]))]),
  };
}

export type CsvDefinition<T> = ReturnType<typeof defineCsv<T>>;

/** Thrown by an import when rows clash with what is already saved: shown like any other row problem, and nothing is saved. */
export class CsvRowsProblem extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super(`${problems.length} rows cannot be imported`);
  }
}
