import type { Tx } from './database.js';

/**
 * A page read's unit of work on a PostgreSQL server: one transaction, on one connection, from the
 * session look-up to just before the page is sent. It travels with the acting person
 * (`Actor.unit`, made by the guard), so a service given that actor runs in it (`db.inScope`), and
 * the audit entries of what the page read go with its commit, in the same round trip. Nothing finds
 * it any other way.
 *
 * A connection answers one query at a time: work on a unit is awaited in turn, never side by side
 * (the tests fail on node-postgres's warning about a query sent while another is running).
 */
export interface RequestUnit {
  /** Runs work in the unit's transaction; refused once the page has been sent. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Whether `tx` is this unit's transaction. */
  holds(tx: Tx): boolean;
  /**
   * A statement with its values written in as escaped literals, sent with the commit in the same
   * round trip: if it fails, nothing commits and `end` fails, so the page is not sent.
   */
  atCommit(statement: string): void;
  /** Commits (or rolls back) and gives the connection back; a second call does nothing. */
  end(commit: boolean): Promise<void>;
}

/** Each call after the one before, as Promise.all gives them: for work that may share a unit's one connection. */
export async function inTurn<T>(calls: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (const call of calls) results.push(await call());
  return results;
}
