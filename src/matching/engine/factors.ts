import { milesFromChord2 } from './distance.js';
import type { CarerPool, PeoplePool, TagSet } from './encode.js';
import { HOME, HOME_LIFE, NOTE_VALUE, PREFERS, hasWord, overlaps, pairEntry, shared } from './encode.js';
import { FACTORS, type Factor } from './types.js';

/**
 * Soft factors: each scores a suitable pair from 0 (no fit) to 1 (best fit), or UNKNOWN when
 * there is nothing to compare (the person listed no interests, say, or a place has no location).
 * Missing information never earns points: an unknown factor adds nothing to the score, which is
 * the sum of each known factor's value times its share of 100. Filling in a record can then only
 * change a ranking by what it tells, and the shortlist says how many factors were known.
 */

export const UNKNOWN = -1;

/** Interests and routines score fully when the carer shares this many of the person's (or all, if the person listed fewer). */
const FULL_OVERLAP = 3;

export const FACTOR_INDEX = Object.fromEntries(FACTORS.map((f, i) => [f, i])) as Record<Factor, number>;

/** Fills `out` with each factor's value (0–1) for a pair, in `FACTORS` order. */
export function factorValues(P: PeoplePool, pi: number, C: CarerPool, ci: number, out: Float64Array): void {
  out[0] = overlapValue(P.interests, pi, C.interests, ci);
  out[1] = overlapValue(P.routines, pi, C.routines, ci);
  out[2] = languageValue(P, pi, C, ci);
  out[3] = faithAndCultureValue(P, pi, C, ci);
  out[4] = placesValue(P, pi, C, ci);
  out[5] = householdValue(P, pi, C, ci);
  out[6] = wishesValue(P, pi, C, ci);
  out[7] = workerNoteValue(P, pi, ci);
}

const values = new Float64Array(FACTORS.length);

/** The pair's score, 0–100 with two decimals. Assumes the pair passed every constraint. */
export function scorePair(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  factorValues(P, pi, C, ci, values);
  const points = C.settings.points;
  let score = 0;
  for (let f = 0; f < values.length; f++) if (values[f]! !== UNKNOWN) score += points[f]! * values[f]!;
  return roundScore(score);
}

export const roundScore = (score: number) => Math.round(score * 100) / 100;

function overlapValue(a: TagSet, i: number, b: TagSet, j: number): number {
  const na = a.count[i]!;
  const nb = b.count[j]!;
  if (na === 0 || nb === 0) return UNKNOWN;
  return Math.min(1, shared(a, i, b, j) / Math.min(na, FULL_OVERLAP));
}

function languageValue(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  const main = P.mainLanguage[pi]!;
  if (main === -1 || C.languages.count[ci] === 0) return UNKNOWN;
  if (main >= 0 && hasWord(C.languages, ci, main)) return 1;
  return overlaps(P.languages, pi, C.languages, ci) ? 0.5 : 0;
}

function faithAndCultureValue(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  let parts = 0;
  let sum = 0;
  if (P.faithMatters[pi] && C.faith[ci]! >= 0) {
    parts++;
    if (P.faith[pi] === C.faith[ci]) sum++;
  }
  if (P.culture.count[pi]! > 0 && C.culture.count[ci]! > 0) {
    parts++;
    if (overlaps(P.culture, pi, C.culture, ci)) sum++;
  }
  return parts === 0 ? UNKNOWN : sum / parts;
}

/** The mean closeness of the places whose distance is known. */
function placesValue(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  let known = 0;
  let sum = 0;
  for (let k = P.placeStart[pi]!; k < P.placeStart[pi + 1]!; k++) {
    const chord2 = placeChord2(P, k, C, ci);
    if (Number.isNaN(chord2)) continue;
    known++;
    sum += closeness(chord2, C);
  }
  return known === 0 ? UNKNOWN : sum / known;
}

/** Squared chord from the person's place `k` to the carer's home; NaN when either is not located. */
export function placeChord2(P: PeoplePool, k: number, C: CarerPool, ci: number): number {
  const dx = P.placeX[k]! - C.x[ci]!;
  const dy = P.placeY[k]! - C.y[ci]!;
  const dz = P.placeZ[k]! - C.z[ci]!;
  return dx * dx + dy * dy + dz * dz;
}

/** 1 within `nearMiles`, 0 beyond `farMiles`, in proportion between. */
function closeness(chord2: number, C: CarerPool): number {
  const s = C.settings;
  if (chord2 <= s.nearChord2) return 1;
  if (chord2 >= s.farChord2) return 0;
  return (s.farMiles - milesFromChord2(chord2)) / (s.farMiles - s.nearMiles);
}

function householdValue(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  const prefers = P.prefers[pi]!;
  const home = C.home[ci]!;
  let parts = 0;
  let sum = 0;
  if (prefers & PREFERS.stepFree) {
    parts++;
    if (home & HOME.stepFree) sum++;
  }
  if (prefers & PREFERS.ownBathroom) {
    parts++;
    if (home & HOME.ownBathroom) sum++;
  }
  if (prefers & PREFERS.smokeFree) {
    parts++;
    if (!(home & HOME.smoking)) sum++;
  }
  if (prefers & PREFERS.children) {
    parts++;
    if (home & HOME.children) sum++;
  }
  if (P.petsLiked.count[pi]! > 0) {
    parts++;
    if (overlaps(P.petsLiked, pi, C.pets, ci)) sum++;
  }
  const life = P.homeLife[pi]!;
  if (life !== HOME_LIFE.none) {
    parts++;
    sum += homeLifeFit(life, C.householdSize[ci]!);
  }
  if (P.friendStart[pi]! < P.friendStart[pi + 1]!) {
    parts++;
    if (friendLivesThere(P, pi, C, ci)) sum++;
  }
  return parts === 0 ? UNKNOWN : sum / parts;
}

/** How well the number of people living in the home suits a wish for a quiet or lively home. */
export function homeLifeFit(life: number, people: number): number {
  if (people === 3) return 0.5;
  return (life === HOME_LIFE.quiet) === people < 3 ? 1 : 0;
}

function friendLivesThere(P: PeoplePool, pi: number, C: CarerPool, ci: number): boolean {
  for (let k = P.friendStart[pi]!; k < P.friendStart[pi + 1]!; k++) {
    for (let r = C.residentStart[ci]!; r < C.residentStart[ci + 1]!; r++) if (C.residents[r] === P.friends[k]) return true;
  }
  return false;
}

function wishesValue(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  let parts = 0;
  let sum = 0;
  const personWishes = P.wishes.count[pi]!;
  if (personWishes > 0 && C.offers.count[ci]! > 0) {
    parts++;
    sum += shared(P.wishes, pi, C.offers, ci) / personWishes;
  }
  const carerWishes = C.wishes.count[ci]!;
  if (carerWishes > 0 && P.about.count[pi]! > 0) {
    parts++;
    sum += shared(P.about, pi, C.wishes, ci) / carerWishes;
  }
  return parts === 0 ? UNKNOWN : sum / parts;
}

function workerNoteValue(P: PeoplePool, pi: number, ci: number): number {
  const e = pairEntry(P, pi, ci);
  const note = e < 0 ? -1 : P.pairNote[e]!;
  return note < 0 ? UNKNOWN : NOTE_VALUE[P.notes[note]!.view];
}
