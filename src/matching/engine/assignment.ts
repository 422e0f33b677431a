/**
 * Maximum-weight assignment of rows (people) to columns (carers) with column capacities (free
 * places): each row gets at most one column, each column at most its capacity, only the given
 * edges (suitable pairs) may be used, and the total weight is the largest possible.
 *
 * It is a min-cost flow, solved exactly by successive shortest paths with potentials (the
 * Hungarian method's dual view): every row sends one unit, through one of its edges at cost
 * W − weight (W the largest weight) to a column and on to a sink, or straight to the sink at cost
 * W ("unplaced"). Capacities stay on the columns, never expanded into slots. Optimality rests on
 * one invariant: every arc of the residual graph keeps a non-negative reduced cost.
 *
 * - Rounds: rather than one Dijkstra per free row, each round runs one Dijkstra backwards from the
 *   sink. Shifting the potentials by those distances makes every node's shortest path to the sink
 *   a path of zero reduced cost at once, so the round augments along as many free rows' paths as
 *   share no node. A greedy start first places each row on its best column while there is room.
 * - Limits: a round stops once half the free rows have their distance, or at a limit (1.5 times
 *   how far the last round went), and never queues a node past it. Most edges a round looks at
 *   (about 94% on a 1,000-place scheme) lead further than it will go; queueing them cost more
 *   than looking. Stopping at the limit is as exact, only a shorter step: every node nearer has
 *   its final distance, and every other is at least that far.
 * - Column generation: the rounds search only each row's best few edges. Afterwards every other
 *   edge's reduced cost is checked; a row with a negative one takes all its edges in, leaves its
 *   place and is put back by a shortest path to that place (which may pass through the sink).
 *   When no edge is negative the potentials prove the result optimal for all the edges.
 *
 * Tried and slower on a 1,000-place scheme (141,000 suitable pairs), where people want the same
 * carers, so augmenting paths compete for the few free places and about 30 rounds are needed:
 * - expanding the capacities into slots for a Jonker–Volgenant solver (a row at a time): eight
 *   times slower, as nearly every row needs a long search of its own; a forward search from each
 *   of the last free rows likewise costs about as much as a round;
 * - an ε-scaling auction with capacities: more edge looks than all the rounds (about 20,000 bids
 *   of 32 edges each), and with places left free it needs a reverse auction to be exact;
 * - augmenting along every path of zero reduced cost (depth first) rather than the search's own
 *   tree: 12% fewer edges looked at in the rounds, but the depth-first walks cost as much;
 * - following only edges of small reduced cost, gathered again as potentials move: rows far from
 *   the sink move by a whole round each round, so gathering cost what it saved;
 * - searching edges within a weight margin of each row's best rather than its best 32: fewer
 *   edges, many more rows to put back, slower; other search shares and edge counts: no gain.
 *
 * Weights must be whole numbers (0 to 2²²) so that every sum is exact and distances fit a bucket
 * queue.
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
  rows.forEach((pi, r) => {
    start[r + 1] = start[r]! + table.start[pi + 1]! - table.start[pi]!;
  });
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
/**
 * A round's search keeps no distance past this multiple of the last round's (and at least MIN_LIMIT):
 * most edges it looks at lead further than the round will go, and pushing them costs more than
 * looking. A search that reaches the limit stops there, which is as exact, only a shorter step.
 */
const LIMIT_FACTOR = 1.5;
const MIN_LIMIT = 64;
/** Each row's best this-many edges are searched at first; the others join only if they turn out to matter. */
const FIRST_EDGES = 32;
/** Searches keep one bucket per whole distance up to the largest weight. */
const MAX_WEIGHT = 1 << 22;

/**
 * `firstEdges`: about how many of each row's best edges the search starts with (default 32); the result
 * is the same for any value, only the time differs.
 */
export function maxWeightAssignment(problem: AssignmentProblem, options: { firstEdges?: number } = {}): AssignmentResult {
  return new Solver(problem, checkedWeights(problem), Math.max(1, options.firstEdges ?? FIRST_EDGES)).solve();
}

/** The solver's state; methods, not closures, so the JIT keeps what it learns between calls. */
class Solver {
  private readonly rows: number;
  private readonly columns: number;
  private readonly start: Int32Array;
  private readonly column: Int32Array;
  private readonly weight: Int32Array;
  /**
   * Column c's searched edges in, `inStart[c]`…: the k-th with its edge `inEdge[k]`, row
   * `inArc[2k]` and cost W − weight `inArc[2k + 1]` (side by side, as a search reads both).
   */
  private readonly inStart: Int32Array;
  private readonly inArc: Int32Array;
  private readonly inEdge: Int32Array;
  /**
   * Row r's edges, its best few first: `activeList[start[r]]…`, `activeCount[r]` of them, are
   * searched; the rest join (all of them) once one proves to matter.
   */
  private readonly activeList: Int32Array;
  private readonly activeCount: Int32Array;
  /** Rows whose u went up since their edges were last checked. */
  private readonly raised: Uint8Array;
  /** In a round: a row's distance plus its u; −Infinity once it is done (see relaxColumn). */
  private readonly reachable: Float64Array;
  /** Room to set aside `reachable` for the rows a column holds while it is relaxed. */
  private readonly blocked: Float64Array;
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
  /** For the repair searches, which pass through the sink: each node's predecessor and the edge used. */
  private readonly before: Int32Array;
  private readonly beforeEdge: Int32Array;
  private readonly touched: Int32Array;

  constructor(problem: AssignmentProblem, { weight, W }: { weight: Int32Array; W: number }, firstEdges: number) {
    this.rows = problem.rows;
    this.start = problem.start;
    this.column = problem.column;
    this.weight = weight;
    const capacity = Int32Array.from(problem.capacity, (c) => Math.max(0, c));
    this.columns = capacity.length;
    const best = bestEdges(this.rows, this.start, this.weight, W, firstEdges);
    this.activeList = best.list;
    this.activeCount = best.count;
    this.raised = new Uint8Array(this.rows);
    this.reachable = new Float64Array(this.rows);
    let widest = 0;
    for (let c = 0; c < this.columns; c++) widest = Math.max(widest, capacity[c]!);
    this.blocked = new Float64Array(widest);
    const into = transpose(this.rows, this.columns, this.start, this.column, this.weight, W, best.list, best.count);
    this.inStart = into.start;
    this.inArc = into.arc;
    this.inEdge = into.edge;
    this.W = W;
    this.u = new Float64Array(this.rows);
    this.v = new Float64Array(this.columns);
    this.columnOf = new Int32Array(this.rows).fill(FREE);
    this.edgeOf = new Int32Array(this.rows).fill(-1);
    this.held = new ColumnRows(capacity);
    const nodes = this.rows + this.columns;
    this.distance = new Float64Array(nodes + 1).fill(Infinity);
    this.done = new Uint8Array(nodes + 1);
    this.next = new Int32Array(nodes);
    this.used = new Uint8Array(nodes);
    this.path = new Int32Array(nodes + 1);
    this.queue = new BucketQueue(W);
    this.before = new Int32Array(nodes + 1);
    this.beforeEdge = new Int32Array(nodes + 1);
    this.touched = new Int32Array(nodes + 1);
  }

  solve(): AssignmentResult {
    let free = this.greedyStart();
    let limit = this.W;
    while (free > 0) {
      const reach = this.shortestPathsToSink(Math.ceil(free * STOP_SHARE), limit);
      limit = Math.max(MIN_LIMIT, Math.ceil(reach * LIMIT_FACTOR));
      this.shiftPotentials(reach);
      free -= this.augmentDisjointPaths();
    }
    this.distance.fill(Infinity);
    this.done.fill(0);
    // Only a row whose u went up can gain a negative edge, so after the first check only those are looked at again.
    this.raised.fill(1);
    for (let rows = this.rowsWithBetterEdges(); rows.length > 0; rows = this.rowsWithBetterEdges()) {
      for (const r of rows) this.repair(r);
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
    const { start, column, weight, W, u, columnOf, edgeOf, held, activeList, activeCount } = this;
    let free = 0;
    for (let r = 0; r < this.rows; r++) {
      // The heaviest edge is always among those searched first.
      let best = -1;
      for (let k = start[r]!; k < start[r]! + activeCount[r]!; k++) {
        const e = activeList[k]!;
        if (best < 0 || weight[e]! > weight[best]!) best = e;
      }
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

  /**
   * Dijkstra backwards from the sink until enough free rows have their distance or the distance
   * passes `limit`; returns how far it went. Every node nearer is then final, and the others are at
   * least that far.
   */
  private shortestPathsToSink(freeRows: number, limit: number): number {
    const { rows, columns, weight, W, u, v, columnOf, edgeOf, held, distance, done, queue } = this;
    distance.fill(Infinity);
    done.fill(0);
    queue.clear(limit);
    this.limit = limit;
    for (let c = 0; c < columns; c++) if (held.hasRoom(c)) this.improve(rows + c, v[c]!, -1);
    for (let r = 0; r < rows; r++) {
      if (columnOf[r] === UNPLACED) {
        done[r] = 1;
        this.reachable[r] = -Infinity;
      } else {
        // Distances past the limit are not kept: the search stops before reaching them.
        this.reachable[r] = Math.min(W - u[r]!, limit + 1) + u[r]!;
        this.improve(r, W - u[r]!, -1);
      }
    }
    for (;;) {
      const x = queue.pop(distance, done);
      if (x < 0) return limit;
      const d = distance[x]!;
      done[x] = 1;
      if (x < rows) {
        this.reachable[x] = -Infinity;
        const c = columnOf[x]!;
        if (c === FREE) {
          if (--freeRows === 0) return d;
        } else if (!done[rows + c]) {
          this.improve(rows + c, d + u[x]! + v[c]! - (W - weight[edgeOf[x]!]!), x);
        }
      } else {
        this.relaxColumn(x - rows, d);
      }
    }
  }

  /**
   * Rows that could give their place to column c (at distance d from the sink) get a path through
   * it. `reachable[r]` is r's distance plus u[r] (−Infinity once r is done or while it is c's), so
   * the common case, no improvement, reads one number per edge.
   */
  private relaxColumn(c: number, d: number) {
    const { u, v, distance, reachable, next, queue, held, blocked, inStart, inArc, inEdge } = this;
    const base = d - v[c]!;
    const end = inStart[c + 1]!;
    const first = held.first(c);
    const own = held.end(c);
    for (let k = first; k < own; k++) {
      blocked[k - first] = reachable[held.at(k)]!;
      reachable[held.at(k)] = -Infinity;
    }
    for (let k = inStart[c]!; k < end; k++) {
      const r = inArc[2 * k]!;
      const through = base + inArc[2 * k + 1]!;
      if (through < reachable[r]!) {
        reachable[r] = through;
        distance[r] = through - u[r]!;
        next[r] = inEdge[k]!;
        queue.push(r, distance[r]);
      }
    }
    for (let k = first; k < own; k++) reachable[held.at(k)] = blocked[k - first]!;
  }

  private improve(x: number, d: number, step: number) {
    if (d < this.distance[x]! && d <= this.limit) {
      this.distance[x] = d;
      if (x < this.rows) this.reachable[x] = d + this.u[x]!;
      this.next[x] = step;
      this.queue.push(x, d);
    }
  }

  /** New potentials from the distances (capped at `reach`, where Dijkstra stopped). */
  private shiftPotentials(reach: number) {
    const { rows, u, v, distance, columnOf } = this;
    // An unplaced row stays at distance 0 (its only arc in is the sink's, at no cost): its edges stay feasible.
    for (let r = 0; r < rows; r++) if (columnOf[r] !== UNPLACED) u[r]! += Math.min(distance[r]!, reach);
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
      used[path[length - 1]!] = path[length - 1]! < rows ? 1 : 0;
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

  /** Rows with an edge left out of the search whose reduced cost is negative (so the potentials prove nothing yet). */
  private rowsWithBetterEdges(): number[] {
    const found: number[] = [];
    for (let r = 0; r < this.rows; r++) {
      if (!this.raised[r]) continue;
      this.raised[r] = 0;
      if (this.betterEdges(r, false)) found.push(r);
    }
    return found;
  }

  /** Whether row r has an edge left out of the search with a negative reduced cost; with `join`, all its edges join. */
  private betterEdges(r: number, join: boolean): boolean {
    const { column, weight, v, activeList } = this;
    // W − weight − u[r] − v[column] < 0, with what depends only on r taken out of the loop.
    const limit = this.W - this.u[r]!;
    const end = this.start[r + 1]!;
    let k = this.start[r]! + this.activeCount[r]!;
    for (; k < end; k++) {
      const e = activeList[k]!;
      if (weight[e]! + v[column[e]!]! > limit) break;
    }
    if (k === end) return false;
    if (join) this.activeCount[r] = end - this.start[r]!;
    return true;
  }

  /**
   * Takes row r out and puts it back by a shortest path that ends where it was (its column, which
   * is now one row short, or the sink when it was unplaced). Only r's arcs lose feasibility when
   * its new edges join, and lowering u[r] restores them; the path may run through the sink.
   */
  private repair(r: number) {
    const { rows, columns, start, column, weight, W, u, v, columnOf, edgeOf, held, distance, done, queue, touched } = this;
    const sink = rows + columns;
    if (!this.betterEdges(r, true)) return;
    const from = columnOf[r]!;
    const target = from >= 0 ? rows + from : sink;
    if (from >= 0) held.remove(from, r);
    columnOf[r] = FREE;
    let ur = W;
    const { activeList, activeCount } = this;
    for (let k = start[r]!; k < start[r]! + activeCount[r]!; k++)
      ur = Math.min(ur, W - weight[activeList[k]!]! - v[column[activeList[k]!]!]!);
    const bound = from >= 0 ? W - weight[edgeOf[r]!]! - ur - v[from]! : W - ur;
    u[r] = ur;
    edgeOf[r] = -1;
    queue.ensure(bound);
    queue.clear(bound);
    this.bound = bound;
    this.touchedCount = 0;
    this.reach(r, 0, -1, -1);
    let D = bound;
    for (;;) {
      const x = queue.pop(distance, done);
      if (x < 0) break;
      const d = distance[x]!;
      done[x] = 1;
      if (x === target) {
        D = d;
        break;
      }
      if (x < rows) {
        for (let k = start[x]!; k < start[x]! + activeCount[x]!; k++) {
          const e = activeList[k]!;
          const c = column[e]!;
          if (c !== columnOf[x]) this.reach(rows + c, d + W - weight[e]! - u[x]! - v[c]!, x, e);
        }
        if (columnOf[x] !== UNPLACED) this.reach(sink, d + W - u[x]!, x, -1);
      } else if (x < sink) {
        const c = x - rows;
        for (let k = held.first(c); k < held.end(c); k++) {
          const h = held.at(k);
          this.reach(h, d + u[h]! + v[c]! - (W - weight[edgeOf[h]!]!), x, -1);
        }
        if (held.hasRoom(c) && x !== target) this.reach(sink, d + v[c]!, x, -1);
      } else {
        for (let c = 0; c < columns; c++) {
          if (held.end(c) > held.first(c) || rows + c === target) this.reach(rows + c, d - v[c]!, sink, -1);
        }
        for (let h = 0; h < rows; h++) if (columnOf[h] === UNPLACED) this.reach(h, d + u[h]! - W, sink, -1);
      }
    }
    const count = this.touchedCount;
    for (let k = 0; k < count; k++) {
      const x = touched[k]!;
      if (done[x] && distance[x]! < D) {
        if (x < rows) {
          u[x]! += D - distance[x]!;
          this.raised[x] = 1;
        } else if (x < sink) v[x - rows]! -= D - distance[x]!;
        else for (let y = 0; y < rows; y++) u[y]! -= D - distance[x]!;
      }
    }
    // The sink's potential moved down: shift every column up instead (rows were shifted above), keeping it 0.
    if (done[sink] && distance[sink]! < D) for (let c = 0; c < columns; c++) v[c]! += D - distance[sink]!;
    this.applyPath(r, target);
    for (let k = 0; k < count; k++) {
      distance[touched[k]!] = Infinity;
      done[touched[k]!] = 0;
    }
  }

  private bound = 0;
  /** A round's search keeps no distance past this. */
  private limit = 0;
  private touchedCount = 0;

  /** A repair search reaches node x at distance d, from `via` (by edge `edge` when from a row to a column). */
  private reach(x: number, d: number, via: number, edge: number) {
    const { distance } = this;
    if (this.done[x] || d >= distance[x]! || d > this.bound) return;
    if (distance[x] === Infinity) this.touched[this.touchedCount++] = x;
    distance[x] = d;
    this.before[x] = via;
    this.beforeEdge[x] = edge;
    this.queue.push(x, d);
  }

  /** Moves the rows along the repair path from r to `target`: first out of the columns they leave, then into their new ones. */
  private applyPath(r: number, target: number) {
    const { rows, columns, column, columnOf, edgeOf, held, before, beforeEdge, path } = this;
    const sink = rows + columns;
    let length = 0;
    for (let x = target; x !== r; x = before[x]!) path[length++] = x;
    path[length++] = r;
    for (let k = 0; k + 1 < length; k++) {
      const x = path[k]!;
      const prev = path[k + 1]!;
      if (x < rows && prev >= rows && prev < sink) held.remove(prev - rows, x);
    }
    for (let k = 0; k + 1 < length; k++) {
      const x = path[k]!;
      const prev = path[k + 1]!;
      if (prev >= rows) continue;
      if (x === sink) {
        columnOf[prev] = UNPLACED;
        edgeOf[prev] = -1;
      } else {
        const e = beforeEdge[x]!;
        held.add(column[e]!, prev);
        columnOf[prev] = column[e]!;
        edgeOf[prev] = e;
      }
    }
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
      // A path may end at a free place another path took this round, while places are left.
      if (next[c]! < 0) {
        if (!this.held.hasRoom(column[e]!)) return -1;
        path[length++] = c;
        return length;
      }
      if (used[c]) return -1;
      path[length++] = c;
      r = next[c]!;
    }
  }
}

/**
 * About `k` of each row's heaviest edges, to search first: all edges in the weight bands (of 64
 * between 0 and W) from the top down to the band where the row's count reaches `k`. Row r's edges
 * are listed in `list[start[r]]…`, these `count[r]` first, then the others (which join later if
 * one of them turns out to matter).
 */
function bestEdges(rows: number, start: Int32Array, weight: Int32Array, W: number, k: number) {
  const list = new Int32Array(weight.length);
  const count = new Int32Array(rows);
  const BANDS = 64;
  const bands = new Int32Array(BANDS);
  let shift = 0;
  while (W >> shift >= BANDS) shift++;
  for (let r = 0; r < rows; r++) {
    const first = start[r]!;
    const end = start[r + 1]!;
    let least = 0;
    if (end - first > k) {
      bands.fill(0);
      for (let e = first; e < end; e++) bands[weight[e]! >> shift]!++;
      let lowest = BANDS - 1;
      for (let total = bands[lowest]!; total < k; total += bands[lowest]!) lowest--;
      least = lowest << shift;
    }
    // The searched edges from the front, the rest from the back, in one pass and without branches
    // (which is which is hard to predict): e goes to both ends, and only the end it belongs to moves on.
    let front = first;
    let back = end - 1;
    for (let e = first; e < end; e++) {
      const searched = (least - 1 - weight[e]!) >>> 31;
      list[front] = e;
      list[back] = e;
      front += searched;
      back -= searched ^ 1;
    }
    count[r] = front - first;
  }
  return { list, count };
}

/** The weights as an Int32Array (the problem's own if it is one) with the largest, after checking the problem is well formed. */
function checkedWeights({ rows, start, column, weight, capacity }: AssignmentProblem): { weight: Int32Array; W: number } {
  if (start.length !== rows + 1 || column.length !== weight.length || start[rows] !== column.length) {
    throw new RangeError('The edges do not match the rows');
  }
  const columns = capacity.length;
  let W = 0;
  for (let e = 0; e < weight.length; e++) {
    const w = weight[e]!;
    if (!(Number.isInteger(w) && w >= 0 && w <= MAX_WEIGHT)) throw new RangeError(`Weights must be whole numbers from 0 to ${MAX_WEIGHT}`);
    if (!(column[e]! >= 0 && column[e]! < columns)) throw new RangeError('An edge names a column that does not exist');
    if (w > W) W = w;
  }
  return { weight: weight instanceof Int32Array ? weight : Int32Array.from(weight), W };
}

/** Each column's searched edges (row and cost W − weight side by side, and edge number), the transpose of the rows' lists. */
function transpose(
  rows: number,
  columns: number,
  start: Int32Array,
  column: Int32Array,
  weight: Int32Array,
  W: number,
  list: Int32Array,
  count: Int32Array,
) {
  const byStart = new Int32Array(columns + 1);
  for (let r = 0; r < rows; r++) {
    const end = start[r]! + count[r]!;
    for (let k = start[r]!; k < end; k++) byStart[column[list[k]!]! + 1]!++;
  }
  for (let c = 0; c < columns; c++) byStart[c + 1]! += byStart[c]!;
  const fill = byStart.slice(0, columns);
  const arc = new Int32Array(2 * byStart[columns]!);
  const edge = new Int32Array(byStart[columns]!);
  for (let r = 0; r < rows; r++) {
    const end = start[r]! + count[r]!;
    for (let k = start[r]!; k < end; k++) {
      const e = list[k]!;
      const j = fill[column[e]!]!++;
      arc[2 * j] = r;
      arc[2 * j + 1] = W - weight[e]!;
      edge[j] = e;
    }
  }
  return { start: byStart, arc, edge };
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

  hasRoom(c: number) {
    return this.count[c]! < this.capacity[c]!;
  }
  first(c: number) {
    return this.offset[c]!;
  }
  end(c: number) {
    return this.offset[c]! + this.count[c]!;
  }
  at(k: number) {
    return this.rows[k]!;
  }
  add(c: number, r: number) {
    this.rows[this.offset[c]! + this.count[c]!++] = r;
  }

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
  private head: Int32Array;
  private node = new Int32Array(1024);
  private key = new Int32Array(1024);
  private link = new Int32Array(1024);
  private count = 0;
  private cursor = 0;
  private limit = 0;

  constructor(private max: number) {
    this.head = new Int32Array(max + 1).fill(-1);
    this.limit = max;
  }

  /** Room for distances up to `max` (call when empty). */
  ensure(max: number) {
    if (max <= this.max) return;
    this.max = Math.max(max, 2 * this.max);
    this.head = new Int32Array(this.max + 1).fill(-1);
  }

  /** Empties the queue; it then keeps only distances up to `limit` (at most `max`). */
  clear(limit: number) {
    for (let k = 0; k < this.count; k++) this.head[this.key[k]!] = -1;
    this.count = 0;
    this.cursor = 0;
    this.limit = Math.min(limit, this.max);
  }

  push(x: number, d: number) {
    if (d > this.limit) return;
    if (this.count === this.node.length) this.grow();
    const k = this.count++;
    this.node[k] = x;
    this.key[k] = d;
    this.link[k] = this.head[d]!;
    this.head[d] = k;
  }

  /** The nearest node that is not done and waits in the bucket of its distance, or -1. */
  pop(distance: Float64Array, done: Uint8Array): number {
    while (this.cursor <= this.limit) {
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
