import { chord2FromMiles, unitVector } from './distance.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';
import {
  isLocated,
  type ArrangementType,
  type MatchCarer,
  type MatchPerson,
  type PairFacts,
  type SchemeSettings,
  type Whereabouts,
  type WorkerNote,
} from './types.js';

/**
 * Precomputed encodings, so that scoring a pair reads a few typed-array cells: words become bits
 * (Uint32Array words), homes and places become points on the unit sphere (NaN when not located,
 * so that every distance to them is NaN: not known), yes/no facts become bit flags. Carers are encoded once per scheme into a pool; people are encoded against that
 * pool's vocabulary, so a person's word that no carer uses gets no bit (it can never be shared)
 * but still counts in the person's total.
 */

export const ARRANGEMENT_BIT: Record<ArrangementType, number> = { live_in: 1, short_breaks: 2, day_support: 4 };

/** Facts about a carer's home. */
export const HOME = { smoking: 1, acceptsSmoker: 2, stepFree: 4, ownBathroom: 8, children: 16, spareBedroom: 32, pets: 64 } as const;

/** What a person cannot do without. */
export const REQUIRES = { stepFree: 1, ownBathroom: 2, smokeFree: 4, noChildren: 8, bedroom: 16, smokes: 32, noPets: 64 } as const;

/** What a person would like. */
export const PREFERS = { stepFree: 1, ownBathroom: 2, smokeFree: 4, children: 8 } as const;

export const HOME_LIFE = { none: 0, quiet: 1, lively: 2 } as const;

export const SAID_NO = { person: 1, carer: 2 } as const;

export const NOTE_VALUE: Record<WorkerNote['view'], number> = { hopeful: 1, neutral: 0.5, worried: 0 };

/** The key a word is compared by. */
export const wordKey = (word: string) => word.trim().toLowerCase();

const WORD_LISTS = ['needs', 'pets', 'interests', 'routines', 'languages', 'culture', 'faith', 'offers', 'wishes', 'people'] as const;
type WordList = (typeof WORD_LISTS)[number];

/** One numbering of words per kind of list, from the carers' records. */
export type Vocabulary = Record<WordList, ReadonlyMap<string, number>>;

/** One bitset per record, `stride` words each, and how many distinct words each record listed. */
export interface TagSet {
  stride: number;
  words: Uint32Array;
  count: Uint16Array;
}

export interface CarerPool {
  size: number;
  /** Sorted by id: indexes follow, and ties are broken by id. */
  carers: readonly MatchCarer[];
  indexOf: ReadonlyMap<string, number>;
  settings: ResolvedSettings;
  vocabulary: Vocabulary;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  arrangements: Uint8Array;
  freePlaces: Int32Array;
  home: Uint8Array;
  /** Everyone living in the home: the carer, other adults, children and live-in people. */
  householdSize: Uint8Array;
  faith: Int32Array;
  needs: TagSet;
  pets: TagSet;
  interests: TagSet;
  routines: TagSet;
  languages: TagSet;
  culture: TagSet;
  offers: TagSet;
  wishes: TagSet;
  /** Live-in people (numbered in `vocabulary.people`), per carer from `residentStart`. */
  residentStart: Int32Array;
  residents: Int32Array;
}

export interface PeoplePool {
  size: number;
  people: readonly MatchPerson[];
  indexOf: ReadonlyMap<string, number>;
  carers: CarerPool;
  arrangement: Uint8Array;
  /** The point distances are measured from: the person's area, or home. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** The person's own distance limit as a squared chord (Infinity when none). */
  maxChord2: Float64Array;
  unknownNeed: Uint8Array;
  requires: Uint8Array;
  prefers: Uint8Array;
  homeLife: Uint8Array;
  /** -1: none stated; -2: a faith no carer has. */
  faith: Int32Array;
  faithMatters: Uint8Array;
  /** First language, numbered like carers' languages; -1: none; -2: one no carer speaks. */
  mainLanguage: Int32Array;
  needs: TagSet;
  petsNotOk: TagSet;
  petsLiked: TagSet;
  interests: TagSet;
  routines: TagSet;
  languages: TagSet;
  culture: TagSet;
  /** The person's wishes, numbered like carers' offers. */
  wishes: TagSet;
  /** About the person, numbered like carers' wishes. */
  about: TagSet;
  placeStart: Int32Array;
  placeX: Float64Array;
  placeY: Float64Array;
  placeZ: Float64Array;
  friendStart: Int32Array;
  friends: Int32Array;
  avoidStart: Int32Array;
  avoid: Int32Array;
  /** Declines and worker's notes, per person from `pairStart`, sorted by carer index. */
  pairStart: Int32Array;
  pairCarer: Int32Array;
  pairSaidNo: Uint8Array;
  /** Index into `notes`, or -1. */
  pairNote: Int32Array;
  notes: readonly WorkerNote[];
}

export function encodeCarers(input: readonly MatchCarer[], settings: SchemeSettings = {}): CarerPool {
  const carers = sortedById(input, 'carer');
  const n = carers.length;
  const vocabulary = carerVocabulary(carers);
  const sets = (list: WordList, pick: (c: MatchCarer) => readonly string[] | undefined) => {
    const set = emptyTagSet(n, vocabulary[list].size);
    carers.forEach((c, i) => addWords(set, i, pick(c), vocabulary[list]));
    return set;
  };
  const [x, y, z] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const arrangements = new Uint8Array(n);
  const freePlaces = new Int32Array(n);
  const home = new Uint8Array(n);
  const householdSize = new Uint8Array(n);
  const faith = new Int32Array(n);
  carers.forEach((c, i) => {
    [x[i], y[i], z[i]] = pointOf(c.home);
    for (const type of c.approval.arrangementTypes) arrangements[i]! |= ARRANGEMENT_BIT[type];
    const supporting = c.supporting ?? [];
    freePlaces[i] = Math.max(0, c.approval.maxPeople - supporting.filter((s) => s.arrangement !== 'short_breaks').length);
    const h = c.household ?? {};
    home[i] =
      (h.smoking ? HOME.smoking : 0) |
      (h.acceptsSmoker !== false ? HOME.acceptsSmoker : 0) |
      (h.stepFree ? HOME.stepFree : 0) |
      (h.ownBathroom ? HOME.ownBathroom : 0) |
      ((h.children ?? 0) > 0 ? HOME.children : 0) |
      ((h.spareBedrooms ?? 0) > 0 ? HOME.spareBedroom : 0) |
      ((h.pets ?? []).length > 0 ? HOME.pets : 0);
    const liveIn = supporting.filter((s) => s.arrangement === 'live_in').length;
    householdSize[i] = Math.min(255, 1 + (h.otherAdults ?? 0) + (h.children ?? 0) + liveIn);
    faith[i] = c.faith ? vocabulary.faith.get(wordKey(c.faith))! : -1;
  });
  const residents = lists(
    carers.map((c) => (c.supporting ?? []).filter((s) => s.arrangement === 'live_in').map((s) => vocabulary.people.get(s.personId)!)),
  );
  return {
    size: n,
    carers,
    indexOf: new Map(carers.map((c, i) => [c.id, i])),
    settings: resolveSettings(settings),
    vocabulary,
    x,
    y,
    z,
    arrangements,
    freePlaces,
    home,
    householdSize,
    faith,
    needs: sets('needs', (c) => c.approval.needs),
    pets: sets('pets', (c) => c.household?.pets),
    interests: sets('interests', (c) => c.interests),
    routines: sets('routines', (c) => c.routines),
    languages: sets('languages', (c) => c.languages),
    culture: sets('culture', (c) => c.culture),
    offers: sets('offers', (c) => c.offers),
    wishes: sets('wishes', (c) => c.wishes),
    residentStart: residents.start,
    residents: residents.items,
  };
}

export function encodePeople(input: readonly MatchPerson[], carers: CarerPool, facts: PairFacts = {}): PeoplePool {
  const people = sortedById(input, 'person');
  const n = people.length;
  const v = carers.vocabulary;
  const sets = (list: WordList, pick: (p: MatchPerson) => readonly string[] | undefined) => {
    const set = emptyTagSet(n, v[list].size);
    people.forEach((p, i) => addWords(set, i, pick(p), v[list]));
    return set;
  };
  const arrangement = new Uint8Array(n);
  const [x, y, z] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const maxChord2 = new Float64Array(n);
  const unknownNeed = new Uint8Array(n);
  const requires = new Uint8Array(n);
  const prefers = new Uint8Array(n);
  const homeLife = new Uint8Array(n);
  const faith = new Int32Array(n);
  const faithMatters = new Uint8Array(n);
  const mainLanguage = new Int32Array(n);
  people.forEach((p, i) => {
    arrangement[i] = ARRANGEMENT_BIT[p.arrangement];
    [x[i], y[i], z[i]] = pointOf(p.area ?? p.home);
    maxChord2[i] = chord2FromMiles(p.maxMiles ?? Infinity);
    unknownNeed[i] = p.needs.some((need) => !v.needs.has(wordKey(need))) ? 1 : 0;
    const h = p.household ?? {};
    const notOk = h.pets?.notOk;
    requires[i] =
      (h.stepFree === 'needed' ? REQUIRES.stepFree : 0) |
      (h.ownBathroom === 'needed' ? REQUIRES.ownBathroom : 0) |
      (h.smokeFree === 'needed' ? REQUIRES.smokeFree : 0) |
      (h.children === 'not_ok' ? REQUIRES.noChildren : 0) |
      (p.arrangement !== 'day_support' ? REQUIRES.bedroom : 0) |
      (h.smokes ? REQUIRES.smokes : 0) |
      (notOk === 'any' ? REQUIRES.noPets : 0);
    prefers[i] =
      (h.stepFree === 'preferred' ? PREFERS.stepFree : 0) |
      (h.ownBathroom === 'preferred' ? PREFERS.ownBathroom : 0) |
      (h.smokeFree === 'preferred' ? PREFERS.smokeFree : 0) |
      (h.children === 'likes' ? PREFERS.children : 0);
    homeLife[i] = h.homeLife ? HOME_LIFE[h.homeLife] : HOME_LIFE.none;
    faith[i] = p.faith ? (v.faith.get(wordKey(p.faith)) ?? -2) : -1;
    faithMatters[i] = p.faith && p.faithMatters ? 1 : 0;
    const first = p.languages?.[0];
    mainLanguage[i] = first === undefined ? -1 : (v.languages.get(wordKey(first)) ?? -2);
  });
  const places = lists(people.map((p) => (p.places ?? []).map((_, k) => k)));
  const placeX = new Float64Array(places.items.length);
  const placeY = new Float64Array(places.items.length);
  const placeZ = new Float64Array(places.items.length);
  people.forEach((p, i) =>
    (p.places ?? []).forEach((place, k) => {
      [placeX[places.start[i]! + k], placeY[places.start[i]! + k], placeZ[places.start[i]! + k]] = pointOf(place.location);
    }),
  );
  const friends = lists(people.map((p) => (p.household?.wantsToLiveWith ?? []).map((f) => v.people.get(f.personId) ?? -1)));
  const avoid = lists(people.map((p) => (p.household?.mustNotLiveWith ?? []).map((id) => v.people.get(id) ?? -1)));
  const indexOf = new Map(people.map((p, i) => [p.id, i]));
  const pairs = encodePairs(indexOf, carers.indexOf, facts);
  return {
    size: n,
    people,
    indexOf,
    carers,
    arrangement,
    x,
    y,
    z,
    maxChord2,
    unknownNeed,
    requires,
    prefers,
    homeLife,
    faith,
    faithMatters,
    mainLanguage,
    needs: sets('needs', (p) => p.needs),
    petsNotOk: sets('pets', (p) => (p.household?.pets?.notOk === 'any' ? [] : p.household?.pets?.notOk)),
    petsLiked: sets('pets', (p) => p.household?.pets?.likes),
    interests: sets('interests', (p) => p.interests),
    routines: sets('routines', (p) => p.routines),
    languages: sets('languages', (p) => p.languages),
    culture: sets('culture', (p) => p.culture),
    wishes: sets('offers', (p) => p.wishes),
    about: sets('wishes', (p) => p.about),
    placeStart: places.start,
    placeX,
    placeY,
    placeZ,
    friendStart: friends.start,
    friends: friends.items,
    avoidStart: avoid.start,
    avoid: avoid.items,
    ...pairs,
  };
}

const NOWHERE: [number, number, number] = [NaN, NaN, NaN];

/** The point on the unit sphere, or NaNs when the place is not located. */
const pointOf = (w: Whereabouts) => (isLocated(w) ? unitVector(w) : NOWHERE);

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Words both records have. Both sets must come from the same vocabulary list. */
export function shared(a: TagSet, i: number, b: TagSet, j: number): number {
  let count = 0;
  const stride = a.stride;
  for (let w = 0; w < stride; w++) count += popcount(a.words[i * stride + w]! & b.words[j * stride + w]!);
  return count;
}

/** Record i of `a` lists a word that record j of `b` has. */
export function overlaps(a: TagSet, i: number, b: TagSet, j: number): boolean {
  const stride = a.stride;
  for (let w = 0; w < stride; w++) if ((a.words[i * stride + w]! & b.words[j * stride + w]!) !== 0) return true;
  return false;
}

/** Every word record i of `a` lists is in record j of `b`. */
export function within(a: TagSet, i: number, b: TagSet, j: number): boolean {
  const stride = a.stride;
  for (let w = 0; w < stride; w++) if ((a.words[i * stride + w]! & ~b.words[j * stride + w]!) !== 0) return false;
  return true;
}

export function hasWord(set: TagSet, i: number, word: number): boolean {
  return (set.words[i * set.stride + (word >>> 5)]! & (1 << (word & 31))) !== 0;
}

function carerVocabulary(carers: readonly MatchCarer[]): Vocabulary {
  const vocabulary = Object.fromEntries(WORD_LISTS.map((list) => [list, new Map<string, number>()])) as Record<
    WordList,
    Map<string, number>
  >;
  const add = (list: WordList, words: readonly string[] | undefined) => {
    for (const word of words ?? []) {
      const k = list === 'people' ? word : wordKey(word);
      if (!vocabulary[list].has(k)) vocabulary[list].set(k, vocabulary[list].size);
    }
  };
  for (const c of carers) {
    add('needs', c.approval.needs);
    add('pets', c.household?.pets);
    add('interests', c.interests);
    add('routines', c.routines);
    add('languages', c.languages);
    add('culture', c.culture);
    add('faith', c.faith ? [c.faith] : []);
    add('offers', c.offers);
    add('wishes', c.wishes);
    add(
      'people',
      (c.supporting ?? []).map((s) => s.personId),
    );
  }
  return vocabulary;
}

function emptyTagSet(n: number, words: number): TagSet {
  const stride = Math.max(1, Math.ceil(words / 32));
  return { stride, words: new Uint32Array(n * stride), count: new Uint16Array(n) };
}

function addWords(set: TagSet, i: number, words: readonly string[] | undefined, numbering: ReadonlyMap<string, number>) {
  const seen = new Set<string>();
  for (const word of words ?? []) {
    const k = wordKey(word);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    const bit = numbering.get(k);
    if (bit !== undefined) set.words[i * set.stride + (bit >>> 5)]! |= 1 << (bit & 31);
  }
  set.count[i] = Math.min(seen.size, 0xffff);
}

function lists(perRecord: readonly number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(perRecord.length + 1);
  perRecord.forEach((items, i) => {
    start[i + 1] = start[i]! + items.length;
  });
  return { start, items: Int32Array.from(perRecord.flat()) };
}

function encodePairs(people: ReadonlyMap<string, number>, carers: ReadonlyMap<string, number>, facts: PairFacts) {
  const byPair = new Map<number, { person: number; carer: number; saidNo: number; note: number }>();
  const entry = (personId: string, carerId: string) => {
    const person = people.get(personId);
    const carer = carers.get(carerId);
    if (person === undefined || carer === undefined) return undefined;
    const k = person * carers.size + carer;
    let e = byPair.get(k);
    if (!e) byPair.set(k, (e = { person, carer, saidNo: 0, note: -1 }));
    return e;
  };
  for (const d of facts.declines ?? []) {
    const e = entry(d.personId, d.carerId);
    if (e) e.saidNo |= SAID_NO[d.by];
  }
  const notes = facts.notes ?? [];
  notes.forEach((note, k) => {
    const e = entry(note.personId, note.carerId);
    if (e) e.note = k;
  });
  const entries = [...byPair.values()].sort((a, b) => a.person - b.person || a.carer - b.carer);
  const pairStart = new Int32Array(people.size + 1);
  for (const e of entries) pairStart[e.person + 1]!++;
  for (let i = 0; i < people.size; i++) pairStart[i + 1]! += pairStart[i]!;
  return {
    pairStart,
    pairCarer: Int32Array.from(entries, (e) => e.carer),
    pairSaidNo: Uint8Array.from(entries, (e) => e.saidNo),
    pairNote: Int32Array.from(entries, (e) => e.note),
    notes,
  };
}

function sortedById<T extends { id: string }>(records: readonly T[], what: string): T[] {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new Error(`The same ${what} id twice: ${sorted[i]!.id}`);
  }
  return sorted;
}

/** The index of the pair's entry among the person's declines and notes, or -1. */
export function pairEntry(P: PeoplePool, pi: number, ci: number): number {
  for (let e = P.pairStart[pi]!; e < P.pairStart[pi + 1]!; e++) if (P.pairCarer[e] === ci) return e;
  return -1;
}
