/**
 * Maximum-weight assignment of rows (people) to columns (carers) with column capacities (free
 * places): each row gets at most one column, each column at most its capacity, only the given
 * edges (suitable pairs) may be used, and the total weight is the largest possible.
 *
 * It is a min-cost flow, solved exactly by successive shortest paths with potentials (the
 * Hungarian method's dual view): every row sends one unit, through one of its edges at cost
 * W − weight (W the largest weight) to a column and on to a sink `t`, or straight to `t` at cost
 * W ("unplaced"). Capacities stay on the columns, never expanded into slots.
 *
 * Rather than one Dijkstra per free row, each round runs one Dijkstra backwards from the sink.
 * Shifting the potentials by those distances makes every node's shortest path to the sink a path
 * of zero reduced cost at once, so the round then augments along as many of the free rows' paths
 * as do not share a node (a later path stays shortest when the ones before it are disjoint). A
 * greedy start places each row on its best column while there is room. Reduced costs stay
 * non-negative on every residual arc, which is what makes the result optimal. Weights must be
 * whole numbers (0 to 2²²) so that every sum is exact and distances fit a bucket queue.
 */

import type { PeoplePool } from './encode.js';
import { scoreAll, type ScoreTable } from './shortlist.js';

export interface AssignmentSuggestion {
  /** One pair per person placed, by person id. */
  pairs: { personId: string; carerId: string; score: number }[];
  /** People waiting for live-in or day support who get no place in this suggestion. */
  unplaced: string[];
  /** People waiting for short breaks: they are matched on dates, not places. */
  notConsidered: string[];
  /** The sum of the pairs' scores: the largest any assignment of suitable pairs within free places reaches. */
  totalScore: number;
}

/**
 * The scheme-wide suggestion for the worker to consider (never applied automatically): waiting
 * people on free places so that the total score is the largest possible.
 */
export function suggestAssignment(people: PeoplePool, table: ScoreTable = scoreAll(people)): AssignmentSuggestion {
  const C = people.carers;
  const rows: number[] = [];
  const notConsidered: string[] = [];
  people.people.forEach((p, pi) => (p.arrangement === 'short_breaks' ? notConsidered.push(p.id) : rows.push(pi)));
  const start = new Int32Array(rows.length + 1);
  rows.forEach((pi, r) => { start[r + 1] = start[r]! + table.start[pi + 1]! - table.start[pi]!; });
  const column = new Int32Array(start[rows.length]!);
  const weight = new Int32Array(column.length);
  rows.forEach((pi, r) => {
    for (let k = table.start[pi]!, e = start[r]!; k < table.start[pi + 1]!; k++, e++) {
      column[e] = table.carer[k]!;
      weight[e] = Math.round(table.score[k]! * 100);
    }
  });
  const result = maxWeightAssignment({ rows: rows.length, capacity: C.freePlaces, start, column, weight });
  const pairs: AssignmentSuggestion['pairs'] = [];
  const unplaced: string[] = [];
  rows.forEach((pi, r) => {
    const id = people.people[pi]!.id;
    const e = result.edgeOf[r]!;
    if (e < 0) unplaced.push(id);
    else pairs.push({ personId: id, carerId: C.carers[column[e]!]!.id, score: weight[e]! / 100 });
  });
  return { pairs, unplaced, notConsidered, totalScore: result.total / 100 };
}

export interface AssignmentProblem {
  rows: number;
  /** Places per column. */
  capacity: ArrayLike<number>;
  /** Row r's edges are `start[r]` up to `start[r + 1]`. */
  start: Int32Array;
  column: Int32Array;
  weight: ArrayLike<number>;
}

export interface AssignmentResult {
  /** Each row's column, or -1 when unplaced. */
  columnOf: Int32Array;
  /** Each row's edge used, or -1. */
  edgeOf: Int32Array;
  total: number;
}

const FREE = -1;
const UNPLACED = -2;
/** A round's search stops once this share of the free rows have their path (fewer searches win over longer ones). */
const STOP_SHARE = 0.5;
/** Searches keep one bucket per whole distance up to the largest weight. */
const MAX_WEIGHT = 1 << 22;

export function maxWeightAssignment(problem: AssignmentProblem): AssignmentResult {
  check(problem);
  return new Solver(problem).solve();
}

/** The solver's state; methods, not closures, so the JIT keeps what it learns between calls. */
class Solver {
  private readonly rows: number;
  private readonly columns: number;
  private readonly start: Int32Array;
  private readonly column: Int32Array;
  private readonly weight: Float64Array;
  private readonly byColumn: ReturnType<typeof transpose>;
  private readonly W: number;
  /** Potentials: the reduced cost of edge e is (W − weight) − u[row] − v[column]; the sink's is 0. */
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly columnOf: Int32Array;
  private readonly edgeOf: Int32Array;
  private readonly held: ColumnRows;
  // Nodes: rows 0…rows−1, then columns. `next` is the first step of a node's shortest path to
  // the sink: for a row, the edge it takes (−1: straight to the sink); for a column, the row it
  // gives up (−1: a free place).
  private readonly distance: Float64Array;
  private readonly done: Uint8Array;
  private readonly next: Int32Array;
  private readonly used: Uint8Array;
  private readonly path: Int32Array;
  private readonly queue: BucketQueue;

  constructor(problem: AssignmentProblem) {
    this.rows = problem.rows;
    this.start = problem.start;
    this.column = problem.column;
    this.weight = Float64Array.from(problem.weight);
    const capacity = Int32Array.from(problem.capacity, (c) => Math.max(0, c));
    this.columns = capacity.length;
    let W = 0;
    for (let e = 0; e < this.weight.length; e++) W = Math.max(W, this.weight[e]!);
    this.byColumn = transpose(this.rows, this.columns, this.start, this.column, this.weight, W);
    this.W = W;
    this.u = new Float64Array(this.rows);
    this.v = new Float64Array(this.columns);
    this.columnOf = new Int32Array(this.rows).fill(FREE);
    this.edgeOf = new Int32Array(this.rows).fill(-1);
    this.held = new ColumnRows(capacity);
    const nodes = this.rows + this.columns;
    this.distance = new Float64Array(nodes);
    this.done = new Uint8Array(nodes);
    this.next = new Int32Array(nodes);
    this.used = new Uint8Array(nodes);
    this.path = new Int32Array(nodes);
    this.queue = new BucketQueue(W);
  }

  solve(): AssignmentResult {
    let free = this.greedyStart();
    while (free > 0) {
      const reach = this.shortestPathsToSink(Math.ceil(free * STOP_SHARE));
      this.shiftPotentials(reach);
      free -= this.augmentDisjointPaths();
    }
    const { columnOf, edgeOf, weight } = this;
    let total = 0;
    for (let r = 0; r < this.rows; r++) {
      if (columnOf[r] === UNPLACED) columnOf[r] = FREE;
      if (edgeOf[r]! >= 0) total += weight[edgeOf[r]!]!;
    }
    return { columnOf, edgeOf, total };
  }

  /** Each row on its best column while there is room; returns how many rows are left free. */
  private greedyStart(): number {
    const { start, column, weight, W, u, columnOf, edgeOf, held } = this;
    let free = 0;
    for (let r = 0; r < this.rows; r++) {
      let best = -1;
      for (let e = start[r]!; e < start[r + 1]!; e++) if (best < 0 || weight[e]! > weight[best]!) best = e;
      const bestWeight = best < 0 ? 0 : weight[best]!;
      u[r] = W - bestWeight;
      if (bestWeight === 0) {
        columnOf[r] = UNPLACED;
      } else if (held.hasRoom(column[best]!)) {
        held.add(column[best]!, r);
        columnOf[r] = column[best]!;
        edgeOf[r] = best;
      } else {
        free++;
      }
    }
    return free;
  }

  /** Dijkstra backwards from the sink until enough free rows have their distance; returns the last distance. */
  private shortestPathsToSink(freeRows: number): number {
    const { rows, columns, weight, W, u, v, columnOf, edgeOf, held, distance, done, next, queue } = this;
    const { start: byStart, row: byRow, edge: byEdge, cost: byCost } = this.byColumn;
    distance.fill(Infinity);
    done.fill(0);
    queue.clear();
    const improve = (x: number, d: number, step: number) => {
      if (d < distance[x]!) {
        distance[x] = d;
        next[x] = step;
        queue.push(x, d);
      }
    };
    for (let c = 0; c < columns; c++) if (held.hasRoom(c)) improve(rows + c, v[c]!, -1);
    for (let r = 0; r < rows; r++) {
      if (columnOf[r] === UNPLACED) done[r] = 1; else improve(r, W - u[r]!, -1);
    }
    let last = 0;
    for (;;) {
      const x = queue.pop(distance, done);
      if (x < 0) break;
      const d = distance[x]!;
      done[x] = 1;
      last = d;
      if (x < rows) {
        const c = columnOf[x]!;
        if (c === FREE) {
          if (--freeRows === 0) break;
        } else if (!done[rows + c]) {
          improve(rows + c, d + u[x]! + v[c]! - (W - weight[edgeOf[x]!]!), x);
        }
      } else {
        const c = x - rows;
        const base = d - v[c]!;
        const end = byStart[c + 1]!;
        for (let k = byStart[c]!; k < end; k++) {
          const r = byRow[k]!;
          if (done[r] || columnOf[r] === c) continue;
          const nd = base + byCost[k]! - u[r]!;
          if (nd < distance[r]!) {
            distance[r] = nd;
            next[r] = byEdge[k]!;
            queue.push(r, nd);
          }
        }
      }
    }
    return last;
  }

  /** New potentials from the distances (capped at `reach`, where Dijkstra stopped). */
  private shiftPotentials(reach: number) {
    const { rows, u, v, distance } = this;
    for (let r = 0; r < rows; r++) u[r]! += Math.min(distance[r]!, reach);
    for (let c = 0; c < this.columns; c++) v[c]! -= Math.min(distance[rows + c]!, reach);
  }

  /** Follows each free row's path to the sink, in row order, taking those that share no node with one taken before. */
  private augmentDisjointPaths(): number {
    const { rows, column, columnOf, edgeOf, held, done, next, used, path } = this;
    used.fill(0);
    let augmented = 0;
    for (let r0 = 0; r0 < rows; r0++) {
      if (columnOf[r0] !== FREE || !done[r0]) continue;
      const length = this.pathFrom(r0);
      if (length < 0) continue;
      for (let k = 0; k < length; k++) used[path[k]!] = 1;
      for (let k = length - 1; k >= 0; k--) {
        const r = path[k]!;
        if (r >= rows) continue;
        const from = columnOf[r]!;
        if (from >= 0) held.remove(from, r);
        const e = next[r]!;
        if (e < 0) {
          columnOf[r] = UNPLACED;
          edgeOf[r] = -1;
        } else {
          held.add(column[e]!, r);
          columnOf[r] = column[e]!;
          edgeOf[r] = e;
        }
      }
      augmented++;
    }
    return augmented;
  }

  /** The nodes on r0's path to the sink, into `path`; -1 if one is already used this round. */
  private pathFrom(r0: number): number {
    const { rows, column, next, used, path } = this;
    let length = 0;
    let r = r0;
    for (;;) {
      if (used[r]) return -1;
      path[length++] = r;
      const e = next[r]!;
      if (e < 0) return length;
      const c = rows + column[e]!;
      if (used[c]) return -1;
      path[length++] = c;
      if (next[c]! < 0) return length;
      r = next[c]!;
    }
  }
}

function check({ rows, start, column, weight, capacity }: AssignmentProblem) {
  if (start.length !== rows + 1 || column.length !== weight.length || start[rows] !== column.length) {
    throw new RangeError('The edges do not match the rows');
  }
  for (let e = 0; e < weight.length; e++) {
    if (!Number.isInteger(weight[e]) || weight[e]! < 0 || weight[e]! > MAX_WEIGHT) {
      throw new RangeError(`Weights must be whole numbers from 0 to ${MAX_WEIGHT}`);
    }
    if (column[e]! < 0 || column[e]! >= capacity.length) throw new RangeError('An edge names a column that does not exist');
  }
}

/** Each column's edges (row, edge number and cost W − weight), the transpose of the rows' lists. */
function transpose(rows: number, columns: number, start: Int32Array, column: Int32Array, weight: Float64Array, W: number) {
  const byStart = new Int32Array(columns + 1);
  for (let e = 0; e < column.length; e++) byStart[column[e]! + 1]!++;
  for (let c = 0; c < columns; c++) byStart[c + 1]! += byStart[c]!;
  const fill = byStart.slice(0, columns);
  const row = new Int32Array(column.length);
  const edge = new Int32Array(column.length);
  const cost = new Float64Array(column.length);
  for (let r = 0; r < rows; r++) {
    for (let e = start[r]!; e < start[r + 1]!; e++) {
      const k = fill[column[e]!]!++;
      row[k] = r;
      edge[k] = e;
      cost[k] = W - weight[e]!;
    }
  }
  return { start: byStart, row, edge, cost };
}

/** The rows each column holds, in a slice of `rows` as long as its capacity. */
class ColumnRows {
  private readonly rows: Int32Array;
  private readonly offset: Int32Array;
  private readonly count: Int32Array;

  constructor(private readonly capacity: Int32Array) {
    this.offset = new Int32Array(capacity.length + 1);
    for (let c = 0; c < capacity.length; c++) this.offset[c + 1] = this.offset[c]! + capacity[c]!;
    this.rows = new Int32Array(this.offset[capacity.length]!);
    this.count = new Int32Array(capacity.length);
  }

  hasRoom(c: number) { return this.count[c]! < this.capacity[c]!; }
  add(c: number, r: number) { this.rows[this.offset[c]! + this.count[c]!++] = r; }

  remove(c: number, r: number) {
    const last = this.offset[c]! + this.count[c]! - 1;
    for (let k = this.offset[c]!; k <= last; k++) {
      if (this.rows[k] === r) {
        this.rows[k] = this.rows[last]!;
        this.count[c]!--;
        return;
      }
    }
  }
}

/**
 * Dial's bucket queue: every distance a search needs is a whole number from 0 to `max` (a free
 * row can always go straight to the sink for at most W), so nodes wait in one bucket per distance.
 * A node may wait in several buckets; only the one matching its current distance counts.
 */
class BucketQueue {
  private readonly head: Int32Array;
  private node = new Int32Array(1024);
  private key = new Int32Array(1024);
  private link = new Int32Array(1024);
  private count = 0;
  private cursor = 0;

  constructor(private readonly max: number) {
    this.head = new Int32Array(max + 1).fill(-1);
  }

  clear() {
    for (let k = 0; k < this.count; k++) this.head[this.key[k]!] = -1;
    this.count = 0;
    this.cursor = 0;
  }

  push(x: number, d: number) {
    if (d > this.max) return;
    if (this.count === this.node.length) this.grow();
    const k = this.count++;
    this.node[k] = x;
    this.key[k] = d;
    this.link[k] = this.head[d]!;
    this.head[d] = k;
  }

  /** The nearest node that is not done and waits in the bucket of its distance, or -1. */
  pop(distance: Float64Array, done: Uint8Array): number {
    while (this.cursor <= this.max) {
      const k = this.head[this.cursor]!;
      if (k < 0) {
        this.cursor++;
      } else {
        this.head[this.cursor] = this.link[k]!;
        const x = this.node[k]!;
        if (!done[x] && distance[x] === this.cursor) return x;
      }
    }
    return -1;
  }

  private grow() {
    const grown = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.node = grown(this.node);
    this.key = grown(this.key);
    this.link = grown(this.link);
  }
}
