import { z } from 'zod';
import { cellText, parseCsv, restoreCell, toCsv } from './csv.js';

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
  /** The file must have this column; any other may be left out. */
  required?: boolean;
  /**
   * What the cell does to a record already in Hearth. By default it replaces what is saved (an empty
   * cell empties it). 'match' finds the record and never changes it; 'fixed' must agree with what is
   * saved (the record's own page changes it, checking each move); 'keep' changes what is saved only
   * when the cell has something in it. For 'fixed' and 'keep', an empty cell means "as saved".
   */
  onUpdate?: 'match' | 'fixed' | 'keep';
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
  /** The fields whose columns the file has: a column left out leaves a saved record's value as it is. */
  present: ReadonlySet<string>;
}

/** A saved record a row is about: its id, and the record as the export writes it. */
export interface SavedRecord {
  id: string;
  record: Record<string, unknown>;
}

/** What importing does with one row: add a record, change one (these fields), or leave one as it is. */
export interface PlannedRow<T> {
  rowNumber: number;
  action: 'add' | 'change' | 'same';
  /** The saved record's id; null for a new one. */
  id: string | null;
  /** The record as it will be: the row's cells over what is saved. */
  row: T;
  changed: string[];
}

export interface ImportPlan<T> {
  problems: CsvProblem[];
  rows: PlannedRow<T>[];
}

export interface ImportCounts {
  added: number;
  changed: number;
  unchanged: number;
}

export const countsOf = (plan: ImportPlan<unknown>): ImportCounts => ({
  added: plan.rows.filter((r) => r.action === 'add').length,
  changed: plan.rows.filter((r) => r.action === 'change').length,
  unchanged: plan.rows.filter((r) => r.action === 'same').length,
});

export interface CsvSpec<T = unknown> {
  /** Used in file names: `${name}-template.csv`. */
  name: string;
  columns: readonly CsvColumn[];
  /** Fields that must differ on every row of one file (for example email). */
  unique?: readonly string[];
  maxRows?: number;
  /**
   * Checks across a row's cells once each cell is right (a reason needed for some stages, say), on the
   * record as it will be saved: each problem names its field.
   */
  check?: (row: T) => { field: string; message: string }[];
  /** Why a 'fixed' cell may not differ from the saved record (and where to change it instead). */
  fixed?: (saved: T) => string;
}

const UNREADABLE = Symbol('unreadable');

/** Two cells' values are the same: empty is empty whether null, undefined, '' or []. */
const same = (a: unknown, b: unknown) => {
  const plain = (v: unknown) => (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ? null : v);
  return a !== UNREADABLE && b !== UNREADABLE && JSON.stringify(plain(a)) === JSON.stringify(plain(b));
};

export const MAX_ROWS = 20_000;

/** One spreadsheet shape: its template, its checks, and its export, from one list of columns. */
export function defineCsv<T>(spec: CsvSpec<T>) {
  const rowSchema = z.object(Object.fromEntries(spec.columns.map((c) => [c.field, c.schema])));
  const headerOf = new Map(spec.columns.map((c) => [c.field, c.header]));
  const key = (text: string) => text.trim().toLowerCase();

  function preview(text: string): CsvPreview<T> {
    const [heading = [], ...records] = parseCsv(text);
    const positions = new Map(heading.map((h, i) => [key(h), i]));
    const present = new Set(spec.columns.filter((c) => positions.has(key(c.header))).map((c) => c.field));
    const headerProblems = spec.columns
      .filter((c) => c.required && !present.has(c.field))
      .map((c) => `The column “${c.header}” is missing`);
    const known = new Set(spec.columns.map((c) => key(c.header)));
    headerProblems.push(
      ...heading
        .filter((h) => h.trim() && !known.has(key(h)))
        .map((h) => `The column “${h.trim()}” is not one Hearth knows: remove it or use the template`),
    );
    if (records.length === 0) headerProblems.push('The file has no rows under the headings');
    if (records.length > (spec.maxRows ?? MAX_ROWS))
      headerProblems.push(`The file has ${records.length} rows: import at most ${spec.maxRows ?? MAX_ROWS} at a time`);
    if (headerProblems.length) return { headerProblems, rows: [], problems: [], ready: [], ok: false, present };

    const seen = new Map<string, Map<string, number>>((spec.unique ?? []).map((f) => [f, new Map()]));
    const rows = records.map((record, index): CsvRow<T> => {
      const rowNumber = index + 2;
      const values = Object.fromEntries(
        spec.columns.map((c) => {
          const at = positions.get(key(c.header));
          return [c.header, at === undefined ? '' : restoreCell((record[at] ?? '').trim())];
        }),
      );
      const input = Object.fromEntries(spec.columns.map((c) => [c.field, values[c.header] === '' ? undefined : values[c.header]]));
      const parsed = rowSchema.safeParse(input);
      const problems: CsvProblem[] = parsed.success
        ? []
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
    return { headerProblems, rows, problems, ready: rows.flatMap((r) => (r.data ? [r.data] : [])), ok: problems.length === 0, present };
  }

  /** A saved record, as the export writes it, read back as a row would be (a cell that does not read is unreadable). */
  function read(record: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      spec.columns.map((c) => {
        const cell = cellText(record[c.field]).trim();
        const parsed = c.schema.safeParse(cell === '' ? undefined : cell);
        return [c.field, parsed.success ? parsed.data : UNREADABLE];
      }),
    );
  }

  /**
   * What importing the previewed rows does, given the saved record each is about (`find` says which,
   * or why the row cannot be matched): each row added, changed or left as it is, and every problem,
   * checked on the record as it will be. The check step shows this; the import computes it again in
   * its transaction and does exactly it.
   */
  function plan(preview: CsvPreview<T>, find: (row: T) => SavedRecord | { field: string; message: string } | null): ImportPlan<T> {
    const problems: CsvProblem[] = [];
    const rows: PlannedRow<T>[] = [];
    const claimed = new Map<string, number>();
    for (const { rowNumber, values, data } of preview.rows) {
      if (!data) continue;
      const report = (field: string, message: string) => problems.push({ rowNumber, column: headerOf.get(field) ?? 'Row', message });
      const found = find(data);
      if (found && 'message' in found) {
        report(found.field, found.message);
        continue;
      }
      if (!found) {
        for (const p of spec.check?.(data) ?? []) report(p.field, p.message);
        rows.push({ rowNumber, action: 'add', id: null, row: data, changed: [] });
        continue;
      }
      const first = claimed.get(found.id);
      if (first) {
        report('Row', `Row ${first} is about the same record: give each record one row`);
        continue;
      }
      claimed.set(found.id, rowNumber);
      const saved = read(found.record);
      const row: Record<string, unknown> = {};
      const changed: string[] = [];
      let moved: string | null = null;
      for (const c of spec.columns) {
        const emptyKeeps = c.onUpdate === 'fixed' || c.onUpdate === 'keep';
        const given = preview.present.has(c.field) && !(emptyKeeps && values[c.header] === '');
        const value = (data as Record<string, unknown>)[c.field];
        row[c.field] = given || c.onUpdate === 'match' ? value : saved[c.field] === UNREADABLE ? undefined : saved[c.field];
        if (!given || c.onUpdate === 'match' || same(value, saved[c.field])) continue;
        if (c.onUpdate === 'fixed') moved ??= c.field;
        else changed.push(c.field);
      }
      const was = Object.fromEntries(Object.entries(saved).map(([field, v]) => [field, v === UNREADABLE ? undefined : v])) as T;
      if (moved) {
        report(moved, spec.fixed?.(was) ?? 'This cannot be changed by importing a file');
        continue;
      }
      // Only what the file would make wrong: a saved record's own old problems are not the file's.
      const already = new Set((spec.check?.(was) ?? []).map((p) => `${p.field}|${p.message}`));
      for (const p of spec.check?.(row as T) ?? []) if (!already.has(`${p.field}|${p.message}`)) report(p.field, p.message);
      rows.push({ rowNumber, action: changed.length ? 'change' : 'same', id: found.id, row: row as T, changed });
    }
    return { problems, rows };
  }

  return {
    spec,
    preview,
    plan,
    /** The headings of fields, for saying what a row changes. */
    headers: (fields: readonly string[]) => fields.map((f) => headerOf.get(f) ?? f),
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
