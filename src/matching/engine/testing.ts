import fc from 'fast-check';
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

/** Small random schemes around Leeds, with every kind of constraint in play. */
export function smallScheme() {
  const carer = fc.record({
    miles: fc.integer({ min: 0, max: 30 }),
    maxPeople: fc.integer({ min: 0, max: 3 }),
    supporting: fc.integer({ min: 0, max: 2 }),
    types: fc.subarray(['live_in', 'short_breaks', 'day_support'] as const, { minLength: 1 }),
    needs: fc.subarray(['learning disability', 'autism', 'dementia']),
    smoking: fc.boolean(),
    pets: fc.subarray(['dog', 'cat']),
    interests: fc.subarray(['gardening', 'football', 'music']),
  });
  const person = fc.record({
    miles: fc.integer({ min: 0, max: 30 }),
    arrangement: fc.constantFrom('live_in', 'short_breaks', 'day_support' as const),
    needs: fc.subarray(['learning disability', 'autism', 'dementia'], { minLength: 1, maxLength: 2 }),
    maxMiles: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
    smokeFree: fc.constantFrom(undefined, 'needed' as const, 'preferred' as const),
    notOk: fc.subarray(['dog', 'cat']),
    interests: fc.subarray(['gardening', 'football', 'music']),
  });
  return fc.record({ carers: fc.array(carer, { maxLength: 6 }), people: fc.array(person, { maxLength: 6 }) }).map((s) => ({
    carers: s.carers.map((c, i) =>
      aCarer({
        id: `c-${i}`,
        home: milesNorth(LEEDS, c.miles),
        approval: { maxPeople: c.maxPeople, arrangementTypes: c.types, needs: c.needs },
        supporting: Array.from({ length: c.supporting }, (_, k) => ({ personId: `x-${i}-${k}`, arrangement: 'live_in' as const })),
        household: { spareBedrooms: 1, smoking: c.smoking, pets: c.pets },
        interests: c.interests,
      }),
    ),
    people: s.people.map((p, i) =>
      aPerson({
        id: `p-${i}`,
        home: { ...milesNorth(LEEDS, p.miles), postcode: 'LS1 1AA' },
        arrangement: p.arrangement,
        needs: p.needs,
        maxMiles: p.maxMiles,
        household: { smokeFree: p.smokeFree, pets: { notOk: p.notOk } },
        interests: p.interests,
      }),
    ),
  }));
}
