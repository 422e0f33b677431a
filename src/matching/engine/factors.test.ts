import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCarers, encodePeople } from './encode.js';
import { explainPair } from './explain.js';
import { scorePair } from './factors.js';
import { DEFAULT_WEIGHTS, resolveSettings } from './settings.js';
import { LEEDS, aCarer, aPerson, milesNorth } from './testing.js';
import type { Audience, Factor, MatchCarer, MatchPerson, PairFacts, SchemeSettings, Suitable } from './types.js';

function suitable(
  person: MatchPerson,
  carer: MatchCarer,
  options: { facts?: PairFacts; settings?: SchemeSettings; audience?: Audience } = {},
): Suitable {
  const carers = encodeCarers([carer], options.settings);
  const result = explainPair(encodePeople([person], carers, options.facts), 0, carers, 0, options.audience);
  if (!result.suitable) throw new Error(`Expected a suitable pair: ${result.reasons.map((r) => r.text).join(', ')}`);
  return result;
}

/** A factor's contribution: its share of its full weight (0–1), or 'not known', and its text. */
function factor(name: Factor, person: MatchPerson, carer: MatchCarer, options: Parameters<typeof suitable>[2] = {}) {
  const c = suitable(person, carer, options).contributions.find((x) => x.factor === name)!;
  return { value: c.known ? Math.round((c.points / DEFAULT_WEIGHTS[name]) * 1000) / 1000 : 'not known', text: c.text };
}

describe('soft factors', () => {
  it("shared interests: full marks when the carer shares three of the person's, or all when they listed fewer", () => {
    const person = aPerson({ interests: ['gardening', 'football', 'cooking', 'darts'] });
    expect(factor('interests', person, aCarer({ interests: ['Football', 'gardening', 'cooking'] }))).toEqual({
      value: 1,
      text: 'Both enjoy gardening, football and cooking',
    });
    expect(factor('interests', person, aCarer({ interests: ['Football', 'gardening'] }))).toEqual({
      value: 0.667,
      text: 'Both enjoy gardening and football',
    });
    expect(factor('interests', aPerson({ interests: ['bingo'] }), aCarer({ interests: ['bingo', 'chess'] })).value).toBe(1);
    expect(factor('interests', person, aCarer({ interests: ['football', 'bingo', 'swimming', 'chess'] })).value).toBeCloseTo(1 / 3, 2);
    expect(factor('interests', person, aCarer({ interests: ['bingo'] }))).toEqual({ value: 0, text: 'No shared interests yet' });
    expect(factor('interests', aPerson(), aCarer({ interests: ['bingo'] }))).toEqual({
      value: 'not known',
      text: 'Shared interests not known: your interests are not recorded yet',
    });
    expect(factor('interests', aPerson(), aCarer(), { audience: 'worker' }).text).toBe(
      "Shared interests not known: the person's and the carer's interests are not recorded yet",
    );
  });

  it('routines', () => {
    const person = aPerson({ routines: ['early riser', 'quiet evenings'] });
    expect(factor('routines', person, aCarer({ routines: ['early riser', 'quiet evenings'] }))).toEqual({
      value: 1,
      text: 'Similar routines: early riser and quiet evenings',
    });
    expect(factor('routines', person, aCarer({ routines: ['night owl'] }))).toEqual({ value: 0, text: 'Different daily routines' });
  });

  it('language: the first language counts most', () => {
    const person = aPerson({ languages: ['Polish', 'English'] });
    expect(factor('language', person, aCarer({ languages: ['English', 'polish'] }))).toEqual({ value: 1, text: 'Both speak Polish' });
    expect(factor('language', person, aCarer({ languages: ['English'] }))).toEqual({
      value: 0.5,
      text: 'Both speak English, but not Polish',
    });
    expect(factor('language', person, aCarer({ languages: ['Urdu'] }))).toEqual({ value: 0, text: 'Does not speak Polish' });
    expect(factor('language', person, aCarer({ languages: ['Urdu'] }), { audience: 'carer' }).text).toBe(
      'No shared language: they speak Polish',
    );
    expect(
      factor('language', aPerson({ languages: ['British Sign Language'] }), aCarer({ languages: ['British Sign Language'] })).text,
    ).toBe('Both use British Sign Language');
    expect(factor('language', aPerson(), aCarer({ languages: ['English'] }))).toEqual({
      value: 'not known',
      text: 'Language not known: your languages are not recorded yet',
    });
    expect(factor('language', person, aCarer(), { audience: 'carer' })).toEqual({
      value: 'not known',
      text: 'Language not known: your languages are not recorded yet',
    });
  });

  it('faith only counts when it matters to the person; culture when they name one', () => {
    const person = aPerson({ faith: 'Muslim', faithMatters: true, culture: ['Somali'] });
    expect(factor('faithAndCulture', person, aCarer({ faith: 'muslim', culture: ['Somali'] }))).toEqual({
      value: 1,
      text: 'Both Muslim. Shares your Somali culture',
    });
    expect(factor('faithAndCulture', person, aCarer({ faith: 'Christian', culture: ['Irish'] }))).toEqual({
      value: 0,
      text: 'Does not share your Muslim faith. Does not share your Somali culture',
    });
    expect(factor('faithAndCulture', person, aCarer({ faith: 'Christian' }))).toEqual({
      value: 0,
      text: "Does not share your Muslim faith. The carer's culture is not recorded yet",
    });
    expect(factor('faithAndCulture', person, aCarer(), { audience: 'worker' })).toEqual({
      value: 'not known',
      text: "Faith and culture not known: the carer's faith and culture are not recorded yet",
    });
    expect(factor('faithAndCulture', aPerson({ faith: 'Sikh' }), aCarer({ faith: 'Christian' }))).toEqual({
      value: 'not known',
      text: 'Faith and culture not known: no wishes about them recorded yet',
    });
  });

  it('places that matter: full marks within 2 miles, none beyond 25', () => {
    const places = [
      { label: 'Mum', kind: 'family' as const, location: milesNorth(LEEDS, 12) },
      { label: 'Riverside day service', kind: 'day_service' as const, location: milesNorth(LEEDS, 0.3) },
    ];
    expect(factor('placesThatMatter', aPerson({ places: [places[0]!] }), aCarer())).toEqual({
      value: Math.round((13 / 23) * 1000) / 1000,
      text: '12 miles from Mum',
    });
    expect(factor('placesThatMatter', aPerson({ places }), aCarer()).text).toBe(
      '12 miles from Mum and under a mile from Riverside day service',
    );
    const far = aPerson({ places: [{ label: 'work', kind: 'work', location: milesNorth(LEEDS, 40) }] });
    expect(factor('placesThatMatter', far, aCarer())).toEqual({ value: 0, text: '40 miles from work' });
    expect(factor('placesThatMatter', far, aCarer(), { settings: { farMiles: 50 } }).text).toBe('40 miles from work');
    expect(factor('placesThatMatter', aPerson(), aCarer())).toEqual({
      value: 'not known',
      text: 'Places that matter not known: none recorded yet',
    });
  });

  it('household fit: what the person would like, each part counting equally', () => {
    const person = aPerson({ household: { pets: { likes: ['dog'] }, stepFree: 'preferred', homeLife: 'quiet' } });
    const carer = aCarer({ household: { spareBedrooms: 1, pets: ['dog'], stepFree: true, otherAdults: 1 } });
    expect(factor('household', person, carer)).toEqual({
      value: 1,
      text: 'Step-free. Has a dog: you said you like dogs. A quiet home (2 people), as you would like',
    });
    const busy = aCarer({ household: { spareBedrooms: 1, children: 3, otherAdults: 1 } });
    expect(factor('household', person, busy)).toEqual({
      value: 0,
      text: 'Not step-free, which you would like. No dogs at home. A busy home (5 people): you would like a quiet one',
    });
    expect(factor('household', person, busy, { audience: 'carer' }).text).toBe(
      'Not step-free, which they would like. No dogs at home. A busy home (5 people): they would like a quiet one',
    );
    expect(factor('household', aPerson(), aCarer())).toEqual({
      value: 'not known',
      text: 'Household fit not known: no wishes about the home recorded yet',
    });
  });

  it('household fit: a friend who lives there, smoke-free, bathroom and children', () => {
    const person = aPerson({
      household: {
        wantsToLiveWith: [{ personId: 'p-7', name: 'Alex' }],
        smokeFree: 'preferred',
        ownBathroom: 'preferred',
        children: 'likes',
      },
    });
    const home = aCarer({
      household: { spareBedrooms: 1, ownBathroom: true, children: 1 },
      supporting: [{ personId: 'p-7', arrangement: 'live_in' }],
    });
    expect(factor('household', person, home)).toEqual({
      value: 1,
      text: 'A bathroom of your own. Smoke-free. Children at home, as you would like. Alex lives here, as you would like',
    });
    expect(factor('household', person, aCarer({ household: { spareBedrooms: 1, smoking: true } }))).toEqual({
      value: 0,
      text: 'No bathroom of your own, which you would like. Someone smokes at home: you would prefer smoke-free. No children at home. Alex does not live here',
    });
  });

  it("wishes: the person's met by the carer's offers, and the carer's met by the person", () => {
    const person = aPerson({ wishes: ['garden', 'near the sea'], about: ['enjoys cooking'] });
    const carer = aCarer({ offers: ['Garden', 'car'], wishes: ['enjoys cooking', 'likes walking'] });
    expect(factor('wishes', person, carer)).toEqual({
      value: 0.5,
      text: 'Offers what you hoped for: garden. Does not offer: near the sea. Hopes for someone like you: enjoys cooking',
    });
    expect(factor('wishes', person, carer, { audience: 'carer' }).text).toBe(
      'Offers what they hoped for: garden. Does not offer: near the sea. They are what you hoped for: enjoys cooking',
    );
    expect(factor('wishes', person, aCarer({ wishes: ['likes walking'] }))).toEqual({
      value: 0,
      text: 'The carer hopes for: likes walking',
    });
    expect(factor('wishes', aPerson({ wishes: ['garden'] }), aCarer({ wishes: ['likes walking'] }))).toEqual({
      value: 'not known',
      text: 'Wishes on both sides not known: none to compare yet',
    });
  });

  it("the worker's note", () => {
    const note = (view: 'hopeful' | 'neutral' | 'worried'): PairFacts => ({
      notes: [{ personId: 'person-1', carerId: 'carer-1', view, text: 'Met at the summer fair' }],
    });
    expect(factor('workerNotes', aPerson(), aCarer(), { facts: note('hopeful'), audience: 'worker' })).toEqual({
      value: 1,
      text: "Worker's note: Met at the summer fair",
    });
    expect(factor('workerNotes', aPerson(), aCarer(), { facts: note('worried'), audience: 'worker' })).toEqual({
      value: 0,
      text: "Worker's note (a worry): Met at the summer fair",
    });
    expect(factor('workerNotes', aPerson(), aCarer(), { facts: note('hopeful') })).toEqual({
      value: 1,
      text: 'Your worker thinks you might get on well',
    });
    expect(factor('workerNotes', aPerson(), aCarer())).toEqual({ value: 'not known', text: "Worker's view not known: no note yet" });
    expect(factor('workerNotes', aPerson(), aCarer(), { facts: note('hopeful'), audience: 'worker' }).text).toBe(
      "Worker's note: Met at the summer fair",
    );
    for (const audience of ['person', 'carer'] as const)
      expect(factor('workerNotes', aPerson(), aCarer(), { facts: note('worried'), audience }).text).toBe(
        'Your worker has something to talk through with you first',
      );
  });
});

describe('the score', () => {
  it('is 0 when nothing is known, and 100 when everything fits and is known', () => {
    expect(suitable(aPerson(), aCarer())).toMatchObject({ score: 0, known: 0, of: 8 });
    const person = aPerson({
      interests: ['gardening'],
      routines: ['early riser'],
      languages: ['English'],
      faith: 'Hindu',
      faithMatters: true,
      places: [{ label: 'Mum', kind: 'family', location: LEEDS }],
      household: { stepFree: 'preferred' },
      wishes: ['garden'],
    });
    const carer = aCarer({
      interests: ['gardening'],
      routines: ['early riser'],
      languages: ['English'],
      faith: 'Hindu',
      offers: ['garden'],
      household: { spareBedrooms: 1, stepFree: true },
    });
    expect(
      suitable(person, carer, { facts: { notes: [{ personId: 'person-1', carerId: 'carer-1', view: 'hopeful', text: 'Good' }] } }),
    ).toMatchObject({ score: 100, known: 8, of: 8 });
    expect(suitable(person, carer)).toMatchObject({ score: 95, known: 7, of: 8 });
  });

  it('uses the scheme’s weights: a factor with weight 0 is left out', () => {
    const person = aPerson({ interests: ['gardening'] });
    const result = suitable(person, aCarer({ interests: ['gardening'] }), { settings: { weights: { ...zeroWeights(), interests: 3 } } });
    expect(result.score).toBe(100);
    expect(result.contributions.map((c) => c.factor)).toEqual(['interests']);
  });

  it('refuses weights that cannot be used', () => {
    expect(() => resolveSettings({ weights: zeroWeights() })).toThrow(RangeError);
    expect(() => resolveSettings({ weights: { interests: -1 } })).toThrow(RangeError);
    expect(() => resolveSettings({ nearMiles: 10, farMiles: 5 })).toThrow(RangeError);
  });

  it('lists contributions largest first; they add up to the score, which stays within 0–100', () => {
    fc.assert(
      fc.property(arbitraryPerson(), arbitraryCarer(), (person, carer) => {
        const carers = encodeCarers([carer]);
        const people = encodePeople([person], carers);
        const result = explainPair(people, 0, carers, 0);
        if (!result.suitable) return;
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.score).toBe(scorePair(people, 0, carers, 0));
        const sum = result.contributions.reduce((s, c) => s + c.points, 0);
        expect(Math.abs(sum - result.score)).toBeLessThan(0.05);
        const points = result.contributions.map((c) => c.points);
        expect(points).toEqual([...points].sort((a, b) => b - a));
        expect(result.contributions.every((c) => c.text.length > 0)).toBe(true);
      }),
    );
  });
});

describe('what is not known', () => {
  /** Ways to leave one thing out of a record, and the factor that then has nothing to compare. */
  const FORGET: { factor: Factor; person?: (p: MatchPerson) => MatchPerson; carer?: (c: MatchCarer) => MatchCarer }[] = [
    { factor: 'interests', person: (p) => ({ ...p, interests: [] }) },
    { factor: 'interests', carer: (c) => ({ ...c, interests: undefined }) },
    { factor: 'routines', person: (p) => ({ ...p, routines: undefined }) },
    { factor: 'language', person: (p) => ({ ...p, languages: [] }) },
    { factor: 'language', carer: (c) => ({ ...c, languages: [] }) },
    { factor: 'faithAndCulture', person: (p) => ({ ...p, culture: [], faithMatters: false }) },
    { factor: 'faithAndCulture', carer: (c) => ({ ...c, culture: [], faith: undefined }) },
    { factor: 'placesThatMatter', person: (p) => ({ ...p, places: [] }) },
    { factor: 'placesThatMatter', person: (p) => ({ ...p, places: p.places?.map((place) => ({ ...place, location: {} })) }) },
    { factor: 'placesThatMatter', carer: (c) => ({ ...c, home: { postcode: 'LS1 4AP' } }) },
    { factor: 'household', person: (p) => ({ ...p, household: {} }) },
    { factor: 'wishes', person: (p) => ({ ...p, wishes: [], about: [] }) },
    { factor: 'workerNotes' },
  ];

  const result = (person: MatchPerson, carer: MatchCarer, facts?: PairFacts) => {
    const carers = encodeCarers([carer]);
    return explainPair(encodePeople([person], carers, facts), 0, carers, 0, 'worker');
  };

  it('a factor without information earns nothing, says it is not known, and is counted as not known', () => {
    const hopeful: PairFacts = { notes: [{ personId: 'person-1', carerId: 'carer-1', view: 'hopeful', text: 'They met at the fair' }] };
    fc.assert(
      fc.property(arbitraryPerson(), arbitraryCarer(), fc.constantFrom(...FORGET), (person, carer, forget) => {
        const before = result(person, carer, hopeful);
        const after = result(
          forget.person?.(person) ?? person,
          forget.carer?.(carer) ?? carer,
          forget.person || forget.carer ? hopeful : {},
        );
        if (!before.suitable || !after.suitable) throw new Error('Every pair here is suitable');
        const was = before.contributions.find((c) => c.factor === forget.factor)!;
        const now = after.contributions.find((c) => c.factor === forget.factor)!;
        expect(now).toMatchObject({ points: 0, known: false });
        expect(now.text).toMatch(/not known/);
        expect(after.known).toBe(before.known - (was.known ? 1 : 0));
        expect(after.of).toBe(before.of);
        expect(Math.abs(after.score - (before.score - was.points))).toBeLessThan(0.02);
      }),
    );
  });

  it('counts how complete the picture is: the known factors of those with a weight', () => {
    const weights = fc.record(
      Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((f) => [f, fc.integer({ min: 0, max: 5 })])) as Record<
        keyof typeof DEFAULT_WEIGHTS,
        fc.Arbitrary<number>
      >,
    );
    fc.assert(
      fc.property(arbitraryPerson(), arbitraryCarer(), weights, (person, carer, w) => {
        if (Object.values(w).every((x) => x === 0)) return;
        const carers = encodeCarers([carer], { weights: w });
        const people = encodePeople([person], carers);
        const r = explainPair(people, 0, carers, 0, 'worker');
        if (!r.suitable) throw new Error('Every pair here is suitable');
        expect(r.of).toBe(Object.values(w).filter((x) => x > 0).length);
        expect(r.known).toBe(r.contributions.filter((c) => c.known).length);
        expect(r.contributions.filter((c) => !c.known).every((c) => c.points === 0)).toBe(true);
        expect(r.score).toBe(scorePair(people, 0, carers, 0));
        const sum = r.contributions.filter((c) => c.known).reduce((s, c) => s + c.points, 0);
        expect(Math.abs(sum - r.score)).toBeLessThan(0.05);
      }),
    );
  });

  it('says which places are not located, scoring only those that are', () => {
    const person = aPerson({
      places: [
        { label: 'Mum', kind: 'family', location: milesNorth(LEEDS, 0.3) },
        { label: 'Fern College', kind: 'college', location: { postcode: 'ZZ9 9ZZ' } },
      ],
    });
    expect(factor('placesThatMatter', person, aCarer())).toEqual({
      value: 1,
      text: 'Under a mile from Mum. Distance to Fern College not known',
    });
    expect(factor('placesThatMatter', person, aCarer({ home: { postcode: 'LS1 4AP' } }), { audience: 'worker' })).toEqual({
      value: 'not known',
      text: "Distance to places that matter not known: the carer's home has no known location yet",
    });
  });
});

function zeroWeights() {
  return Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((f) => [f, 0])) as typeof DEFAULT_WEIGHTS;
}

const someOf = (words: string[]) => fc.subarray(words);

function arbitraryPerson() {
  return fc
    .record({
      interests: someOf(['gardening', 'football', 'cooking', 'music']),
      routines: someOf(['early riser', 'night owl']),
      languages: someOf(['English', 'Polish', 'Urdu']),
      culture: someOf(['Polish', 'Caribbean']),
      wishes: someOf(['garden', 'car']),
      about: someOf(['enjoys cooking']),
      miles: fc.double({ min: 0, max: 40, noNaN: true }),
      likes: someOf(['dog', 'cat']),
      homeLife: fc.constantFrom(undefined, 'quiet' as const, 'lively' as const),
      faith: fc.constantFrom(undefined, 'Sikh', 'Christian'),
      faithMatters: fc.boolean(),
    })
    .map((r) =>
      aPerson({
        interests: r.interests,
        routines: r.routines,
        languages: r.languages,
        culture: r.culture,
        wishes: r.wishes,
        about: r.about,
        places: [{ label: 'Mum', kind: 'family', location: milesNorth(LEEDS, r.miles) }],
        faith: r.faith,
        faithMatters: r.faithMatters,
        household: { pets: { likes: r.likes }, homeLife: r.homeLife },
      }),
    );
}

function arbitraryCarer() {
  return fc
    .record({
      interests: someOf(['gardening', 'football', 'cooking', 'music']),
      routines: someOf(['early riser', 'night owl']),
      languages: someOf(['English', 'Polish', 'Urdu']),
      culture: someOf(['Polish', 'Caribbean']),
      offers: someOf(['garden', 'car']),
      wishes: someOf(['enjoys cooking']),
      pets: someOf(['dog', 'cat']),
      children: fc.nat(3),
      faith: fc.constantFrom(undefined, 'Sikh', 'Christian'),
    })
    .map((r) => aCarer({ ...r, household: { spareBedrooms: 1, pets: r.pets, children: r.children } }));
}
