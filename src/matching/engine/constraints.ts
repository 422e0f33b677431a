import type { CarerPool, PeoplePool } from './encode.js';
import { ARRANGEMENT_BIT, HOME, REQUIRES, SAID_NO, overlaps, pairEntry, within } from './encode.js';
import { CONSTRAINTS, type Constraint } from './types.js';

/** One bit per hard constraint, in `CONSTRAINTS` order. */
export const FAILED = Object.fromEntries(CONSTRAINTS.map((c, i) => [c, 1 << i])) as Record<Constraint, number>;

const SHORT_BREAKS = ARRANGEMENT_BIT.short_breaks;

/**
 * Every hard constraint the pair fails, as bits of `FAILED` (0: suitable). All are checked, so an
 * exclusion can name each reason. Short breaks are checked against dates elsewhere, not places.
 */
export function failedConstraints(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  let failed = 0;
  const arrangement = P.arrangement[pi]!;
  const requires = P.requires[pi]!;
  const home = C.home[ci]!;
  if ((C.arrangements[ci]! & arrangement) === 0) failed |= FAILED.arrangement;
  if (P.unknownNeed[pi] || !within(P.needs, pi, C.needs, ci)) failed |= FAILED.needs;
  if (arrangement !== SHORT_BREAKS && C.freePlaces[ci]! <= 0) failed |= FAILED.capacity;
  if (requires & REQUIRES.bedroom && !(home & HOME.spareBedroom)) failed |= FAILED.bedroom;
  // A distance not known is NaN, which is over no limit: neither side can be measured against one.
  const d2 = homeChord2(P, pi, C, ci);
  if (d2 > P.maxChord2[pi]!) failed |= FAILED.distance;
  if (d2 > C.settings.maxChord2) failed |= FAILED.schemeDistance;
  if (home & HOME.pets && (requires & REQUIRES.noPets || overlaps(P.petsNotOk, pi, C.pets, ci))) failed |= FAILED.pets;
  if (requires & REQUIRES.smokeFree && home & HOME.smoking) failed |= FAILED.smoking;
  if (requires & REQUIRES.smokes && !(home & HOME.acceptsSmoker)) failed |= FAILED.smoker;
  if (requires & REQUIRES.stepFree && !(home & HOME.stepFree)) failed |= FAILED.stepFree;
  if (requires & REQUIRES.ownBathroom && !(home & HOME.ownBathroom)) failed |= FAILED.ownBathroom;
  if (requires & REQUIRES.noChildren && home & HOME.children) failed |= FAILED.children;
  if (P.avoidStart[pi]! < P.avoidStart[pi + 1]! && livesWithSomeoneAvoided(P, pi, C, ci)) failed |= FAILED.livingWith;
  const e = pairEntry(P, pi, ci);
  if (e >= 0) {
    if (P.pairSaidNo[e]! & SAID_NO.person) failed |= FAILED.personSaidNo;
    if (P.pairSaidNo[e]! & SAID_NO.carer) failed |= FAILED.carerSaidNo;
  }
  return failed;
}

/** The constraints named by a `failedConstraints` result, in `CONSTRAINTS` order. */
export function failedList(failed: number): Constraint[] {
  return CONSTRAINTS.filter((c) => failed & FAILED[c]);
}

/** Squared chord between the person's area (or home) and the carer's home; NaN when either is not located. */
export function homeChord2(P: PeoplePool, pi: number, C: CarerPool, ci: number): number {
  const dx = P.x[pi]! - C.x[ci]!;
  const dy = P.y[pi]! - C.y[ci]!;
  const dz = P.z[pi]! - C.z[ci]!;
  return dx * dx + dy * dy + dz * dz;
}

function livesWithSomeoneAvoided(P: PeoplePool, pi: number, C: CarerPool, ci: number): boolean {
  for (let k = P.avoidStart[pi]!; k < P.avoidStart[pi + 1]!; k++) {
    for (let r = C.residentStart[ci]!; r < C.residentStart[ci + 1]!; r++) if (C.residents[r] === P.avoid[k]) return true;
  }
  return false;
}
