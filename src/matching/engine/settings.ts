import { chord2FromMiles } from './distance.js';
import { FACTORS, type SchemeSettings, type SchemeWeights } from './types.js';

export const DEFAULT_WEIGHTS: SchemeWeights = {
  interests: 20,
  routines: 10,
  language: 10,
  faithAndCulture: 10,
  placesThatMatter: 20,
  household: 15,
  wishes: 10,
  workerNotes: 5,
};

/** A scheme's matching settings with their defaults filled in and precomputed. */
export interface ResolvedSettings {
  weights: SchemeWeights;
  /** Per factor (in `FACTORS` order): its points when it scores 1; they sum to 100. */
  points: Float64Array;
  maxMiles: number;
  maxChord2: number;
  nearMiles: number;
  farMiles: number;
  nearChord2: number;
  farChord2: number;
}

export function resolveSettings(settings: SchemeSettings = {}): ResolvedSettings {
  const weights = { ...DEFAULT_WEIGHTS, ...settings.weights };
  const total = FACTORS.reduce((sum, f) => {
    const w = weights[f];
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`The weight of ${f} must be a number of 0 or more`);
    return sum + w;
  }, 0);
  if (total === 0) throw new RangeError('At least one factor needs a weight above 0');
  const maxMiles = settings.maxMiles ?? Infinity;
  const nearMiles = settings.nearMiles ?? 2;
  const farMiles = settings.farMiles ?? 25;
  if (!(nearMiles >= 0 && farMiles > nearMiles)) throw new RangeError('farMiles must be more than nearMiles, and nearMiles 0 or more');
  return {
    weights,
    points: Float64Array.from(FACTORS, (f) => (100 * weights[f]) / total),
    maxMiles,
    maxChord2: chord2FromMiles(maxMiles),
    nearMiles,
    farMiles,
    nearChord2: chord2FromMiles(nearMiles),
    farChord2: chord2FromMiles(farMiles),
  };
}
