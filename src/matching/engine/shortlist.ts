import { failedConstraints, homeChord2 } from './constraints.js';
import type { CarerPool, PeoplePool } from './encode.js';
import { encodePeople } from './encode.js';
import { exclusionReasons, explainPair, scoreWithContributions } from './explain.js';
import { scorePair } from './factors.js';
import type { Audience, Excluded, MatchPerson, PairFacts, PairResult, Shortlist, ShortlistOptions, Suitable } from './types.js';

/** One person's suitable carers, best first (ties by carer id), with explanations. */
export function shortlistForPerson(
  person: MatchPerson,
  carers: CarerPool,
  options: ShortlistOptions & { facts?: PairFacts } = {},
): Shortlist {
  const people = encodePeople([person], carers, options.facts);
  return shortlistInPool(people, 0, options);
}

/** The same for a person already encoded in a pool (`people.indexOf`). */
export function shortlistInPool(people: PeoplePool, pi: number, options: ShortlistOptions = {}): Shortlist {
  const C = people.carers;
  const audience = options.audience ?? 'person';
  const found: number[] = [];
  const scores: number[] = [];
  const excluded: Excluded[] = [];
  const limit = options.includeExcluded ? Infinity : Math.min(people.maxChord2[pi]!, C.settings.maxChord2);
  for (let ci = 0; ci < C.size; ci++) {
    if (homeChord2(people, pi, C, ci) > limit) continue; // never true for a distance not known (NaN)
    const failed = failedConstraints(people, pi, C, ci);
    if (failed === 0) {
      found.push(ci);
      scores.push(scorePair(people, pi, C, ci));
    } else if (options.includeExcluded) {
      excluded.push(excludedPair(people, pi, C, ci, failed, audience));
    }
  }
  const best = ranked(found, scores, options.limit);
  return { suitable: best.map((ci) => suitablePair(people, pi, C, ci, audience)), excluded };
}

/** One carer's suitable people among those waiting, best first (ties by person id). */
export function shortlistForCarer(carerId: string, people: PeoplePool, options: ShortlistOptions = {}): Shortlist {
  const C = people.carers;
  const ci = C.indexOf.get(carerId);
  if (ci === undefined) throw new Error(`No carer ${carerId} in the pool`);
  const audience = options.audience ?? 'carer';
  const found: number[] = [];
  const scores: number[] = [];
  const excluded: Excluded[] = [];
  for (let pi = 0; pi < people.size; pi++) {
    const failed = failedConstraints(people, pi, C, ci);
    if (failed === 0) {
      found.push(pi);
      scores.push(scorePair(people, pi, C, ci));
    } else if (options.includeExcluded) {
      excluded.push(excludedPair(people, pi, C, ci, failed, audience));
    }
  }
  const best = ranked(found, scores, options.limit);
  return { suitable: best.map((pi) => suitablePair(people, pi, C, ci, audience)), excluded };
}

/** Why a pair is suitable (score and contributions) or not (every failed constraint). */
export function explainMatch(personId: string, carerId: string, people: PeoplePool, audience: Audience = 'person'): PairResult {
  const pi = people.indexOf.get(personId);
  const ci = people.carers.indexOf.get(carerId);
  if (pi === undefined || ci === undefined) throw new Error(`No pair ${personId}–${carerId} in the pools`);
  return explainPair(people, pi, people.carers, ci, audience);
}

/**
 * Every suitable pair's score, per person (compressed rows): person `pi`'s carers are
 * `carer[start[pi]] … carer[start[pi + 1] - 1]`, in carer order, with their scores.
 */
export interface ScoreTable {
  start: Int32Array;
  carer: Int32Array;
  score: Float64Array;
}

/** Scores every person against every carer, keeping the suitable pairs. */
export function scoreAll(people: PeoplePool): ScoreTable {
  const C = people.carers;
  const start = new Int32Array(people.size + 1);
  let carer = new Int32Array(1024);
  let score = new Float64Array(1024);
  let n = 0;
  const { x, y, z } = C;
  for (let pi = 0; pi < people.size; pi++) {
    // Distance first: nationally it rules out nearly every pair, for a few multiplications.
    const [px, py, pz] = [people.x[pi]!, people.y[pi]!, people.z[pi]!];
    const limit = Math.min(people.maxChord2[pi]!, C.settings.maxChord2);
    for (let ci = 0; ci < C.size; ci++) {
      const dx = px - x[ci]!;
      const dy = py - y[ci]!;
      const dz = pz - z[ci]!;
      if (dx * dx + dy * dy + dz * dz > limit) continue; // NaN, a distance not known, is kept
      if (failedConstraints(people, pi, C, ci) !== 0) continue;
      if (n === carer.length) {
        carer = grow(carer, new Int32Array(n * 2));
        score = grow(score, new Float64Array(n * 2));
      }
      carer[n] = ci;
      score[n++] = scorePair(people, pi, C, ci);
    }
    start[pi + 1] = n;
  }
  return { start, carer: carer.slice(0, n), score: score.slice(0, n) };
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Indexes by score, best first; equal scores keep index (id) order. */
function ranked(found: number[], scores: number[], limit = Infinity): number[] {
  const order = found.map((_, k) => k);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, limit).map((k) => found[k]!);
}

function suitablePair(P: PeoplePool, pi: number, C: CarerPool, ci: number, audience: Audience): Suitable {
  return { suitable: true, personId: P.people[pi]!.id, carerId: C.carers[ci]!.id, ...scoreWithContributions(P, pi, C, ci, audience) };
}

function excludedPair(P: PeoplePool, pi: number, C: CarerPool, ci: number, failed: number, audience: Audience): Excluded {
  return {
    suitable: false,
    personId: P.people[pi]!.id,
    carerId: C.carers[ci]!.id,
    reasons: exclusionReasons(P, pi, C, ci, failed, audience),
  };
}
