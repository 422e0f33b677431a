import type { Readable } from 'node:stream';
import type { Db } from '../platform/db/database.js';
import { readPostcodeFile, UnknownLayout, type FileRow, type PostcodeLayout, type SkipReason } from './files.js';
import { upsertPostcodes } from './store.js';

export interface LoadProgress {
  /** Rows read so far (not counting a header). */
  rows: number;
  loaded: number;
  skipped: number;
}

export interface LoadResult extends LoadProgress {
  layout: PostcodeLayout;
  /** How many rows were left out, and why. */
  skippedFor: Partial<Record<SkipReason, number>>;
  /** The first few rows left out, by line number, to find them in the file. */
  examples: { line: number; reason: SkipReason }[];
}

const BATCH = 5000;
const EXAMPLES = 5;
/** Batches written at once: the owner's pool has two connections (PGlite, one: they wait their turn). */
const WRITERS = 2;

/**
 * Loads one national postcode file in a single pass: rows are read, checked and written in batches
 * of 5,000 (one statement each, two at a time while the next is read), so memory stays
 * the same whatever the file's size. Bad rows are counted and skipped; a file of neither layout
 * throws UnknownLayout before anything is written. Runs as the owner: the files are national data.
 */
export async function loadPostcodeFile(
  owner: Db,
  input: Readable,
  { onProgress, batchSize = BATCH }: { onProgress?: (progress: LoadProgress) => void; batchSize?: number } = {},
): Promise<LoadResult> {
  let layout: PostcodeLayout | null = null;
  const result = { rows: 0, loaded: 0, skipped: 0, skippedFor: {} as LoadResult['skippedFor'], examples: [] as LoadResult['examples'] };
  // A batch names each postcode once: a file that repeats one keeps its last row.
  let batch = new Map<string, FileRow>();
  const writing: Promise<void>[] = [];
  const flush = async () => {
    if (writing.length >= WRITERS) await writing.shift();
    // In postcode order: two batches in flight then lock the rows they share in the same order (no deadlock), and the index fills in order.
    const rows = [...batch.values()].sort((a, b) => (a.postcode < b.postcode ? -1 : 1));
    batch = new Map();
    if (!rows.length) return;
    const written = upsertPostcodes(owner, rows, layout!).then(() => {
      result.loaded += rows.length;
      onProgress?.({ rows: result.rows, loaded: result.loaded, skipped: result.skipped });
    });
    // Its failure is thrown where it is next awaited, not reported as unhandled while the next batch is read.
    written.catch(() => {});
    writing.push(written);
  };
  try {
    for await (const chunk of readPostcodeFile(input)) {
      layout = chunk.layout;
      for (const item of chunk.items) {
        result.rows++;
        if ('skip' in item) {
          result.skipped++;
          result.skippedFor[item.skip] = (result.skippedFor[item.skip] ?? 0) + 1;
          if (result.examples.length < EXAMPLES) result.examples.push({ line: item.line, reason: item.skip });
          continue;
        }
        batch.set(item.row.postcode, item.row);
        if (batch.size >= batchSize) await flush();
      }
    }
    await flush();
    await Promise.all(writing);
  } finally {
    // Batches still being written are waited for, so no statement outlives the load (or its error).
    await Promise.allSettled(writing);
  }
  if (!layout) throw new UnknownLayout();
  return { layout, ...result };
}
