import type { Readable } from 'node:stream';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { forbidden } from '../platform/errors/errors.js';
import type { Actor } from '../platform/http/types.js';
import { can } from '../platform/permissions/permissions.js';
import { UnknownLayout } from './files.js';
import { loadPostcodeFile, type LoadProgress, type LoadResult } from './load.js';
import type { OnlineLookup } from './online.js';
import { keepOnlineAnswer, knownPlace, placeWaitingRecords, postcodeCounts, type LocatedRecords } from './store.js';

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/**
 * Where a postcode (in its usual form, "NB1 4QT") is, or null when Hearth does not know: run inside
 * the caller's unit of work, so a record and its location are saved together.
 */
export type Locate = (tx: Tx, postcode: string) => Promise<Coordinates | null>;

/**
 * Looks in the postcodes table first; only when that does not know the postcode, and an online
 * lookup is configured, asks it, and keeps a found answer in the table for next time (the
 * application role may add online answers, nothing else: see the table's policies). A lookup that
 * fails or is slow answers null, so the record is saved without a location.
 */
export function postcodeLocator(online: OnlineLookup | null = null): Locate {
  return async (tx, postcode) => {
    const known = await knownPlace(tx, postcode);
    if (known || !online) return known;
    const answer = await online(postcode);
    if (!('found' in answer) || !answer.found) return null;
    const place = { latitude: round5(answer.found.latitude), longitude: round5(answer.found.longitude) };
    await keepOnlineAnswer(tx, postcode, place);
    return place;
  };
}

/** The table keeps five decimal places (about a metre), as people's and carers' rows do. */
export const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

/** A record's location columns for its postcode: where it is, or nulls when it has none or Hearth does not know it. */
export async function locationOf(
  locate: Locate,
  tx: Tx,
  postcode: string | null,
): Promise<{ latitude: number | null; longitude: number | null }> {
  const place = postcode ? await locate(tx, postcode) : null;
  return { latitude: place?.latitude ?? null, longitude: place?.longitude ?? null };
}

/** A file to load: its name, and a way to read it from the start. */
export interface PostcodeFile {
  name: string;
  open: () => Readable;
}

/** What became of one file: loaded (with bad rows counted), or refused whole (not a postcode file). */
export type FileOutcome = { name: string } & (LoadResult | { refused: string });

export interface LoadSummary {
  files: FileOutcome[];
  /** People and carers whose postcodes were not known before, placed now. */
  placed: number;
}

/**
 * Loading the national postcode files, and what the table holds. `records` are the tables whose
 * rows have a postcode and a location (people, carers): records waiting for a location get one
 * after each load.
 */
export function postcodesService(db: Database, { records = [] }: { records?: readonly LocatedRecords[] } = {}) {
  const mayLoad = (actor: Actor) => {
    if (!can(actor.role, 'postcodes.settings')) throw forbidden();
  };

  /** Each file in turn as the owner (national data), then every record that can now be placed. */
  async function loadFiles(files: readonly PostcodeFile[], onProgress?: (file: string, progress: LoadProgress) => void) {
    const loaded: LoadSummary['files'] = [];
    for (const file of files) {
      try {
        const result = await loadPostcodeFile(db.owner, file.open(), { onProgress: (p) => onProgress?.(file.name, p) });
        loaded.push({ name: file.name, ...result });
      } catch (error) {
        if (!(error instanceof UnknownLayout)) throw error;
        loaded.push({ name: file.name, refused: error.message });
      }
    }
    let placed = 0;
    for (const table of records) placed += await placeWaitingRecords(db.owner, table);
    return { files: loaded, placed };
  }

  return {
    /** How many postcodes Hearth knows, from where, and when each source last changed. */
    async summary(actor: Actor) {
      mayLoad(actor);
      return db.inScope(actor, async (tx) => {
        const sources = await postcodeCounts(tx);
        return { total: sources.reduce((sum, s) => sum + s.count, 0), sources };
      });
    },

    /** From the command line (`npm run postcodes -- FILE`): the operator, not a signed-in person. */
    loadFiles,

    /** From the manager's page: checked and audited in the manager's scheme. */
    async load(actor: Actor, files: readonly PostcodeFile[]): Promise<LoadSummary> {
      mayLoad(actor);
      const summary = await loadFiles(files);
      await db.inScope(actor, (tx) =>
        audit(tx, actor, {
          action: 'updated',
          recordType: 'postcodes',
          changes: {
            files: summary.files.map((f) =>
              'refused' in f ? { name: f.name, refused: true } : { name: f.name, loaded: f.loaded, skipped: f.skipped },
            ),
            placed: summary.placed,
          },
        }),
      );
      return summary;
    },
  };
}

export type PostcodesService = ReturnType<typeof postcodesService>;
