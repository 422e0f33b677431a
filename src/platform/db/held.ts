import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditRow } from '../audit/audit.js';
import type { Scope, Tx } from './database.js';

/**
 * A page's one transaction. Reading a page used to open a transaction for the session, another for
 * the reading preference, and one more for each service the page asks, each with its own begin,
 * settings and commit: most of a page's time went on those round trips. A held transaction is
 * opened once for the request; every `inScope` call for the same scope inside that request runs in
 * it, and it ends (commit, or rollback on a server error) before the page is sent, so the audit of
 * what was read is written before anyone sees it.
 */
export interface HeldTransaction {
  readonly tx: Tx;
  /**
   * Begins the transaction: rows of one query run as the application role, in the same round trip
   * as the begin and taking that role; for the session, before anyone is known. The query has no
   * parameters, so every literal in it must be one that cannot be mistaken for SQL (a hash in hex, say).
   * `tx` is inside the transaction once this (or `scope`) has run.
   */
  asApp<T>(query: string): Promise<T[]>;
  /** Sets who is acting for row-level security (beginning the transaction if `asApp` has not). */
  scope(scope: Scope): Promise<void>;
  /**
   * A statement with no parameters to send with the commit, in the same round trip: if it fails,
   * nothing commits and `end` fails, so the page is not sent.
   */
  atCommit(statement: string): void;
  /** Commits (or rolls back) and gives the connection back; a second call does nothing. */
  end(commit: boolean): Promise<void>;
  readonly ended: boolean;
}

interface Holding {
  held: HeldTransaction | null;
  scope: Scope | null;
  /** What a page read saw and recorded, for the page cache (src/platform/http/page-cache.ts). */
  read: PageRead;
}

/**
 * A page read's record: the snapshot its first query saw (the session's) and the audit entries it
 * wrote, so that showing it again can write them again.
 */
export interface PageRead {
  snapshot: string | null;
  audited: AuditRow[];
  /** The page's CSRF token and script nonce, made afresh each time it is shown again. */
  secrets: Record<string, string> | null;
}

const requestContext = new AsyncLocalStorage<Holding>();

/** Runs the rest of a request where a transaction can be held for it (a Fastify onRequest hook's `done`). */
export function withHolding(next: () => void): void {
  requestContext.run({ held: null, scope: null, read: { snapshot: null, audited: [], secrets: null } }, next);
}

/** This request's page read so far (null outside a request). */
export const pageRead = (): PageRead | null => requestContext.getStore()?.read ?? null;

/**
 * This request's held transaction, once it has a scope. Work started after the page was sent is a
 * mistake (its connection may already serve another request), so it fails rather than run.
 */
export function heldFor(scope: Scope): Tx | null {
  const holding = requestContext.getStore();
  if (!holding?.held || !holding.scope) return null;
  if (holding.held.ended) throw new Error('The page has been sent and its transaction has ended: database work must finish before the page is sent');
  const s = holding.scope;
  return s.schemeId === scope.schemeId && s.userId === scope.userId && s.role === scope.role ? holding.held.tx : null;
}

/**
 * Keeps a statement (with its values written in) to send with the commit of this request's held
 * transaction, if `tx` is that transaction; false if it is not, and the caller runs it itself.
 */
export function atCommit(tx: Tx, statement: string): boolean {
  const held = requestContext.getStore()?.held;
  if (!held || held.tx !== tx || held.ended) return false;
  held.atCommit(statement);
  return true;
}

/** Keeps the transaction for this request, scoped: later `inScope` calls with the same scope use it. */
export function keep(held: HeldTransaction, scope: Scope): void {
  const holding = requestContext.getStore();
  if (!holding) throw new Error('A transaction can only be held inside withHolding');
  holding.held = held;
  holding.scope = scope;
}

/**
 * At most `size` at once, the rest wait their turn: requests hold at most all but a few of the
 * pool's connections, so work outside a held transaction always finds one and never deadlocks.
 */
export function gate(size: number) {
  let inUse = 0;
  const waiting: (() => void)[] = [];
  return {
    async enter(): Promise<void> {
      if (inUse < size) {
        inUse++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave(): void {
      const next = waiting.shift();
      if (next) next();
      else inUse--;
    },
  };
}
