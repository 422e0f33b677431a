import proj4 from 'proj4';
import type { Coordinates } from './service.js';

/**
 * The British National Grid (OSGB36, EPSG:27700), as the Ordnance Survey defines it, with its
 * published seven-parameter Helmert transformation to WGS84: good to a few metres, far closer than a
 * postcode's own size.
 */
const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const toWgs84 = proj4(BRITISH_NATIONAL_GRID, 'WGS84');

/** Latitude and longitude (WGS84, as GPS and the ONS give them) of a grid reference in metres. */
export function gridToLatLong(eastings: number, northings: number): Coordinates {
  const [longitude, latitude] = toWgs84.forward([eastings, northings]);
  return { latitude: latitude, longitude: longitude };
}
