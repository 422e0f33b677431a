import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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
  /** The columns it reads: the rest of a line is not split. */
  width: number;
  read: (fields: string[]) => RowOutcome;
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
  const at = (names: string[]) => fields.findIndex((f) => names.includes(f));
  const [postcode, latitude, longitude] = [at(ONS_POSTCODE), at(ONS_LATITUDE), at(ONS_LONGITUDE)];
  if (postcode >= 0 && latitude >= 0 && longitude >= 0) {
    const width = Math.max(postcode, latitude, longitude) + 1;
    return { layout: 'ons', header: true, width, read: (row) => onsRow(row, width, postcode, latitude, longitude) };
  }
  const codePointHeader = CODE_POINT_HEADER.every((names, i) => names.includes(fields[i] ?? ''));
  const codePointData = !!normalisePostcode(fields[0] ?? '') && isNumber(fields[2]) && isNumber(fields[3]);
  if (codePointHeader || codePointData) return { layout: 'code_point', header: codePointHeader, width: 4, read: codePointRow };
  return null;
}

function onsRow(fields: string[], width: number, postcode: number, latitude: number, longitude: number): RowOutcome {
  if (fields.length < width) return { skip: 'columns' };
  const usual = normalisePostcode(fields[postcode]!);
  if (!usual) return { skip: 'postcode' };
  const place = { latitude: Number(fields[latitude]), longitude: Number(fields[longitude]) };
  // The directory gives 99.999999, 0 for a postcode with no grid reference.
  if (!isNumber(fields[latitude]) || !isNumber(fields[longitude]) || !inUk(place)) return { skip: 'noLocation' };
  return { row: { postcode: usual, ...place } };
}

function codePointRow(fields: string[]): RowOutcome {
  if (fields.length < 4) return { skip: 'columns' };
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
const stripBom = (line: string) => (line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);

/**
 * One CSV line's fields (RFC 4180 quoting, doubled quotes). The national files have no line breaks
 * inside fields, so they are read line by line; this avoids building each field a character at a time.
 */
export function splitCsvLine(line: string, limit = 0xffffffff): string[] {
  if (!line.includes('"')) return line.split(',', limit);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < limit) {
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
  return fields;
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
  // A character's bytes may be split between two chunks.
  const decoder = new StringDecoder('utf8');
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
      items.push({ ...reading.read(splitCsvLine(text, reading.width)), line });
    }
    return reading ? { layout: reading.layout, items } : null;
  };
  try {
    for await (const data of input) {
      const lines = (rest + (typeof data === 'string' ? data : decoder.write(data as Buffer))).split('\n');
      rest = lines.pop()!;
      const chunk = readLines(lines);
      if (chunk) yield chunk;
    }
    const last = readLines([rest + decoder.end()]);
    if (last) yield last;
  } finally {
    input.destroy();
  }
}
