import { sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Db, type Tx } from '../platform/db/database.js';
import type { FileRow } from './files.js';
import type { PostcodeSource } from './schema.js';
import type { Coordinates } from './service.js';

/** Where the table says a postcode is. */
export async function knownPlace(tx: Tx, postcode: string): Promise<Coordinates | null> {
  const [known] = await rowsOf<Coordinates>(
    tx,
    sql`select latitude::float8 as latitude, longitude::float8 as longitude from postcodes where postcode = ${postcode}`,
  );
  return known ?? null;
}

/** Keeps what the online lookup answered; one already there (a file loaded meanwhile) stays. */
export async function keepOnlineAnswer(tx: Tx, postcode: string, place: Coordinates): Promise<void> {
  await tx.execute(
    sql`insert into postcodes (postcode, latitude, longitude, source) values (${postcode}, ${place.latitude}, ${place.longitude}, 'online')
        on conflict (postcode) do nothing`,
  );
}

/**
 * Adds or moves a batch of postcodes in one statement, as the owner: three arrays unnested into
 * rows. A postcode already there with the same place and source is left alone, so loading next
 * quarter's file rewrites only what changed. A batch must not name a postcode twice.
 */
export async function upsertPostcodes(owner: Db, rows: readonly FileRow[], source: PostcodeSource): Promise<void> {
  await owner.execute(sql`
    insert into postcodes (postcode, latitude, longitude, source)
    select postcode, latitude, longitude, ${source}::postcode_source
    from unnest(${arrayLiteral(rows.map((r) => r.postcode))}::text[], ${arrayLiteral(rows.map((r) => r.latitude))}::float8[],
                ${arrayLiteral(rows.map((r) => r.longitude))}::float8[]) as batch (postcode, latitude, longitude)
    on conflict (postcode) do update set latitude = excluded.latitude, longitude = excluded.longitude, source = excluded.source, loaded_at = now()
    where (postcodes.latitude, postcodes.longitude, postcodes.source) is distinct from (excluded.latitude, excluded.longitude, excluded.source)`);
}

/**
 * An array as one parameter, the same on PGlite and node-postgres: `{"NB1 4QT","NB1 4QU"}`.
 * Postcodes in their usual form and numbers need no escaping.
 */
const arrayLiteral = (values: readonly (string | number)[]) =>
  `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v}"`)).join(',')}}`;

/** How many postcodes the table knows, from each source, and when each last changed. */
export async function postcodeCounts(tx: Tx) {
  return rowsOf<{ source: PostcodeSource; count: number; latest: Date }>(
    tx,
    sql`select source, count(*)::int as count, max(loaded_at) as latest from postcodes group by source order by count(*) desc`,
  );
}

/** A table of records with a home postcode and its location (people, carers), as the composition root hands it in. */
export type LocatedRecords = PgTable & { postcode: PgColumn; latitude: PgColumn; longitude: PgColumn };

/**
 * Places every record of `table` that has a postcode but no location, where the table now knows
 * the postcode: after a file is loaded, in every scheme (as the owner). Returns how many moved.
 */
export async function placeWaitingRecords(owner: Db, table: LocatedRecords): Promise<number> {
  const placed = await rowsOf<{ n: number }>(
    owner,
    sql`with placed as (
          update ${table} set latitude = p.latitude, longitude = p.longitude
          from postcodes p where p.postcode = ${table.postcode} and ${table.latitude} is null
          returning 1)
        select count(*)::int as n from placed`,
  );
  return placed[0]?.n ?? 0;
}
