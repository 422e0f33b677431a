import type { PeoplePool } from './encode.js';
import { scoreAll, type ScoreTable } from './shortlist.js';

/**
 * Stable matching with carer capacities (the hospitals/residents problem): Gale and Shapley's
 * deferred acceptance, people proposing by default (the best stable matching for every person) or
 * carers proposing (the best for every carer). A pair can only be matched if each is on the
 * other's list. In the result no person and carer would both rather be together than with what
 * they were given.
 */

export interface StableMarket {
  /** Each person's carers, best first. */
  people: readonly { id: string; ranking: readonly string[] }[];
  /** Each carer's free places, and people, best first. */
  carers: readonly { id: string; places: number; ranking: readonly string[] }[];
}

export type Proposing = 'people' | 'carers';

export interface StablePair {
  personId: string;
  carerId: string;
  /** Where the carer is on the person's list: 1 is first choice. */
  personRank: number;
  /** Where the person is on the carer's list. */
  carerRank: number;
}

export interface StableMatching {
  /** By person id. */
  pairs: StablePair[];
  unmatched: string[];
  /** Carers with places left, by id. */
  freePlaces: { carerId: string; places: number }[];
}

export function stableMatching(market: StableMarket, options: { proposing?: Proposing } = {}): StableMatching {
  const m = compile(market);
  const carerOf = options.proposing === 'carers' ? carersPropose(m) : peoplePropose(m);
  return result(market, m, carerOf);
}

/** Pairs who would both rather be together than with what `matching` gives them: none when it is stable. */
export function blockingPairs(market: StableMarket, matching: StableMatching): { personId: string; carerId: string }[] {
  const carerOf = new Map(matching.pairs.map((p) => [p.personId, p.carerId]));
  const held = new Map<string, string[]>();
  for (const p of matching.pairs) held.set(p.carerId, [...(held.get(p.carerId) ?? []), p.personId]);
  const carers = new Map(market.carers.map((c) => [c.id, c]));
  const blocking: { personId: string; carerId: string }[] = [];
  for (const person of market.people) {
    const current = carerOf.get(person.id);
    for (const carerId of person.ranking) {
      if (carerId === current) break;
      const carer = carers.get(carerId);
      const rank = carer?.ranking.indexOf(person.id) ?? -1;
      if (!carer || rank < 0) continue;
      const holding = held.get(carerId) ?? [];
      const worst = Math.max(...holding.map((id) => carer.ranking.indexOf(id)));
      if (holding.length < carer.places || rank < worst) blocking.push({ personId: person.id, carerId });
    }
  }
  return blocking;
}

/**
 * The scheme-wide stable suggestion, for the worker to consider: each side's stated ranking of
 * suitable partners first, then (unless `fromScoresToo` is false) the other suitable ones by score.
 * People waiting for short breaks and carers without a free place take no part. Excluded pairs
 * never appear on any list.
 */
export function suggestStableMatching(
  people: PeoplePool,
  options: { proposing?: Proposing; fromScoresToo?: boolean; listLength?: number; table?: ScoreTable } = {},
): StableSuggestion {
  const C = people.carers;
  const table = options.table ?? scoreAll(people);
  const fill = options.fromScoresToo ?? true;
  const length = options.listLength ?? Infinity;
  const scores = new Map<string, number>();
  const peopleFor = Array.from({ length: C.size }, () => [] as { id: string; score: number }[]);
  const personLists: StableMarket['people'][number][] = [];
  const notConsidered: string[] = [];
  people.people.forEach((person, pi) => {
    if (person.arrangement === 'short_breaks') {
      notConsidered.push(person.id);
      return;
    }
    const carersFor: { id: string; score: number }[] = [];
    for (let k = table.start[pi]!; k < table.start[pi + 1]!; k++) {
      const ci = table.carer[k]!;
      if (C.freePlaces[ci]! <= 0) continue;
      const carerId = C.carers[ci]!.id;
      carersFor.push({ id: carerId, score: table.score[k]! });
      peopleFor[ci]!.push({ id: person.id, score: table.score[k]! });
      scores.set(pairKey(person.id, carerId), table.score[k]!);
    }
    personLists.push({ id: person.id, ranking: preferenceList(person.ranking ?? [], carersFor, fill, length) });
  });
  const carerLists = C.carers.flatMap((carer, ci) =>
    C.freePlaces[ci]! > 0
      ? [{ id: carer.id, places: C.freePlaces[ci]!, ranking: preferenceList(carer.ranking ?? [], peopleFor[ci]!, fill, length) }]
      : [],
  );
  const matching = stableMatching({ people: personLists, carers: carerLists }, { proposing: options.proposing });
  const pairs = matching.pairs.map((p) => ({ ...p, score: scores.get(pairKey(p.personId, p.carerId))! }));
  return { ...matching, pairs, notConsidered };
}

export interface StableSuggestion extends StableMatching {
  pairs: (StablePair & { score: number })[];
  /** People waiting for short breaks: they are matched on dates, not places. */
  notConsidered: string[];
}

const pairKey = (personId: string, carerId: string) => `${personId}\u0000${carerId}`;

/** The stated ranking's suitable entries, then the other suitable ones by score (ties by id). */
function preferenceList(stated: readonly string[], suitable: { id: string; score: number }[], fill: boolean, length: number): string[] {
  const allowed = new Set(suitable.map((s) => s.id));
  const list = [...new Set(stated.filter((id) => allowed.has(id)))];
  if (fill) {
    const listed = new Set(list);
    const rest = suitable.filter((s) => !listed.has(s.id)).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.push(...rest.map((s) => s.id));
  }
  return list.slice(0, length);
}

/** The market as typed arrays: lists by index, and for every list entry its rank on the other side's list (-1: not listed). */
interface Compiled {
  people: number;
  carers: number;
  places: Int32Array;
  personStart: Int32Array;
  personList: Int32Array;
  /** For each entry of a person's list: that carer's rank of the person. */
  rankAtCarer: Int32Array;
  carerStart: Int32Array;
  carerList: Int32Array;
  /** For each entry of a carer's list: that person's rank of the carer. */
  rankAtPerson: Int32Array;
}

function compile(market: StableMarket): Compiled {
  const personIndex = indexById(market.people, 'person');
  const carerIndex = indexById(market.carers, 'carer');
  const persons = lists(
    market.people.map((p) => p.ranking),
    carerIndex,
  );
  const carers = lists(
    market.carers.map((c) => c.ranking),
    personIndex,
  );
  const nP = market.people.length;
  const nC = market.carers.length;
  const owner = new Int32Array(persons.items.length);
  for (let p = 0; p < nP; p++) owner.fill(p, persons.start[p], persons.start[p + 1]);
  // Person-list entries grouped by the carer they name.
  const groupStart = new Int32Array(nC + 1);
  for (let e = 0; e < persons.items.length; e++) groupStart[persons.items[e]! + 1]!++;
  for (let c = 0; c < nC; c++) groupStart[c + 1]! += groupStart[c]!;
  const fill = groupStart.slice(0, nC);
  const group = new Int32Array(persons.items.length);
  for (let e = 0; e < persons.items.length; e++) group[fill[persons.items[e]!]!++] = e;

  const rankAtCarer = new Int32Array(persons.items.length).fill(-1);
  const rankAtPerson = new Int32Array(carers.items.length).fill(-1);
  const carerRankOf = new Int32Array(nP).fill(-1);
  const personRankOf = new Int32Array(nP).fill(-1);
  for (let c = 0; c < nC; c++) {
    for (let k = carers.start[c]!; k < carers.start[c + 1]!; k++) carerRankOf[carers.items[k]!] = k - carers.start[c]!;
    for (let g = groupStart[c]!; g < groupStart[c + 1]!; g++) {
      const e = group[g]!;
      const p = owner[e]!;
      personRankOf[p] = e - persons.start[p]!;
      rankAtCarer[e] = carerRankOf[p]!;
    }
    for (let k = carers.start[c]!; k < carers.start[c + 1]!; k++) rankAtPerson[k] = personRankOf[carers.items[k]!]!;
    for (let k = carers.start[c]!; k < carers.start[c + 1]!; k++) carerRankOf[carers.items[k]!] = -1;
    for (let g = groupStart[c]!; g < groupStart[c + 1]!; g++) personRankOf[owner[group[g]!]!] = -1;
  }
  return {
    people: nP,
    carers: nC,
    places: Int32Array.from(market.carers, (c) => Math.max(0, c.places)),
    personStart: persons.start,
    personList: persons.items,
    rankAtCarer,
    carerStart: carers.start,
    carerList: carers.items,
    rankAtPerson,
  };
}

/** Deferred acceptance, people proposing: each carer holds its best proposals so far, up to its places. */
function peoplePropose(m: Compiled): Int32Array {
  const slotStart = new Int32Array(m.carers + 1);
  for (let c = 0; c < m.carers; c++) slotStart[c + 1] = slotStart[c]! + m.places[c]!;
  const slotPerson = new Int32Array(slotStart[m.carers]!);
  const slotRank = new Int32Array(slotStart[m.carers]!);
  const holding = new Int32Array(m.carers);
  const carerOf = new Int32Array(m.people).fill(-1);
  const next = m.personStart.slice(0, m.people);
  const waiting = Int32Array.from({ length: m.people }, (_, k) => m.people - 1 - k);
  let count = m.people;
  while (count > 0) {
    const p = waiting[--count]!;
    while (next[p]! < m.personStart[p + 1]!) {
      const e = next[p]!++;
      const rank = m.rankAtCarer[e]!;
      if (rank < 0) continue;
      const c = m.personList[e]!;
      const first = slotStart[c]!;
      if (holding[c]! < m.places[c]!) {
        const s = first + holding[c]!++;
        slotPerson[s] = p;
        slotRank[s] = rank;
        carerOf[p] = c;
        break;
      }
      let worst = -1;
      for (let s = first; s < first + holding[c]!; s++) if (worst < 0 || slotRank[s]! > slotRank[worst]!) worst = s;
      if (worst < 0 || slotRank[worst]! < rank) continue;
      const rejected = slotPerson[worst]!;
      carerOf[rejected] = -1;
      waiting[count++] = rejected;
      slotPerson[worst] = p;
      slotRank[worst] = rank;
      carerOf[p] = c;
      break;
    }
  }
  return carerOf;
}

/** Deferred acceptance, carers proposing: each person holds the best offer so far. */
function carersPropose(m: Compiled): Int32Array {
  const carerOf = new Int32Array(m.people).fill(-1);
  const heldRank = new Int32Array(m.people);
  const holding = new Int32Array(m.carers);
  const next = m.carerStart.slice(0, m.carers);
  const waiting = Int32Array.from({ length: m.carers }, (_, k) => m.carers - 1 - k);
  const queued = new Uint8Array(m.carers).fill(1);
  let count = m.carers;
  while (count > 0) {
    const c = waiting[--count]!;
    queued[c] = 0;
    while (holding[c]! < m.places[c]! && next[c]! < m.carerStart[c + 1]!) {
      const k = next[c]!++;
      const rank = m.rankAtPerson[k]!;
      if (rank < 0) continue;
      const p = m.carerList[k]!;
      const current = carerOf[p]!;
      if (current >= 0 && heldRank[p]! < rank) continue;
      if (current >= 0) {
        holding[current]!--;
        if (!queued[current]) {
          queued[current] = 1;
          waiting[count++] = current;
        }
      }
      carerOf[p] = c;
      heldRank[p] = rank;
      holding[c]!++;
    }
  }
  return carerOf;
}

function result(market: StableMarket, m: Compiled, carerOf: Int32Array): StableMatching {
  const pairs: StablePair[] = [];
  const unmatched: string[] = [];
  const taken = new Int32Array(m.carers);
  market.people.forEach((person, p) => {
    const c = carerOf[p]!;
    if (c < 0) {
      unmatched.push(person.id);
      return;
    }
    taken[c]!++;
    let e = m.personStart[p]!;
    while (m.personList[e] !== c || m.rankAtCarer[e]! < 0) e++;
    pairs.push({
      personId: person.id,
      carerId: market.carers[c]!.id,
      personRank: e - m.personStart[p]! + 1,
      carerRank: m.rankAtCarer[e]! + 1,
    });
  });
  const freePlaces = market.carers.flatMap((carer, c) =>
    taken[c]! < m.places[c]! ? [{ carerId: carer.id, places: m.places[c]! - taken[c]! }] : [],
  );
  return {
    pairs: pairs.sort((a, b) => byId(a.personId, b.personId)),
    unmatched: unmatched.sort(byId),
    freePlaces: freePlaces.sort((a, b) => byId(a.carerId, b.carerId)),
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function indexById(records: readonly { id: string }[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  records.forEach((r, i) => {
    if (index.has(r.id)) throw new Error(`The same ${what} id twice: ${r.id}`);
    index.set(r.id, i);
  });
  return index;
}

/** Rankings as index lists, leaving out unknown ids and repeats (the first mention counts). */
function lists(rankings: readonly (readonly string[])[], index: ReadonlyMap<string, number>) {
  const start = new Int32Array(rankings.length + 1);
  const items: number[] = [];
  const seen = new Int32Array(index.size).fill(-1);
  rankings.forEach((ranking, i) => {
    for (const id of ranking) {
      const j = index.get(id);
      if (j === undefined || seen[j] === i) continue;
      seen[j] = i;
      items.push(j);
    }
    start[i + 1] = items.length;
  });
  return { start, items: Int32Array.from(items) };
}
