import pg from 'pg';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditRow } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import type { PageRead } from '../db/held.js';
import type { SignedInUser } from './types.js';

/**
 * The page cache: a busy page (caseload, notes, the calendar, what is due, incidents, home) made for
 * one session is kept, and shown to that session again while nothing it could show has changed.
 *
 * Whether it has changed is asked of the database each time, never guessed: every write to a table
 * a page can show records its scheme and transaction in `data_changes`, committed with the write
 * (drizzle/0024_page_cache.sql). A kept page carries the snapshot its first query saw, and is shown
 * again only if no committed change to its scheme (or to every scheme, such as a user's name) is
 * missing from that snapshot, and the session is still the same person in the same scheme and role.
 * That check also writes the page's audit entries again, as reading it afresh would; so one round
 * trip replaces the page's five or six. Several pages asking at once share one round trip.
 *
 * A kept page never outlives the hour it was made in (so "today" and "overdue" are never stale), is
 * only ever shown to the session it was made for, and gets a new CSRF token and script nonce each time.
 */
export interface KeptPage {
  user: SignedInUser & { schemeId: string; role: NonNullable<SignedInUser['role']> };
  snapshot: string;
  /** The page (as bytes, ready to send) cut where its secrets were, and which secret goes in each cut. */
  pieces: Buffer[];
  cuts: string[];
  contentType: string;
  audit: AuditRow[];
  size: number;
}

/** The page cut at each place one of `secrets` (by name) appears; `fill` puts new values back. */
export function cut(page: string, secrets: Record<string, string>): { pieces: Buffer[]; cuts: string[] } {
  const names = Object.keys(secrets).filter((name) => secrets[name]).sort((a, b) => secrets[b]!.length - secrets[a]!.length);
  const byValue = new Map(names.map((name) => [secrets[name]!, name]));
  const pieces: Buffer[] = [];
  const cuts: string[] = [];
  if (names.length === 0) return { pieces: [Buffer.from(page)], cuts };
  const pattern = new RegExp(names.map((name) => secrets[name]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let from = 0;
  for (const match of page.matchAll(pattern)) {
    pieces.push(Buffer.from(page.slice(from, match.index)));
    cuts.push(byValue.get(match[0])!);
    from = match.index + match[0].length;
  }
  pieces.push(Buffer.from(page.slice(from)));
  return { pieces, cuts };
}

/** The page's bytes with `secrets` in its cuts: sent as they are, with no text to encode again. */
export function fill(kept: Pick<KeptPage, 'pieces' | 'cuts'>, secrets: Record<string, string>): Buffer {
  const parts: Buffer[] = [kept.pieces[0]!];
  for (let i = 0; i < kept.cuts.length; i++) parts.push(Buffer.from(secrets[kept.cuts[i]!]!), kept.pieces[i + 1]!);
  return Buffer.concat(parts);
}

/** Pages kept, at most, and their size in all: the least recently shown go first. */
const MOST_PAGES = 2_000;
const MOST_BYTES = 64 * 1024 * 1024;
const HOUR = 3_600_000;
/** Round trips asking whether kept pages are current, at most at once. */
const ASKING_AT_ONCE = 2;

interface Asking { page: KeptPage; answer: (current: boolean) => void; fail: (error: unknown) => void }

export function pageCache(db: Database) {
  const hourNow = () => Math.floor(Date.now() / HOUR);
  const kept = new Map<string, KeptPage>();
  let bytes = 0;
  let hour = hourNow();
  const keyOf = (sessionId: string, url: string) => {
    // Pages of an hour gone by are never shown again: let them all go at once.
    if (hourNow() !== hour) {
      hour = hourNow();
      kept.clear();
      bytes = 0;
    }
    return `${sessionId} ${url}`;
  };

  const forget = (key: string) => {
    const page = kept.get(key);
    if (!page) return;
    kept.delete(key);
    bytes -= page.size;
  };

  // A few round trips at a time ask for every page waiting: under load, pages share them, and the
  // database can write their audit entries to disk together.
  let waiting: Asking[] = [];
  let asking = 0;
  const askWaiting = async () => {
    asking++;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const pages = batch.map(({ page }) => ({
          session: page.user.sessionId, user: page.user.id, scheme: page.user.schemeId, role: page.user.role,
          snapshot: page.snapshot, audit: page.audit.map(auditJson),
        }));
        const rows = await db.call<{ place: number }>(`select hearth_kept_pages(${escapeLiteral(JSON.stringify(pages))}::jsonb) as place`);
        const current = new Set(rows.map((r) => Number(r.place)));
        batch.forEach((asked, i) => asked.answer(current.has(i + 1)));
      } catch (error) {
        for (const asked of batch) asked.fail(error);
      }
    }
    asking--;
  };
  const stillCurrent = (page: KeptPage) => new Promise<boolean>((answer, fail) => {
    waiting.push({ page, answer, fail });
    if (asking < ASKING_AT_ONCE) void askWaiting();
  });

  return {
    /** The page kept for this session and address, if it is still current (its audit entries then written). */
    async find(sessionId: string, url: string): Promise<KeptPage | null> {
      const key = keyOf(sessionId, url);
      const page = kept.get(key);
      if (!page) return null;
      if (!(await stillCurrent(page))) {
        forget(key);
        return null;
      }
      // Most recently shown last, so the least recently shown is forgotten first.
      kept.delete(key);
      kept.set(key, page);
      return page;
    },

    /** Keeps a page just sent, if it can be shown again as it was (see `keepable`). */
    keep(request: FastifyRequest, reply: FastifyReply, payload: unknown, read: PageRead | null): void {
      const user = request.user;
      if (!keepable(request, reply, payload) || !user?.schemeId || !user.role || !read?.snapshot || !read.secrets) return;
      const { pieces, cuts } = cut(payload, read.secrets);
      const page: KeptPage = {
        user: { ...user, schemeId: user.schemeId, role: user.role },
        snapshot: read.snapshot,
        pieces,
        cuts,
        contentType: String(reply.getHeader('content-type')),
        audit: read.audited,
        size: pieces.reduce((sum, piece) => sum + piece.length, 0),
      };
      const key = keyOf(user.sessionId, request.url);
      forget(key);
      kept.set(key, page);
      bytes += page.size;
      for (const oldest of kept.keys()) {
        if (kept.size <= MOST_PAGES && bytes <= MOST_BYTES) break;
        forget(oldest);
      }
    },

    /** Sends a kept page with a new CSRF token and script nonce. */
    send(page: KeptPage, reply: FastifyReply) {
      const secrets = { csrfToken: reply.generateCsrf(), cspNonce: (reply.cspNonce as { script?: string } | undefined)?.script ?? '' };
      return reply.header('x-hearth-page', 'kept').type(page.contentType).send(fill(page, secrets));
    },

    /** Lets go of changes older than any kept page can be. */
    async forgetOldChanges(): Promise<number> {
      const [row] = await db.call<{ gone: number }>('select hearth_forget_changes() as gone');
      return row?.gone ?? 0;
    },
  };
}

export type PageCache = ReturnType<typeof pageCache>;

/** The app's page cache, letting go of old changes every hour while the app runs. */
export function keepPages(app: FastifyInstance, db: Database): PageCache {
  const pages = pageCache(db);
  const timer = setInterval(() => {
    pages.forgetOldChanges().catch((error: Error) => app.log.warn(`Could not let go of old changes: ${error.message}`));
  }, HOUR);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  return pages;
}

/**
 * A page can be kept if its route says so, it was read (GET) whole and sets no cookie; and (`keep`)
 * if it was read by someone in a scheme, made by reply.view, and its first query's snapshot is known.
 */
function keepable(request: FastifyRequest, reply: FastifyReply, payload: unknown): payload is string {
  return request.routeOptions.config.pageCache === true && request.method === 'GET' && reply.statusCode === 200
    && typeof payload === 'string' && !reply.hasHeader('set-cookie');
}

const { escapeLiteral } = pg;

const auditJson = (row: AuditRow) => ({
  scheme_id: row.schemeId, actor_user_id: row.actorUserId, actor_name: row.actorName, actor_role: row.actorRole, action: row.action,
  record_type: row.recordType, record_id: row.recordId, subject_user_id: row.subjectUserId, changed_fields: row.changedFields,
});
