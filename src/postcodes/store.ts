import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../platform/db/database.js';
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
