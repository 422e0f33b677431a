import { EARTH_RADIUS_MILES } from './distance.js';
import type { Coordinates, MatchCarer, MatchPerson } from './types.js';

/** Test builders: fictional carers and people in Leeds, changed by overrides. */

export const LEEDS: Coordinates = { latitude: 53.8008, longitude: -1.5491 };

/** The point this many miles due north (along a meridian, so the distance is exact). */
export function milesNorth(from: Coordinates, miles: number): Coordinates {
  return { latitude: from.latitude + (miles / EARTH_RADIUS_MILES) * (180 / Math.PI), longitude: from.longitude };
}

export function aCarer(overrides: Partial<MatchCarer> = {}): MatchCarer {
  return {
    id: 'carer-1',
    home: LEEDS,
    approval: { maxPeople: 2, arrangementTypes: ['live_in', 'short_breaks', 'day_support'], needs: ['learning disability', 'autism'] },
    household: { spareBedrooms: 1 },
    ...overrides,
  };
}

export function aPerson(overrides: Partial<MatchPerson> = {}): MatchPerson {
  return {
    id: 'person-1',
    home: { ...LEEDS, postcode: 'LS1 1AA' },
    arrangement: 'live_in',
    needs: ['learning disability'],
    ...overrides,
  };
}
