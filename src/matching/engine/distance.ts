import type { Coordinates } from './types.js';

/** Mean radius of the Earth (IUGG), 6,371.0088 km. */
export const EARTH_RADIUS_MILES = 3958.7613;

const RADIANS = Math.PI / 180;

/** Great-circle distance by the haversine formula. */
export function greatCircleMiles(a: Coordinates, b: Coordinates): number {
  const dLat = (b.latitude - a.latitude) * RADIANS;
  const dLon = (b.longitude - a.longitude) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point on the unit sphere. Bulk comparisons use the squared straight-line (chord) distance
 * between two such points: it is exactly 4 × the haversine of their angle, so a distance limit
 * becomes a chord limit and needs no trigonometry per pair.
 */
export function unitVector(c: Coordinates): [number, number, number] {
  checkCoordinates(c);
  const lat = c.latitude * RADIANS;
  const lon = c.longitude * RADIANS;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

export function milesFromChord2(chord2: number): number {
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
}

/** The squared chord for a distance; Infinity stays Infinity (no limit). */
export function chord2FromMiles(miles: number): number {
  if (!Number.isFinite(miles)) return Infinity;
  const angle = Math.min(Math.PI, Math.max(0, miles) / EARTH_RADIUS_MILES);
  return (2 * Math.sin(angle / 2)) ** 2;
}

function checkCoordinates(c: Coordinates) {
  const ok = Number.isFinite(c.latitude) && Number.isFinite(c.longitude) && Math.abs(c.latitude) <= 90 && Math.abs(c.longitude) <= 180;
  if (!ok) throw new RangeError(`Coordinates out of range: ${c.latitude}, ${c.longitude}`);
}
