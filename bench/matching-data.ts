import type {
  ArrangementType,
  Coordinates,
  DateRange,
  Decline,
  MatchCarer,
  MatchPerson,
  PairFacts,
  WorkerNote,
} from '../src/matching/engine/index.js';

/**
 * Fictional national-scale matching inputs for the benchmark, the same for the same seed:
 * carers and people clustered around ~150 scheme centres near UK towns, with approval terms,
 * households, wishes, places that matter, short-break diaries, declines and worker's notes.
 */

/** mulberry32: a small seeded generator, good enough for test data. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const count = min + int(max - min + 1);
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(int(pool.length), 1)[0]!);
    return out;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, int, chance, pick, some, normal };
}

export type Random = ReturnType<typeof seeded>;

const TOWNS: readonly Coordinates[] = [
  [51.507, -0.128],
  [52.486, -1.89],
  [53.48, -2.242],
  [53.801, -1.549],
  [53.408, -2.991],
  [53.383, -1.465],
  [54.978, -1.618],
  [51.455, -2.588],
  [52.954, -1.158],
  [52.637, -1.14],
  [50.909, -1.404],
  [50.376, -4.143],
  [50.822, -0.137],
  [51.752, -1.258],
  [52.205, 0.122],
  [52.63, 1.297],
  [53.745, -0.336],
  [54.574, -1.235],
  [52.407, -1.512],
  [52.587, -2.129],
  [53.046, -2.993],
  [51.481, -3.179],
  [51.621, -3.944],
  [53.227, -4.129],
  [55.864, -4.252],
  [55.953, -3.188],
  [57.15, -2.094],
  [56.462, -2.971],
  [54.597, -5.93],
  [55.006, -7.318],
  [50.726, -3.527],
  [51.379, -2.36],
  [54.891, -2.934],
  [53.958, -1.082],
  [50.72, -1.88],
].map(([latitude, longitude]) => ({ latitude: latitude!, longitude: longitude! }));

const NEEDS = ['learning disability', 'autism', 'mental health', 'dementia', 'physical disability', 'sensory impairment'];
const INTERESTS = [
  'gardening',
  'football',
  'cooking',
  'baking',
  'music',
  'singing',
  'dancing',
  'walking',
  'swimming',
  'cycling',
  'fishing',
  'painting',
  'crafts',
  'knitting',
  'reading',
  'films',
  'television',
  'video games',
  'board games',
  'puzzles',
  'bingo',
  'darts',
  'snooker',
  'rugby',
  'cricket',
  'animals',
  'horse riding',
  'trains',
  'buses',
  'cars',
  'photography',
  'church',
  'theatre',
  'concerts',
  'shopping',
  'cafes',
  'history',
  'nature',
  'bird watching',
  'allotment',
];
const ROUTINES = [
  'early riser',
  'night owl',
  'quiet evenings',
  'busy weekends',
  'regular mealtimes',
  'lie-ins',
  'daily walk',
  'church on Sunday',
  'evening bath',
  'TV at night',
];
const LANGUAGES = ['Polish', 'Urdu', 'Punjabi', 'Welsh', 'Gaelic', 'Bengali', 'Somali', 'Romanian', 'Arabic', 'British Sign Language'];
const FAITHS = ['Christian', 'Muslim', 'Hindu', 'Sikh', 'Jewish', 'Buddhist'];
const CULTURES = [
  'Polish',
  'Caribbean',
  'Irish',
  'Pakistani',
  'Indian',
  'Somali',
  'Bangladeshi',
  'Welsh',
  'Scottish',
  'Gypsy or Irish Traveller',
];
const PETS = ['dog', 'cat', 'rabbit', 'bird'];
const OFFERS = ['garden', 'car', 'near a bus route', 'countryside', 'town centre', 'near the sea', 'quiet street', 'allotment'];
const ABOUT = ['enjoys cooking', 'likes walking', 'likes animals', 'chatty', 'quiet', 'independent', 'loves music'];
const PLACE_LABELS = [
  ['Mum', 'family'],
  ['Dad', 'family'],
  ['my sister', 'family'],
  ['day service', 'day_service'],
  ['work', 'work'],
  ['friends', 'friends'],
] as const;

const ARRANGEMENTS: readonly ArrangementType[] = ['live_in', 'short_breaks', 'day_support'];

export function schemeCentres(random: Random, count: number): Coordinates[] {
  return Array.from({ length: count }, () => near(random, random.pick(TOWNS), 12));
}

/** A point about `miles` (one standard deviation) from `centre`. */
export function near(random: Random, centre: Coordinates, miles: number): Coordinates {
  const latitude = centre.latitude + (random.normal() * miles) / 69;
  const longitude = centre.longitude + (random.normal() * miles) / (69 * Math.cos((centre.latitude * Math.PI) / 180));
  return { latitude: Math.max(-89, Math.min(89, latitude)), longitude };
}

export function aCarer(random: Random, id: string, centre: Coordinates, spreadMiles = 10): MatchCarer {
  const maxPeople = random.pick([1, 2, 2, 3, 3]);
  const arrangementTypes = ARRANGEMENTS.filter((_, k) => random.chance([0.75, 0.45, 0.35][k]!));
  if (arrangementTypes.length === 0) arrangementTypes.push('live_in');
  const supported = random.int(maxPeople + 1);
  const shortBreaks = arrangementTypes.includes('short_breaks') ? diary(random) : undefined;
  return {
    id,
    home: near(random, centre, spreadMiles),
    approval: { maxPeople, arrangementTypes, needs: NEEDS.filter(() => random.chance(0.6)) },
    supporting: Array.from({ length: supported }, (_, k) => ({
      personId: `${id}-supported-${k}`,
      arrangement: random.chance(0.7) ? ('live_in' as const) : ('day_support' as const),
    })),
    household: {
      pets: PETS.filter((_, k) => random.chance([0.3, 0.2, 0.05, 0.05][k]!)),
      smoking: random.chance(0.1),
      acceptsSmoker: random.chance(0.7),
      stepFree: random.chance(0.25),
      spareBedrooms: random.chance(0.85) ? 1 + random.int(2) : 0,
      ownBathroom: random.chance(0.3),
      children: random.chance(0.25) ? 1 + random.int(3) : 0,
      otherAdults: random.int(3),
    },
    languages: random.chance(0.15) ? ['English', random.pick(LANGUAGES)] : ['English'],
    faith: random.chance(0.5) ? random.pick(FAITHS) : undefined,
    culture: random.chance(0.3) ? [random.pick(CULTURES)] : [],
    interests: random.some(INTERESTS, 3, 7),
    routines: random.some(ROUTINES, 1, 3),
    offers: random.some(OFFERS, 1, 3),
    wishes: random.some(ABOUT, 0, 2),
    shortBreaks,
  };
}

export function aPerson(random: Random, id: string, centre: Coordinates, arrangement?: ArrangementType): MatchPerson {
  const home = near(random, centre, 8);
  const firstLanguage = random.chance(0.12) ? random.pick(LANGUAGES) : 'English';
  return {
    id,
    home: { ...home, postcode: 'ZZ99 9ZZ' },
    arrangement: arrangement ?? random.pick(['live_in', 'live_in', 'live_in', 'short_breaks', 'short_breaks', 'day_support']),
    needs: random.some(NEEDS, 1, 2),
    maxMiles: random.chance(0.85) ? 8 + random.int(23) : undefined,
    area: random.chance(0.2) ? { ...near(random, home, 5), name: 'the area I chose' } : undefined,
    household: {
      stepFree: random.chance(0.1) ? 'needed' : random.chance(0.1) ? 'preferred' : undefined,
      ownBathroom: random.chance(0.05) ? 'needed' : random.chance(0.15) ? 'preferred' : undefined,
      smokeFree: random.chance(0.3) ? 'needed' : random.chance(0.2) ? 'preferred' : undefined,
      smokes: random.chance(0.12),
      pets: { notOk: random.chance(0.05) ? 'any' : PETS.filter(() => random.chance(0.05)), likes: PETS.filter(() => random.chance(0.2)) },
      children: random.chance(0.08) ? 'not_ok' : random.chance(0.15) ? 'likes' : undefined,
      homeLife: random.chance(0.4) ? random.pick(['quiet', 'lively'] as const) : undefined,
    },
    languages: firstLanguage === 'English' ? ['English'] : [firstLanguage, 'English'],
    faith: random.chance(0.5) ? random.pick(FAITHS) : undefined,
    faithMatters: random.chance(0.3),
    culture: random.chance(0.3) ? [random.pick(CULTURES)] : [],
    interests: random.some(INTERESTS, 2, 6),
    routines: random.some(ROUTINES, 1, 3),
    places: Array.from({ length: random.int(4) }, () => {
      const [label, kind] = random.pick(PLACE_LABELS);
      return { label, kind, location: near(random, home, 6) };
    }),
    wishes: random.some(OFFERS, 0, 3),
    about: random.some(ABOUT, 0, 3),
  };
}

/** About a year of short-break availability from 2026, with bookings. */
function diary(random: Random): NonNullable<MatchCarer['shortBreaks']> {
  const availability: DateRange[] = [];
  const bookings: DateRange[] = [];
  let day = random.int(20);
  while (day < 360) {
    const length = 7 + random.int(40);
    availability.push(range(day, day + length));
    for (let d = day; d < day + length; d += 3 + random.int(10)) bookings.push(range(d, d + 1 + random.int(4)));
    day += length + random.int(20);
  }
  return { availability, bookings };
}

export function range(fromDay: number, toDay: number): DateRange {
  return { from: dateOf(fromDay), to: dateOf(toDay) };
}

/** Day 0 is 1 January 2026. */
export function dateOf(day: number): string {
  return new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
}

export function nationalScale(seed: number, sizes = { carers: 10_000, people: 3_000, schemes: 150 }) {
  const random = seeded(seed);
  const centres = schemeCentres(random, sizes.schemes);
  const carers = Array.from({ length: sizes.carers }, (_, i) =>
    aCarer(random, `carer-${String(i).padStart(5, '0')}`, random.pick(centres)),
  );
  const people = Array.from({ length: sizes.people }, (_, i) =>
    aPerson(random, `person-${String(i).padStart(5, '0')}`, random.pick(centres)),
  );
  return { carers, people, facts: pairFacts(random, people, carers) };
}

/** A few declines and worker's notes: about one in five people has some. */
function pairFacts(random: Random, people: readonly MatchPerson[], carers: readonly MatchCarer[]): PairFacts {
  const declines: Decline[] = [];
  const notes: WorkerNote[] = [];
  for (const person of people) {
    if (!random.chance(0.2)) continue;
    const carer = random.pick(carers);
    if (random.chance(0.6)) declines.push({ personId: person.id, carerId: carer.id, by: random.chance(0.5) ? 'person' : 'carer' });
    else
      notes.push({
        personId: person.id,
        carerId: carer.id,
        view: random.pick(['hopeful', 'neutral', 'worried'] as const),
        text: 'Met at the summer fair',
      });
  }
  return { declines, notes };
}

/** One large scheme: people waiting for live-in support, and carers whose free places add up to `places`. */
export function oneScheme(seed: number, people: number, places: number) {
  const random = seeded(seed);
  const centre = TOWNS[3]!;
  const carers: MatchCarer[] = [];
  let free = 0;
  while (free < places) {
    const carer = aCarer(random, `carer-${String(carers.length).padStart(5, '0')}`, centre, 8);
    const approvedLiveIn = carer.approval.arrangementTypes.includes('live_in')
      ? carer.approval.arrangementTypes
      : [...carer.approval.arrangementTypes, 'live_in' as const];
    const maxPeople = Math.min(1 + random.int(3), places - free);
    carers.push({
      ...carer,
      approval: { ...carer.approval, maxPeople, arrangementTypes: approvedLiveIn },
      supporting: [],
      household: { ...carer.household, spareBedrooms: 1 + random.int(2) },
    });
    free += maxPeople;
  }
  const waiting = Array.from({ length: people }, (_, i) => aPerson(random, `person-${String(i).padStart(5, '0')}`, centre, 'live_in'));
  return { carers, people: waiting };
}
