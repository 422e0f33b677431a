import fc from 'fast-check';
import munkres from 'munkres';
import { describe, expect, it } from 'vitest';
import { maxWeightAssignment, suggestAssignment, type AssignmentProblem } from './assignment.js';
import { failedConstraints } from './constraints.js';
import { encodeCarers, encodePeople } from './encode.js';
import { scoreAll } from './shortlist.js';
import { aCarer, aPerson, smallScheme } from './testing.js';

/** A square cost-minimisation instance as a max-weight problem: weight = big − cost makes every optimum a full assignment. */
function fromCosts(costs: number[][], big = 1000): AssignmentProblem {
  const n = costs.length;
  const m = costs[0]!.length;
  return {
    rows: n,
    capacity: new Array(m).fill(1),
    start: Int32Array.from({ length: n + 1 }, (_, r) => r * m),
    column: Int32Array.from({ length: n * m }, (_, k) => k % m),
    weight: Int32Array.from(costs.flat(), (c) => big - c),
  };
}

const problem = fc
  .integer({ min: 1, max: 6 })
  .chain((rows) =>
    fc.integer({ min: 1, max: 5 }).chain((columns) =>
      fc.record({
        capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: columns, maxLength: columns }),
        edges: fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), { minLength: columns, maxLength: columns }),
          { minLength: rows, maxLength: rows },
        ),
      }),
    ),
  )
  .map(({ capacity, edges }): AssignmentProblem => {
    const start = new Int32Array(edges.length + 1);
    const column: number[] = [];
    const weight: number[] = [];
    edges.forEach((row, r) => {
      row.forEach((w, c) => {
        if (w !== undefined) {
          column.push(c);
          weight.push(w);
        }
      });
      start[r + 1] = column.length;
    });
    return { rows: edges.length, capacity, start, column: Int32Array.from(column), weight: Int32Array.from(weight) };
  });

/** Up to 40 rows and 25 columns of up to 3 places, edges of a random density, weights below `maxWeight`. */
const larger = (maxWeight: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 25 }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.integer())
    .map(([rows, columns, density, seed]): AssignmentProblem => {
      let s = seed >>> 0;
      const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
      const capacity = Array.from({ length: columns }, () => Math.floor(random() * 4));
      const start = new Int32Array(rows + 1);
      const column: number[] = [];
      const weight: number[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++)
          if (random() < density) {
            column.push(c);
            weight.push(Math.floor(random() * maxWeight));
          }
        start[r + 1] = column.length;
      }
      return { rows, capacity, start, column: Int32Array.from(column), weight: Int32Array.from(weight) };
    });

function bruteForce(p: AssignmentProblem): number {
  const load = Array.from(p.capacity, () => 0);
  const best = (r: number): number => {
    if (r === p.rows) return 0;
    let top = best(r + 1);
    for (let e = p.start[r]!; e < p.start[r + 1]!; e++) {
      const c = p.column[e]!;
      if (load[c]! >= p.capacity[c]!) continue;
      load[c]!++;
      top = Math.max(top, p.weight[e]! + best(r + 1));
      load[c]!--;
    }
    return top;
  };
  return best(0);
}

function greedy(p: AssignmentProblem): number {
  const edges = Array.from(p.column, (c, e) => ({ e, c, r: p.start.findLastIndex((s) => s <= e) })).sort(
    (a, b) => p.weight[b.e]! - p.weight[a.e]! || a.e - b.e,
  );
  const load = Array.from(p.capacity, () => 0);
  const placed = new Set<number>();
  let total = 0;
  for (const { e, c, r } of edges) {
    if (placed.has(r) || load[c]! >= p.capacity[c]!) continue;
    placed.add(r);
    load[c]!++;
    total += p.weight[e]!;
  }
  return total;
}

/** munkres on the same problem: capacities as repeated columns, missing edges as weight 0. */
function viaMunkres(p: AssignmentProblem): number {
  const slots = Array.from(p.capacity).flatMap((cap, c) => new Array(cap).fill(c) as number[]);
  if (slots.length === 0) return 0;
  let W = 0;
  for (const w of Array.from(p.weight)) W = Math.max(W, w);
  const matrix = Array.from({ length: p.rows }, (_, r) => {
    const best = new Map<number, number>();
    for (let e = p.start[r]!; e < p.start[r + 1]!; e++) best.set(p.column[e]!, Math.max(best.get(p.column[e]!) ?? 0, p.weight[e]!));
    return slots.map((c) => W - (best.get(c) ?? 0));
  });
  return munkres(matrix).reduce((sum, [r, k]) => sum + W - matrix[r]![k]!, 0);
}

describe('maximum-weight assignment', () => {
  it("Wikipedia's worked example: Alice cleans the bathroom, Bob washes the windows, Carol sweeps the floors, for $15", () => {
    // https://en.wikipedia.org/wiki/Hungarian_algorithm#Example (workers × clean bathroom, sweep floors, wash windows)
    const costs = [
      [8, 4, 7],
      [5, 2, 3],
      [9, 4, 8],
    ];
    const result = maxWeightAssignment(fromCosts(costs));
    expect([...result.columnOf]).toEqual([0, 2, 1]);
    expect(3 * 1000 - result.total).toBe(15);
  });

  it('the 4×4 example of hungarianalgorithm.com: minimum cost 140', () => {
    // http://www.hungarianalgorithm.com/examplehungarianalgorithm.php
    const costs = [
      [82, 83, 69, 92],
      [77, 37, 49, 92],
      [11, 69, 5, 86],
      [8, 9, 98, 23],
    ];
    const result = maxWeightAssignment(fromCosts(costs));
    expect([...result.columnOf]).toEqual([2, 1, 0, 3]);
    expect(4 * 1000 - result.total).toBe(140);
  });

  it('uses capacities and may leave rows out when that scores more', () => {
    const p: AssignmentProblem = {
      rows: 3,
      capacity: [2],
      start: Int32Array.from([0, 1, 2, 3]),
      column: Int32Array.from([0, 0, 0]),
      weight: [5, 9, 7],
    };
    const result = maxWeightAssignment(p);
    expect([...result.columnOf]).toEqual([-1, 0, 0]);
    expect(result.total).toBe(16);
  });

  it('puts a row back by a path through the sink when an edge left out turns out to matter', () => {
    // Found by the property below: searching one edge per row first, the second row's place must come from the first row moving.
    const p: AssignmentProblem = {
      rows: 2,
      capacity: [1, 1],
      start: Int32Array.from([0, 2, 3]),
      column: Int32Array.from([0, 1, 0]),
      weight: [26, 1, 26],
    };
    expect(maxWeightAssignment(p, { firstEdges: 1 })).toMatchObject({ columnOf: Int32Array.from([1, 0]), total: 27 });
  });

  it('equals brute force, is never worse than greedy, and respects capacities and edges, however few edges it starts with', () => {
    fc.assert(
      fc.property(problem, fc.constantFrom(1, 2, 32), (p, firstEdges) => {
        const result = maxWeightAssignment(p, { firstEdges });
        expect(result.total).toBe(bruteForce(p));
        expect(result.total).toBeGreaterThanOrEqual(greedy(p));
        const load = Array.from(p.capacity, () => 0);
        let total = 0;
        for (let r = 0; r < p.rows; r++) {
          const e = result.edgeOf[r]!;
          if (e < 0) {
            expect(result.columnOf[r]).toBe(-1);
            continue;
          }
          expect(e).toBeGreaterThanOrEqual(p.start[r]!);
          expect(e).toBeLessThan(p.start[r + 1]!);
          expect(result.columnOf[r]).toBe(p.column[e]);
          load[p.column[e]!]!++;
          total += p.weight[e]!;
        }
        load.forEach((l, c) => expect(l).toBeLessThanOrEqual(p.capacity[c]!));
        expect(total).toBe(result.total);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same total as munkres on larger random instances', () => {
    fc.assert(
      fc.property(larger(10_000), (p) => {
        const expected = viaMunkres(p);
        expect(maxWeightAssignment(p).total).toBe(expected);
        expect(maxWeightAssignment(p, { firstEdges: 1 }).total).toBe(expected);
        expect(maxWeightAssignment(p, { firstEdges: 2 }).total).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact when weights span the whole range, so rounds keep stopping at their limit', () => {
    fc.assert(
      fc.property(larger(2 ** 22), (p) => {
        expect(maxWeightAssignment(p).total).toBe(viaMunkres(p));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same answer whatever array holds the weights, and leaves the problem as it was', () => {
    fc.assert(
      fc.property(problem, fc.constantFrom(1, 32), (p, firstEdges) => {
        const before = {
          capacity: Array.from(p.capacity),
          start: Array.from(p.start),
          column: Array.from(p.column),
          weight: Array.from(p.weight),
        };
        const results = [Array.from(p.weight), Int32Array.from(p.weight), Float64Array.from(p.weight)].map((weight) =>
          maxWeightAssignment({ ...p, weight }, { firstEdges }),
        );
        for (const result of results) expect(result).toEqual(results[0]);
        expect({
          capacity: Array.from(p.capacity),
          start: Array.from(p.start),
          column: Array.from(p.column),
          weight: Array.from(p.weight),
        }).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(problem, (p) => {
        expect(maxWeightAssignment(p)).toEqual(maxWeightAssignment(p));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses weights it cannot sum exactly', () => {
    const p = (weight: number[]): AssignmentProblem => ({
      rows: 1,
      capacity: [1],
      start: Int32Array.from([0, 1]),
      column: Int32Array.from([0]),
      weight,
    });
    expect(() => maxWeightAssignment(p([1.5]))).toThrow(RangeError);
    expect(() => maxWeightAssignment(p([-1]))).toThrow(RangeError);
    expect(() => maxWeightAssignment({ ...p([1]), start: Int32Array.from([0, 2]) })).toThrow(RangeError);
  });
});

describe('the scheme-wide suggestion', () => {
  it('places people on free places for the largest total score, leaving out short breaks', () => {
    const carers = encodeCarers([
      aCarer({
        id: 'c-1',
        interests: ['gardening'],
        approval: { maxPeople: 1, arrangementTypes: ['live_in', 'short_breaks'], needs: ['learning disability'] },
      }),
      aCarer({
        id: 'c-2',
        interests: ['football'],
        approval: { maxPeople: 1, arrangementTypes: ['live_in'], needs: ['learning disability'] },
      }),
    ]);
    const people = encodePeople(
      [
        aPerson({ id: 'p-1', interests: ['gardening', 'football'] }),
        aPerson({ id: 'p-2', interests: ['gardening'] }),
        aPerson({ id: 'p-3', arrangement: 'short_breaks' }),
      ],
      carers,
    );
    const suggestion = suggestAssignment(people);
    expect(suggestion.pairs.map((p) => [p.personId, p.carerId])).toEqual([
      ['p-1', 'c-2'],
      ['p-2', 'c-1'],
    ]);
    expect(suggestion.unplaced).toEqual([]);
    expect(suggestion.notConsidered).toEqual(['p-3']);
    expect(suggestion.totalScore).toBeCloseTo(
      suggestion.pairs.reduce((s, p) => s + p.score, 0),
      6,
    );
  });

  it('never suggests an excluded pair, and never more people than free places', () => {
    fc.assert(
      fc.property(smallScheme(), ({ people, carers }) => {
        const C = encodeCarers(carers, { maxMiles: 20 });
        const P = encodePeople(people, C);
        const suggestion = suggestAssignment(P);
        for (const pair of suggestion.pairs) {
          expect(failedConstraints(P, P.indexOf.get(pair.personId)!, C, C.indexOf.get(pair.carerId)!)).toBe(0);
        }
        const placed = new Map<string, number>();
        for (const pair of suggestion.pairs) placed.set(pair.carerId, (placed.get(pair.carerId) ?? 0) + 1);
        for (const [carerId, n] of placed) expect(n).toBeLessThanOrEqual(C.freePlaces[C.indexOf.get(carerId)!]!);
        expect(suggestion.pairs.length + suggestion.unplaced.length + suggestion.notConsidered.length).toBe(people.length);
        const table = scoreAll(P);
        expect(suggestion.totalScore).toBeLessThanOrEqual(table.score.reduce((s, x) => s + x, 0) + 1e-9);
      }),
      { numRuns: 100 },
    );
  });
});
