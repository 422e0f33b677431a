import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failedConstraints } from './constraints.js';
import { encodeCarers, encodePeople } from './encode.js';
import { explainMatch, scoreAll, shortlistForCarer, shortlistForPerson, shortlistInPool } from './shortlist.js';
import { LEEDS, aCarer, aPerson, milesNorth, smallScheme } from './testing.js';

describe('shortlists', () => {
  const carers = [
    aCarer({ id: 'c-3', interests: ['gardening', 'football'] }),
    aCarer({ id: 'c-1', interests: ['gardening'] }),
    aCarer({ id: 'c-2', interests: ['gardening'] }),
    aCarer({ id: 'c-far', home: milesNorth(LEEDS, 40), interests: ['gardening', 'football'] }),
  ];
  const person = aPerson({ interests: ['gardening', 'football'], maxMiles: 20 });

  it("ranks a person's suitable carers by score, ties by carer id, with explanations", () => {
    const list = shortlistForPerson(person, encodeCarers(carers));
    expect(list.suitable.map((m) => [m.carerId, m.score])).toEqual([
      ['c-3', 60],
      ['c-1', 50],
      ['c-2', 50],
    ]);
    expect(list.suitable[0]!.contributions[0]).toEqual({ factor: 'interests', points: 20, text: 'Both enjoy gardening and football' });
    expect(list.excluded).toEqual([]);
  });

  it('can keep only the best, and list every exclusion with its reasons', () => {
    const list = shortlistForPerson(person, encodeCarers(carers), { limit: 1, includeExcluded: true });
    expect(list.suitable.map((m) => m.carerId)).toEqual(['c-3']);
    expect(list.excluded).toEqual([
      {
        suitable: false,
        personId: 'person-1',
        carerId: 'c-far',
        reasons: [{ constraint: 'distance', text: '40 miles away: more than the 20 miles you want' }],
      },
    ]);
  });

  it('respects a no said by the person', () => {
    const list = shortlistForPerson(person, encodeCarers(carers), {
      facts: { declines: [{ personId: 'person-1', carerId: 'c-3', by: 'person' }] },
    });
    expect(list.suitable.map((m) => m.carerId)).toEqual(['c-1', 'c-2']);
  });

  it("ranks a carer's waiting people, speaking to the carer", () => {
    const C = encodeCarers(carers);
    const people = encodePeople(
      [
        aPerson({ id: 'p-b', interests: ['gardening', 'darts'] }),
        aPerson({ id: 'p-a', interests: ['football'], household: { stepFree: 'needed' } }),
        aPerson({ id: 'p-c', interests: ['gardening', 'football'] }),
      ],
      C,
    );
    const list = shortlistForCarer('c-3', people, { includeExcluded: true });
    expect(list.suitable.map((m) => m.personId)).toEqual(['p-c', 'p-b']);
    expect(list.excluded.map((e) => [e.personId, e.reasons.map((r) => r.text)])).toEqual([
      ['p-a', ['Not step-free: they need a step-free home']],
    ]);
    expect(() => shortlistForCarer('nobody', people)).toThrow();
  });

  it('explains one pair either way', () => {
    const C = encodeCarers(carers);
    const people = encodePeople([person], C);
    expect(explainMatch('person-1', 'c-3', people)).toMatchObject({ suitable: true, score: 60 });
    expect(explainMatch('person-1', 'c-far', people)).toMatchObject({ suitable: false, reasons: [{ constraint: 'distance' }] });
    expect(() => explainMatch('person-1', 'nobody', people)).toThrow();
  });

  it('gives the same output whatever the order of the input', () => {
    fc.assert(
      fc.property(smallScheme(), ({ people, carers: cs }) => {
        const forward = encodePeople(people, encodeCarers(cs));
        const backward = encodePeople([...people].reverse(), encodeCarers([...cs].reverse()));
        expect(scoreAll(backward)).toEqual(scoreAll(forward));
        for (const p of people) {
          expect(shortlistInPool(backward, backward.indexOf.get(p.id)!, { includeExcluded: true })).toEqual(
            shortlistInPool(forward, forward.indexOf.get(p.id)!, { includeExcluded: true }),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never lists an excluded pair as suitable; scoreAll keeps exactly the suitable pairs', () => {
    fc.assert(
      fc.property(smallScheme(), ({ people, carers: cs }) => {
        const C = encodeCarers(cs, { maxMiles: 20 });
        const P = encodePeople(people, C);
        const table = scoreAll(P);
        for (let pi = 0; pi < P.size; pi++) {
          const list = shortlistInPool(P, pi, { includeExcluded: true });
          expect(list.suitable.length + list.excluded.length).toBe(C.size);
          for (const m of list.suitable) expect(failedConstraints(P, pi, C, C.indexOf.get(m.carerId)!)).toBe(0);
          for (const e of list.excluded) expect(e.reasons.length).toBeGreaterThan(0);
          const inTable = Array.from(table.carer.subarray(table.start[pi], table.start[pi + 1]), (ci) => C.carers[ci]!.id);
          expect(inTable.sort()).toEqual(list.suitable.map((m) => m.carerId).sort());
        }
        for (const carer of cs) {
          for (const m of shortlistForCarer(carer.id, P).suitable)
            expect(failedConstraints(P, P.indexOf.get(m.personId)!, C, C.indexOf.get(carer.id)!)).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});
