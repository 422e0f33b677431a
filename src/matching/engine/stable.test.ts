import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failedConstraints } from './constraints.js';
import { encodeCarers, encodePeople } from './encode.js';
import { blockingPairs, stableMatching, suggestStableMatching, type StableMarket, type StableMatching } from './stable.js';
import { aCarer, aPerson, smallScheme } from './testing.js';

/** A one-to-one market (every carer one place) from each side's lists. */
function marriage(men: Record<string, string[]>, women: Record<string, string[]>): StableMarket {
  return {
    people: Object.entries(men).map(([id, ranking]) => ({ id, ranking })),
    carers: Object.entries(women).map(([id, ranking]) => ({ id, places: 1, ranking })),
  };
}

const couples = (m: StableMatching) => Object.fromEntries(m.pairs.map((p) => [p.personId, p.carerId]));

/** Every perfect one-to-one matching of a square market (small ones only). */
function everyMatching(market: StableMarket): StableMatching[] {
  const women = market.carers.map((c) => c.id);
  const permutations = (items: string[]): string[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
  return permutations(women).map((order) => ({
    pairs: market.people.map((p, i) => ({ personId: p.id, carerId: order[i]!, personRank: 0, carerRank: 0 })),
    unmatched: [],
    freePlaces: [],
  }));
}

describe('stable matching: published instances', () => {
  // Gale & Shapley (1962), "College Admissions and the Stability of Marriage", Amer. Math. Monthly 69(1), Example 1:
  // men α, β, γ and women A, B, C; three of the six matchings are stable.
  const example1 = marriage(
    { α: ['A', 'B', 'C'], β: ['B', 'C', 'A'], γ: ['C', 'A', 'B'] },
    { A: ['β', 'γ', 'α'], B: ['γ', 'α', 'β'], C: ['α', 'β', 'γ'] },
  );

  it('Gale & Shapley 1962, example 1: men proposing give every man his first choice, women proposing every woman hers', () => {
    expect(couples(stableMatching(example1))).toEqual({ α: 'A', β: 'B', γ: 'C' });
    expect(couples(stableMatching(example1, { proposing: 'carers' }))).toEqual({ α: 'C', β: 'A', γ: 'B' });
    const stable = everyMatching(example1)
      .filter((m) => blockingPairs(example1, m).length === 0)
      .map(couples);
    expect(stable).toHaveLength(3);
    expect(stable).toContainEqual({ α: 'B', β: 'C', γ: 'A' });
  });

  it('Plus magazine, "Finding stable sets of pairings: an example" (4 × 4): the men-proposing result of its worked stages', () => {
    // https://plus.maths.org/content/finding-stable-sets-pairings-example
    const market = marriage(
      {
        Andy: ['Anne', 'Elena', 'Heather', 'Laura'],
        Colin: ['Anne', 'Elena', 'Heather', 'Laura'],
        Jamie: ['Elena', 'Heather', 'Anne', 'Laura'],
        Ross: ['Heather', 'Anne', 'Elena', 'Laura'],
      },
      {
        Anne: ['Jamie', 'Ross', 'Andy', 'Colin'],
        Elena: ['Ross', 'Andy', 'Colin', 'Jamie'],
        Heather: ['Andy', 'Colin', 'Jamie', 'Ross'],
        Laura: ['Ross', 'Jamie', 'Andy', 'Colin'],
      },
    );
    const result = stableMatching(market);
    expect(couples(result)).toEqual({ Andy: 'Heather', Colin: 'Laura', Jamie: 'Anne', Ross: 'Elena' });
    expect(blockingPairs(market, result)).toEqual([]);
  });

  it('the 4 × 4 instance with ten stable matchings (Malkevitch, "Gale-Shapley example with ten stable marriages")', () => {
    const market = marriage(
      { m1: ['w1', 'w2', 'w3', 'w4'], m2: ['w2', 'w1', 'w4', 'w3'], m3: ['w3', 'w4', 'w1', 'w2'], m4: ['w4', 'w3', 'w2', 'w1'] },
      { w1: ['m4', 'm3', 'm2', 'm1'], w2: ['m3', 'm4', 'm1', 'm2'], w3: ['m2', 'm1', 'm4', 'm3'], w4: ['m1', 'm2', 'm3', 'm4'] },
    );
    expect(couples(stableMatching(market))).toEqual({ m1: 'w1', m2: 'w2', m3: 'w3', m4: 'w4' });
    expect(couples(stableMatching(market, { proposing: 'carers' }))).toEqual({ m1: 'w4', m2: 'w3', m3: 'w2', m4: 'w1' });
    expect(everyMatching(market).filter((m) => blockingPairs(market, m).length === 0)).toHaveLength(10);
  });

  it('hospitals and residents with capacities and short lists (the worked example of the Python "matching" library)', () => {
    // daffidwilde/matching, docs/discussion/hospital_resident/example.rst: five residents, three hospitals of two
    // places; the stable matching is both resident- and hospital-optimal.
    const market: StableMarket = {
      people: [
        { id: 'Ada', ranking: ['City'] },
        { id: 'Sam', ranking: ['City', 'Mercy'] },
        { id: 'Dani', ranking: ['City', 'Mercy', 'General'] },
        { id: 'Jo', ranking: ['City', 'General', 'Mercy'] },
        { id: 'Luc', ranking: ['Mercy', 'City', 'General'] },
      ],
      carers: [
        { id: 'Mercy', places: 2, ranking: ['Dani', 'Luc', 'Sam', 'Jo'] },
        { id: 'City', places: 2, ranking: ['Dani', 'Ada', 'Sam', 'Luc', 'Jo'] },
        { id: 'General', places: 2, ranking: ['Dani', 'Jo', 'Luc'] },
      ],
    };
    const expected = { Ada: 'City', Dani: 'City', Sam: 'Mercy', Luc: 'Mercy', Jo: 'General' };
    expect(couples(stableMatching(market))).toEqual(expected);
    expect(couples(stableMatching(market, { proposing: 'carers' }))).toEqual(expected);
    expect(stableMatching(market).freePlaces).toEqual([{ carerId: 'General', places: 1 }]);
  });
});

const market = fc.integer({ min: 0, max: 7 }).chain((nPeople) =>
  fc.integer({ min: 0, max: 5 }).chain((nCarers) => {
    const personIds = Array.from({ length: nPeople }, (_, i) => `p${i}`);
    const carerIds = Array.from({ length: nCarers }, (_, i) => `c${i}`);
    return fc.record({
      people: fc.tuple(...personIds.map((id) => fc.shuffledSubarray(carerIds).map((ranking) => ({ id, ranking })))),
      carers: fc.tuple(
        ...carerIds.map((id) =>
          fc.record({ places: fc.integer({ min: 0, max: 3 }), ranking: fc.shuffledSubarray(personIds) }).map((c) => ({ id, ...c })),
        ),
      ),
    });
  }),
) as fc.Arbitrary<StableMarket>;

describe('stable matching: properties', () => {
  it('has no blocking pair, respects places, and pairs only people and carers who listed each other', () => {
    fc.assert(
      fc.property(market, fc.constantFrom('people' as const, 'carers' as const), (m, proposing) => {
        const result = stableMatching(m, { proposing });
        expect(blockingPairs(m, result)).toEqual([]);
        const carers = new Map(m.carers.map((c) => [c.id, c]));
        const people = new Map(m.people.map((p) => [p.id, p]));
        const taken = new Map<string, number>();
        for (const pair of result.pairs) {
          expect(people.get(pair.personId)!.ranking[pair.personRank - 1]).toBe(pair.carerId);
          expect(carers.get(pair.carerId)!.ranking[pair.carerRank - 1]).toBe(pair.personId);
          taken.set(pair.carerId, (taken.get(pair.carerId) ?? 0) + 1);
        }
        for (const [id, n] of taken) expect(n).toBeLessThanOrEqual(carers.get(id)!.places);
        expect(result.pairs.length + result.unmatched.length).toBe(m.people.length);
      }),
      { numRuns: 500 },
    );
  });

  it('people proposing is at least as good for every person as carers proposing; both place the same people', () => {
    fc.assert(
      fc.property(market, (m) => {
        const byPeople = stableMatching(m);
        const byCarers = stableMatching(m, { proposing: 'carers' });
        const rank = (r: StableMatching, id: string) => r.pairs.find((p) => p.personId === id)?.personRank ?? Infinity;
        for (const person of m.people) expect(rank(byPeople, person.id)).toBeLessThanOrEqual(rank(byCarers, person.id));
        // The "rural hospitals" theorem: every stable matching places the same people and fills each carer equally.
        expect(byPeople.unmatched).toEqual(byCarers.unmatched);
        expect(byPeople.freePlaces).toEqual(byCarers.freePlaces);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(market, (m) => {
        const reversed = { people: [...m.people].reverse(), carers: [...m.carers].reverse() };
        expect(stableMatching(reversed)).toEqual(stableMatching(m));
        expect(stableMatching(reversed, { proposing: 'carers' })).toEqual(stableMatching(m, { proposing: 'carers' }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the scheme-wide stable suggestion', () => {
  it("puts each side's stated ranking first, then the rest by score", () => {
    const carers = encodeCarers([
      aCarer({
        id: 'c-1',
        interests: ['gardening'],
        approval: { maxPeople: 1, arrangementTypes: ['live_in'], needs: ['learning disability'] },
      }),
      aCarer({ id: 'c-2', approval: { maxPeople: 1, arrangementTypes: ['live_in'], needs: ['learning disability'] }, ranking: ['p-2'] }),
    ]);
    const people = encodePeople(
      [aPerson({ id: 'p-1', interests: ['gardening'] }), aPerson({ id: 'p-2', interests: ['gardening'], ranking: ['c-2', 'c-1'] })],
      carers,
    );
    const result = suggestStableMatching(people);
    expect(result.pairs.map((p) => [p.personId, p.carerId])).toEqual([
      ['p-1', 'c-1'],
      ['p-2', 'c-2'],
    ]);
    expect(result.pairs[1]).toMatchObject({ personRank: 1, carerRank: 1 });
    expect(suggestStableMatching(people, { fromScoresToo: false }).pairs.map((p) => p.personId)).toEqual(['p-2']);
  });

  it('never pairs an excluded pair, whichever side proposes', () => {
    fc.assert(
      fc.property(smallScheme(), fc.constantFrom('people' as const, 'carers' as const), ({ people, carers }, proposing) => {
        const C = encodeCarers(carers, { maxMiles: 20 });
        const P = encodePeople(people, C);
        const result = suggestStableMatching(P, { proposing });
        for (const pair of result.pairs) {
          expect(failedConstraints(P, P.indexOf.get(pair.personId)!, C, C.indexOf.get(pair.carerId)!)).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});
