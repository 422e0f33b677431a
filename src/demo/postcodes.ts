import type { postcodes } from '../postcodes/schema.js';
import type { DemoData } from './generate.js';

/**
 * Where the demo's postcodes are, from its own records, so a postcode typed on a new record finds
 * its place with no file loaded and no network. The demo's postcode areas are made up (Northbrook's
 * NO, Eastmere's EA: no real postcode starts so); where two records share a postcode, the first
 * one's place is kept.
 */
export function demoPostcodes(data: Pick<DemoData, 'people' | 'carers'>): (typeof postcodes.$inferInsert)[] {
  const places = new Map<string, typeof postcodes.$inferInsert>();
  for (const r of [...data.people.people, ...data.carers.carers]) {
    if (!r.postcode || r.latitude == null || r.longitude == null || places.has(r.postcode)) continue;
    places.set(r.postcode, { postcode: r.postcode, latitude: r.latitude, longitude: r.longitude, source: 'demo' });
  }
  return [...places.values()];
}
