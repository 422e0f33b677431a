import type { Tx } from '../platform/db/database.js';
import type { OnlineLookup } from './online.js';
import { keepOnlineAnswer, knownPlace } from './store.js';

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
