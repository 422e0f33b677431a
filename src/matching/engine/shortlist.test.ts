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
    expect(list.suitable.map((m) => [m.carerId, m.score, m.known, m.of])).toEqual([
      ['c-3', 20, 1, 8],
      ['c-1', 10, 1, 8],
      ['c-2', 10, 1, 8],
    ]);
    expect(list.suitable[0]!.contributions[0]).toEqual({
      factor: 'interests',
      points: 20,
      text: 'Both enjoy gardening and football',
      known: true,
    });
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
    expect(explainMatch('person-1', 'c-3', people)).toMatchObject({ suitable: true, score: 20, miles: 0 });
    expect(explainMatch('person-1', 'c-far', people)).toMatchObject({ suitable: false, reasons: [{ constraint: 'distance' }] });
    expect(() => explainMatch('person-1', 'nobody', people)).toThrow();
  });

  it('keeps a carer or person with no location, with the distance not known, whatever the distance limits', () => {
    const nowhere = aCarer({ id: 'c-nowhere', home: { postcode: 'ZZ9 9ZZ' }, interests: ['gardening'] });
    const C = encodeCarers([...carers, nowhere], { maxMiles: 10 });
    const list = shortlistForPerson(person, C, { includeExcluded: true });
    expect(list.suitable.map((m) => [m.carerId, m.miles])).toEqual([
      ['c-3', 0],
      ['c-1', 0],
      ['c-2', 0],
      ['c-nowhere', null],
    ]);
    expect(list.excluded.map((e) => e.carerId)).toEqual(['c-far']);
    expect(shortlistForPerson(person, C).suitable.map((m) => m.carerId)).toContain('c-nowhere');
    const unlocated = aPerson({ home: { postcode: 'ZZ9 9ZZ' }, interests: ['gardening', 'football'], maxMiles: 5 });
    const theirs = shortlistForPerson(unlocated, C);
    expect(theirs.suitable.map((m) => [m.carerId, m.miles])).toEqual([
      ['c-3', null],
      ['c-far', null],
      ['c-1', null],
      ['c-2', null],
      ['c-nowhere', null],
    ]);
  });

  it('never rules out a pair by a distance it cannot measure', () => {
    fc.assert(
      fc.property(smallScheme(), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), ({ people, carers: cs }, lost) => {
        const nowhere = <T extends { home: object }>(record: T, k: number): T =>
          lost[k] ? { ...record, home: { postcode: 'ZZ9 9ZZ' } } : record;
        const C = encodeCarers(
          cs.map((c, k) => nowhere(c, k)),
          { maxMiles: 10 },
        );
        const P = encodePeople(
          people.map((p, k) => nowhere(p, 6 + k)),
          C,
        );
        const table = scoreAll(P);
        for (let pi = 0; pi < P.size; pi++) {
          const all = shortlistInPool(P, pi, { includeExcluded: true });
          const kept = shortlistInPool(P, pi);
          const personLost = !('latitude' in P.people[pi]!.home);
          for (const e of all.excluded) {
            const carerLost = !('latitude' in C.carers[C.indexOf.get(e.carerId)!]!.home);
            if (personLost || carerLost) expect(e.reasons.map((r) => r.constraint)).not.toContain('distance');
            if (personLost || carerLost) expect(e.reasons.map((r) => r.constraint)).not.toContain('schemeDistance');
          }
          for (const m of all.suitable) {
            const carerLost = !('latitude' in C.carers[C.indexOf.get(m.carerId)!]!.home);
            expect(m.miles === null).toBe(personLost || carerLost);
          }
          expect(kept.suitable).toEqual(all.suitable);
          const inTable = Array.from(table.carer.subarray(table.start[pi], table.start[pi + 1]), (ci) => C.carers[ci]!.id);
          expect(inTable.sort()).toEqual(all.suitable.map((m) => m.carerId).sort());
        }
      }),
      { numRuns: 100 },
    );
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
