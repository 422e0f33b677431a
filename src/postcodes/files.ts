import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { normalisePostcode } from '../platform/forms/postcode.js';
import { gridToLatLong } from './grid.js';
import type { Coordinates } from './service.js';

/*
 * The national postcode files, read a line at a time. Two layouts, told apart by their first line:
 * - the ONS Postcode Directory (and the National Statistics Postcode Lookup): a header row, then a
 *   row per postcode with `pcds` ("NB1 4QT"), `lat` and `long` among some fifty columns;
 * - OS Code-Point Open: no header (or the short one its documentation gives: PC, PQ, EA, NO, …), a
 *   row per postcode: postcode, positional quality, eastings, northings (British National Grid), ….
 */

export type PostcodeLayout = 'ons' | 'code_point';

/** Why a row was left out, as a manager reads it. */
export const SKIP_REASONS = {
  postcode: 'not a postcode',
  noLocation: 'no location given (a postcode with no grid reference, or coordinates outside the UK)',
  columns: 'too few columns',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export type FileRow = { postcode: string } & Coordinates;
export type RowOutcome = { row: FileRow } | { skip: SkipReason };

/** How to read one layout: where its columns are, and whether the first line is a header. */
interface Reading {
  layout: PostcodeLayout;
  header: boolean;
  /** The columns it reads, in order: only these are taken out of a line. */
  columns: number[];
  /** The values of those columns. */
  read: (values: string[]) => RowOutcome;
}

export class UnknownLayout extends Error {
  constructor() {
    super(
      'This file is not one Hearth knows: use the ONS Postcode Directory CSV (with its header row: pcds, lat, long) or an OS Code-Point Open CSV',
    );
  }
}

const ONS_POSTCODE = ['pcds', 'pcd', 'pcd2', 'postcode'];
const ONS_LATITUDE = ['lat', 'latitude'];
const ONS_LONGITUDE = ['long', 'longitude', 'lng'];
const CODE_POINT_HEADER = [
  ['pc', 'postcode'],
  ['pq', 'positional_quality_indicator'],
  ['ea', 'eastings'],
  ['no', 'northings'],
];

/** Great Britain and Northern Ireland, generously: anything outside is a row with no real location. */
const inUk = (c: Coordinates) => c.latitude >= 49 && c.latitude <= 61 && c.longitude >= -9 && c.longitude <= 3;

/** Which layout a file has, from its first line; null when neither. */
export function readingFor(firstLine: string): Reading | null {
  const fields = splitCsvLine(stripBom(firstLine)).map((f) => f.trim().toLowerCase());
  // The first name a file has, in the order given: pcds ("NB1 4QT") before pcd ("NB1 4QT" padded to seven).
  const at = (names: string[]) => names.map((name) => fields.indexOf(name)).find((i) => i >= 0) ?? -1;
  const [postcode, latitude, longitude] = [at(ONS_POSTCODE), at(ONS_LATITUDE), at(ONS_LONGITUDE)];
  if (postcode >= 0 && latitude >= 0 && longitude >= 0) {
    const columns = [postcode, latitude, longitude].sort((a, b) => a - b);
    const [p, la, lo] = [postcode, latitude, longitude].map((c) => columns.indexOf(c)) as [number, number, number];
    return { layout: 'ons', header: true, columns, read: (values) => onsRow(values[p]!, values[la]!, values[lo]!) };
  }
  const codePointHeader = CODE_POINT_HEADER.every((names, i) => names.includes(fields[i] ?? ''));
  const codePointData = !!normalisePostcode(fields[0] ?? '') && isNumber(fields[2]) && isNumber(fields[3]);
  if (codePointHeader || codePointData) return { layout: 'code_point', header: codePointHeader, columns: [0, 1, 2, 3], read: codePointRow };
  return null;
}

function onsRow(postcode: string, latitude: string, longitude: string): RowOutcome {
  const usual = normalisePostcode(postcode);
  if (!usual) return { skip: 'postcode' };
  const place = { latitude: Number(latitude), longitude: Number(longitude) };
  // The directory gives 99.999999, 0 for a postcode with no grid reference.
  if (!isNumber(latitude) || !isNumber(longitude) || !inUk(place)) return { skip: 'noLocation' };
  return { row: { postcode: usual, ...place } };
}

function codePointRow(fields: string[]): RowOutcome {
  const usual = normalisePostcode(fields[0]!);
  if (!usual) return { skip: 'postcode' };
  const [eastings, northings] = [Number(fields[2]), Number(fields[3])];
  // Positional quality 90 means no coordinates (they are given as 0, 0).
  if (!isNumber(fields[2]) || !isNumber(fields[3]) || fields[1]?.trim() === '90' || (eastings === 0 && northings === 0))
    return { skip: 'noLocation' };
  const place = gridToLatLong(eastings, northings);
  return inUk(place) ? { row: { postcode: usual, ...place } } : { skip: 'noLocation' };
}

const isNumber = (text: string | undefined) => text !== undefined && text.trim() !== '' && Number.isFinite(Number(text));
/** A byte-order mark, as UTF-8 read as Latin-1 gives it, or as itself. */
const stripBom = (line: string) => line.replace(/^(\u00ef\u00bb\u00bf|\ufeff)/, '');

/** Where the field starting at `start` ends: the index of its comma, or the line's length. */
function fieldEnd(line: string, start: number): number {
  let from = start;
  if (line.charCodeAt(start) === 34) {
    for (from = line.indexOf('"', start + 1); from !== -1 && line.charCodeAt(from + 1) === 34; from = line.indexOf('"', from + 2));
    if (from === -1) return line.length;
  }
  const comma = line.indexOf(',', from);
  return comma === -1 ? line.length : comma;
}

/**
 * The values of some columns of a CSV line (in ascending order), or null when the line has too few:
 * the ONS directory's fifty-odd columns are stepped over, not copied, as only three are read.
 */
export function pickFields(line: string, columns: readonly number[]): string[] | null {
  const picked: string[] = [];
  let start = 0;
  let field = 0;
  for (const wanted of columns) {
    for (; field < wanted; field++) {
      const end = fieldEnd(line, start);
      if (end >= line.length) return null;
      start = end + 1;
    }
    const end = fieldEnd(line, start);
    picked.push(line.charCodeAt(start) === 34 ? splitCsvLine(line.slice(start, end))[0]! : line.slice(start, end));
  }
  return picked;
}

/**
 * One CSV line's fields (RFC 4180 quoting, doubled quotes). The national files have no line breaks
 * inside fields, so they are read line by line; this avoids building each field a character at a time.
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (line[i] === '"') {
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1) {
          value += line.slice(from);
          i = line.length;
          break;
        }
        value += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    }
    const comma = line.indexOf(',', i);
    fields.push(value + (comma === -1 ? line.slice(i) : line.slice(i, comma)));
    if (comma === -1) return fields;
    i = comma + 1;
  }
}

/** A postcode file on disk, read a megabyte at a time. */
export const openPostcodeFile = (path: string): Readable => createReadStream(path, { highWaterMark: 1024 * 1024 });

/** A stretch of a file, read: each row or why it was left out, with its line number. */
export interface Chunk {
  layout: PostcodeLayout;
  items: (RowOutcome & { line: number })[];
}

/**
 * A file's rows as they are read, a chunk at a time (what the stream hands over, a megabyte or so):
 * lines are split and checked synchronously, so a row costs no promise of its own. Throws
 * UnknownLayout at the first line that is neither layout's, before any row is read.
 */
export async function* readPostcodeFile(input: Readable): AsyncGenerator<Chunk, void, undefined> {
  let reading: Reading | null = null;
  let line = 0;
  let rest = '';
  const readLines = (lines: string[]): Chunk | null => {
    const items: Chunk['items'] = [];
    for (const raw of lines) {
      line++;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!text.trim()) continue;
      if (!reading) {
        reading = readingFor(text);
        if (!reading) throw new UnknownLayout();
        if (reading.header) continue;
      }
      const values = pickFields(text, reading.columns);
      items.push({ ...(values ? reading.read(values) : { skip: 'columns' as const }), line });
    }
    return reading ? { layout: reading.layout, items } : null;
  };
  try {
    for await (const data of input) {
      // Read as Latin-1, a character a byte: the columns read are ASCII, and no byte of another
      // column's UTF-8 letters is a comma, quote or line break, so splitting is the same, and faster.
      const lines = (rest + (typeof data === 'string' ? data : (data as Buffer).toString('latin1'))).split('\n');
      rest = lines.pop()!;
      const chunk = readLines(lines);
      if (chunk) yield chunk;
    }
    const last = readLines([rest]);
    if (last) yield last;
  } finally {
    input.destroy();
  }
}
