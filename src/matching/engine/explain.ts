import { failedConstraints, failedList, homeChord2 } from './constraints.js';
import { milesFromChord2 } from './distance.js';
import type { CarerPool, PeoplePool } from './encode.js';
import { HOME, HOME_LIFE, pairEntry, wordKey } from './encode.js';
import { FACTOR_INDEX, UNKNOWN, factorValues, homeLifeFit, placeChord2, roundScore } from './factors.js';
import type {
  ArrangementType,
  Audience,
  Constraint,
  Contribution,
  Factor,
  MatchCarer,
  MatchPerson,
  PairResult,
  Reason,
  WorkerNote,
} from './types.js';
import { FACTORS, isLocated } from './types.js';

/**
 * Plain English for people who use Shared Lives and their carers: short, kind, concrete.
 * "You" is the reader: the person (audience 'person') or the carer (audience 'carer'), and the
 * other side is "they". Sentences about the carer's home have no subject, so they read well
 * to both: "Someone smokes at home: you need a smoke-free home".
 */

export function explainPair(P: PeoplePool, pi: number, C: CarerPool, ci: number, audience: Audience = 'person'): PairResult {
  const failed = failedConstraints(P, pi, C, ci);
  const ids = { personId: P.people[pi]!.id, carerId: C.carers[ci]!.id };
  if (failed) return { suitable: false, ...ids, reasons: exclusionReasons(P, pi, C, ci, failed, audience) };
  return { suitable: true, ...ids, ...scoreWithContributions(P, pi, C, ci, audience) };
}

export function exclusionReasons(P: PeoplePool, pi: number, C: CarerPool, ci: number, failed: number, audience: Audience): Reason[] {
  const text = reasonTexts(P, pi, C, ci, words(audience));
  return failedList(failed).map((constraint) => ({ constraint, text: text[constraint]() }));
}

const values = new Float64Array(FACTORS.length);

/** A suitable pair's score, how complete the picture is, the distance, and each factor's part in the reader's words. */
export function scoreWithContributions(P: PeoplePool, pi: number, C: CarerPool, ci: number, audience: Audience) {
  factorValues(P, pi, C, ci, values);
  const text = factorTexts(P, pi, C, ci, words(audience));
  const points = C.settings.points;
  let score = 0;
  let known = 0;
  const contributions: Contribution[] = [];
  for (const factor of FACTORS) {
    const f = FACTOR_INDEX[factor];
    if (points[f] === 0) continue;
    const value = values[f]!;
    if (value === UNKNOWN) {
      contributions.push({ factor, points: 0, text: text[factor](), known: false });
      continue;
    }
    known++;
    score += points[f]! * value;
    contributions.push({ factor, points: roundScore(points[f]! * value), text: text[factor](), known: true });
  }
  contributions.sort((a, b) => b.points - a.points || Number(b.known) - Number(a.known) || FACTOR_INDEX[a.factor] - FACTOR_INDEX[b.factor]);
  const d2 = homeChord2(P, pi, C, ci);
  return {
    score: roundScore(score),
    known,
    of: contributions.length,
    miles: Number.isNaN(d2) ? null : Math.round(milesFromChord2(d2) * 10) / 10,
    contributions,
  };
}

const ARRANGEMENT_NAME: Record<ArrangementType, string> = {
  live_in: 'live-in support',
  short_breaks: 'short breaks',
  day_support: 'day support',
};

function reasonTexts(P: PeoplePool, pi: number, C: CarerPool, ci: number, w: Words): Record<Constraint, () => string> {
  const person = P.people[pi]!;
  const carer = C.carers[ci]!;
  const miles = () => milesFromChord2(homeChord2(P, pi, C, ci));
  const from = person.area?.name ? `from ${person.area.name}` : 'away';
  return {
    arrangement: () => `Not approved for ${ARRANGEMENT_NAME[person.arrangement]}`,
    needs: () => {
      const approved = new Set(carer.approval.needs.map(wordKey));
      return `Not approved for ${list(person.needs.filter((n) => !approved.has(wordKey(n))))} support`;
    },
    capacity: () => 'No free place',
    bedroom: () => 'No spare bedroom',
    distance: () => `${distanceText(miles(), person.maxMiles!)} ${from}: more than the ${milesText(person.maxMiles!)} ${w.you} want`,
    schemeDistance: () => `${distanceText(miles(), C.settings.maxMiles)} ${from}: more than the scheme's ${C.settings.maxMiles}-mile limit`,
    pets: () => {
      const notOk = person.household?.pets?.notOk;
      if (notOk === 'any') return `Pets at home: ${w.you} want a home without pets`;
      const pets = common(notOk ?? [], carer.household?.pets ?? []);
      return `${capital(list(pets.map(withArticle)))} at home: ${w.you} want a home without ${list(pets.map(plural), 'or')}`;
    },
    smoking: () => `Someone smokes at home: ${w.you} need a smoke-free home`,
    smoker: () => `Cannot support someone who smokes: ${w.you} smoke`,
    stepFree: () => `Not step-free: ${w.you} need a step-free home`,
    ownBathroom: () => `No bathroom of ${w.your} own: ${w.you} need one`,
    children: () => `Children at home: ${w.you} need a home without children`,
    livingWith: () => `Someone ${w.you} do not want to live with lives here`,
    personSaidNo: () =>
      ({ person: 'You said no to this carer', carer: 'They said no to this match', worker: 'The person said no to this carer' })[w.reader],
    carerSaidNo: () =>
      ({ person: 'The carer said no to this match', carer: 'You said no to this person', worker: 'The carer said no to this person' })[
        w.reader
      ],
    dates: () => 'Not free on these dates',
  };
}

function factorTexts(P: PeoplePool, pi: number, C: CarerPool, ci: number, w: Words): Record<Factor, () => string> {
  const person = P.people[pi]!;
  const carer = C.carers[ci]!;
  return {
    interests: () => {
      if (!person.interests?.length || !carer.interests?.length)
        return notRecorded('Shared interests', 'interests', { person: person.interests, carer: carer.interests }, w);
      const both = common(person.interests, carer.interests);
      return both.length ? `Both enjoy ${list(both)}` : 'No shared interests yet';
    },
    routines: () => {
      if (!person.routines?.length || !carer.routines?.length)
        return notRecorded('Daily routines', 'routines', { person: person.routines, carer: carer.routines }, w);
      const both = common(person.routines, carer.routines);
      return both.length ? `Similar routines: ${list(both)}` : 'Different daily routines';
    },
    language: () => languageText(person, carer, w),
    faithAndCulture: () => faithAndCultureText(person, carer, w),
    placesThatMatter: () => {
      const places = person.places ?? [];
      if (!places.length) return 'Places that matter not known: none recorded yet';
      if (!isLocated(carer.home)) return `Distance to places that matter not known: ${w.whose.carer} home has no known location yet`;
      const start = P.placeStart[pi]!;
      const distances = places.map((place, k) => ({ place, chord2: placeChord2(P, start + k, C, ci) }));
      const near = distances.filter((d) => !Number.isNaN(d.chord2));
      const far = distances.filter((d) => Number.isNaN(d.chord2)).map((d) => d.place.label);
      return sentence([
        ...(near.length ? [capital(list(near.map((d) => `${milesText(milesFromChord2(d.chord2))} from ${d.place.label}`)))] : []),
        ...(far.length ? [`Distance to ${list(far)} not known`] : []),
      ]);
    },
    household: () => householdText(P, pi, C, ci, w),
    wishes: () => wishesText(person, carer, w),
    workerNotes: () => {
      const e = pairEntry(P, pi, ci);
      const note = e < 0 ? undefined : P.notes[P.pairNote[e]!];
      if (!note) return "Worker's view not known: no note yet";
      // The note itself is for staff: the person and the carer read only what it means for them.
      if (w.reader !== 'worker') return NOTE_FOR_PARTIES[note.view];
      return note.view === 'worried' ? `Worker's note (a worry): ${note.text}` : `Worker's note: ${note.text}`;
    },
  };
}

const NOTE_FOR_PARTIES: Record<WorkerNote['view'], string> = {
  hopeful: 'Your worker thinks you might get on well',
  neutral: 'Your worker has written about this match',
  worried: 'Your worker has something to talk through with you first',
};

function languageText(person: MatchPerson, carer: MatchCarer, w: Words): string {
  const [main] = person.languages ?? [];
  if (main === undefined || !carer.languages?.length)
    return notRecorded('Language', 'languages', { person: person.languages, carer: carer.languages }, w);
  const both = common(person.languages!, carer.languages ?? []);
  if (both[0] !== undefined && wordKey(both[0]) === wordKey(main)) return `Both ${speak(main)} ${main}`;
  if (both[0] !== undefined) return `Both ${speak(both[0])} ${both[0]}, but not ${main}`;
  return w.reader === 'person' ? `Does not ${speak(main)} ${main}` : `No shared language: they ${speak(main)} ${main}`;
}

function faithAndCultureText(person: MatchPerson, carer: MatchCarer, w: Words): string {
  const said: string[] = [];
  const unrecorded: string[] = [];
  if (person.faith && person.faithMatters) {
    if (!carer.faith) unrecorded.push('faith');
    else
      said.push(wordKey(carer.faith) === wordKey(person.faith) ? `Both ${person.faith}` : `Does not share ${w.your} ${person.faith} faith`);
  }
  if (person.culture?.length) {
    const both = common(person.culture, carer.culture ?? []);
    if (!carer.culture?.length) unrecorded.push('culture');
    else
      said.push(
        both.length ? `Shares ${w.your} ${list(both)} culture` : `Does not share ${w.your} ${list([...person.culture], 'or')} culture`,
      );
  }
  if (!said.length && !unrecorded.length) return 'Faith and culture not known: no wishes about them recorded yet';
  const missing = unrecorded.length ? `${w.whose.carer} ${list(unrecorded)} ${unrecorded.length > 1 ? 'are' : 'is'} not recorded yet` : '';
  if (!said.length) return `Faith and culture not known: ${missing}`;
  return sentence(missing ? [...said, capital(missing)] : said);
}

function householdText(P: PeoplePool, pi: number, C: CarerPool, ci: number, w: Words): string {
  const person = P.people[pi]!;
  const carer = C.carers[ci]!;
  const h = person.household ?? {};
  const home = C.home[ci]!;
  const parts: string[] = [];
  if (h.stepFree === 'preferred') parts.push(home & HOME.stepFree ? 'Step-free' : `Not step-free, which ${w.you} would like`);
  if (h.ownBathroom === 'preferred') {
    parts.push(home & HOME.ownBathroom ? `A bathroom of ${w.your} own` : `No bathroom of ${w.your} own, which ${w.you} would like`);
  }
  if (h.smokeFree === 'preferred')
    parts.push(home & HOME.smoking ? `Someone smokes at home: ${w.you} would prefer smoke-free` : 'Smoke-free');
  if (h.children === 'likes') parts.push(home & HOME.children ? `Children at home, as ${w.you} would like` : 'No children at home');
  const liked = h.pets?.likes ?? [];
  if (liked.length) {
    const pets = common(carer.household?.pets ?? [], liked);
    parts.push(
      pets.length
        ? `Has ${list(pets.map(withArticle))}: ${w.you} said ${w.you} like ${list(pets.map(plural))}`
        : `No ${list(liked.map(plural), 'or')} at home`,
    );
  }
  const life = P.homeLife[pi]!;
  if (life !== HOME_LIFE.none) parts.push(homeLifeText(life, C.householdSize[ci]!, w));
  const residents = new Set((carer.supporting ?? []).filter((s) => s.arrangement === 'live_in').map((s) => s.personId));
  for (const friend of h.wantsToLiveWith ?? []) {
    parts.push(residents.has(friend.personId) ? `${friend.name} lives here, as ${w.you} would like` : `${friend.name} does not live here`);
  }
  return parts.length ? sentence(parts) : 'Household fit not known: no wishes about the home recorded yet';
}

function homeLifeText(life: number, people: number, w: Words): string {
  const count = people === 1 ? '1 person' : `${people} people`;
  const wanted = life === HOME_LIFE.quiet ? 'quiet' : 'lively';
  const fit = homeLifeFit(life, people);
  if (fit === 0.5) return `${capital(count)} at home: ${w.you} would like a ${wanted} home`;
  const kind = people < 3 ? 'quiet' : 'busy';
  return fit === 1
    ? `A ${wanted} home (${count}), as ${w.you} would like`
    : `A ${kind} home (${count}): ${w.you} would like a ${wanted} one`;
}

function wishesText(person: MatchPerson, carer: MatchCarer, w: Words): string {
  const parts: string[] = [];
  if (person.wishes?.length && carer.offers?.length) {
    const met = common(person.wishes, carer.offers ?? []);
    const offered = new Set(met.map(wordKey));
    const unmet = person.wishes.filter((wish) => !offered.has(wordKey(wish)));
    if (met.length) parts.push(`Offers what ${w.you} hoped for: ${list(met)}`);
    if (unmet.length) parts.push(`Does not offer: ${list(unmet)}`);
  }
  if (carer.wishes?.length && person.about?.length) {
    const met = common(carer.wishes, person.about);
    parts.push(
      met.length
        ? {
            person: `Hopes for someone like you: ${list(met)}`,
            carer: `They are what you hoped for: ${list(met)}`,
            worker: `The carer hopes for someone who is: ${list(met)}`,
          }[w.reader]
        : {
            person: `The carer hopes for: ${list(carer.wishes)}`,
            carer: `Not what you hoped for: ${list(carer.wishes)}`,
            worker: `Not what the carer hopes for: ${list(carer.wishes)}`,
          }[w.reader],
    );
  }
  return parts.length ? sentence(parts) : 'Wishes on both sides not known: none to compare yet';
}

/** "Shared interests not known: the carer's interests are not recorded yet". */
function notRecorded(
  topic: string,
  things: string,
  lists: { person: readonly string[] | undefined; carer: readonly string[] | undefined },
  w: Words,
): string {
  const missing = (['person', 'carer'] as const).filter((side) => !lists[side]?.length);
  return `${topic} not known: ${list(missing.map((side) => w.whose[side]))} ${things} are not recorded yet`;
}

interface Words {
  reader: Audience;
  you: string;
  your: string;
  /** Whose record, for what is not known: "your", "the carer's". */
  whose: Record<'person' | 'carer', string>;
}

const WORDS: Record<Audience, Words> = {
  person: { reader: 'person', you: 'you', your: 'your', whose: { person: 'your', carer: "the carer's" } },
  carer: { reader: 'carer', you: 'they', your: 'their', whose: { person: 'their', carer: 'your' } },
  worker: { reader: 'worker', you: 'they', your: 'their', whose: { person: "the person's", carer: "the carer's" } },
};

const words = (audience: Audience): Words => WORDS[audience];

/** Words of `a` (as `a` spells them, in its order) that `b` also lists. */
function common(a: readonly string[], b: readonly string[]): string[] {
  const keys = new Set(b.map(wordKey));
  const seen = new Set<string>();
  return a.filter((word) => {
    const k = wordKey(word);
    if (!keys.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** "a", "a and b", "a, b and c"; past five, "a, b, c, d and 3 more". */
export function list(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const shown = items.length > 5 ? [...items.slice(0, 4), `${items.length - 4} more`] : [...items];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}

export function milesText(miles: number): string {
  if (miles < 0.5) return 'under a mile';
  const rounded = Math.round(miles);
  return rounded === 1 ? '1 mile' : `${rounded} miles`;
}

/** A distance over a limit, shown precisely enough that it visibly is over. */
function distanceText(miles: number, limit: number): string {
  return capital(Math.round(miles) > limit ? milesText(miles) : `${miles.toFixed(1)} miles`);
}

const speak = (language: string) => (/sign/i.test(language) ? 'use' : 'speak');

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Parts as one line: "Step-free. A bathroom of your own". */
function sentence(parts: readonly string[]): string {
  return parts.join('. ');
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function plural(noun: string): string {
  if (/(fish|sheep|deer)$/i.test(noun)) return noun;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}
