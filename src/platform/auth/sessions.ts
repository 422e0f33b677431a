import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { sessions } from '../db/schema.js';
import type { RequestUnit } from '../db/unit-of-work.js';
import type { SignedInUser } from '../http/types.js';
import type { Reading } from '../easy-read/reading.js';
import { isRole, type Role } from '../permissions/roles.js';

export const SESSION_COOKIE = 'hearth_session';
export const SESSION_HOURS = 12;

/** A secret for a cookie or a link: 256 random bits. Only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export const SIGN_IN_METHODS = ['password', 'link', 'passkey'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export interface SessionRow {
  user_id: string;
  scheme_id: string | null;
  scheme_name: string | null;
  role: string | null;
  name: string;
  email: string;
  /** Their own choice of how to read, null until they make one. */
  easy_read: boolean | null;
  larger_text: boolean | null;
  read_aloud_first: boolean | null;
}

/** Who is signed in, and how they chose to read if they have (src/platform/easy-read/reading.ts). */
export interface SignedIn {
  user: SignedInUser | null;
  reading: Reading | null;
}

const NOBODY: SignedIn = { user: null, reading: null };

function signedIn(sessionId: string, [row]: SessionRow[]): SignedIn {
  if (!row) return NOBODY;
  const role = isRole(row.role) ? row.role : null;
  return {
    user: { id: row.user_id, name: row.name, email: row.email, sessionId, schemeId: row.scheme_id, schemeName: row.scheme_name, role },
    reading:
      row.easy_read === null
        ? null
        : { easyRead: row.easy_read, largerText: !!row.larger_text, readAloudFirst: !!row.read_aloud_first, chosen: true },
  };
}

/** Sessions live in the database: the cookie holds a random token, the table only its hash. */
export function sessionStore(db: Database) {
  return {
    async find(token: string | undefined): Promise<SignedIn> {
      if (!token || token.length > 100) return NOBODY;
      const id = hashOf(token);
      return signedIn(id, await db.call<SessionRow>(`select * from hearth_page_session('${id}')`));
    },

    /**
     * As find, for a page: the session is read in the page's unit of work (src/platform/db/unit-of-work.ts),
     * that the page's own reads then share. One round trip begins it, takes the application role,
     * finds the session and sets who is acting (hearth_page_session). No unit without a session.
     */
    async findForPage(token: string | undefined): Promise<SignedIn & { unit: RequestUnit | null }> {
      if (!token || token.length > 100) return { ...NOBODY, unit: null };
      const id = hashOf(token);
      const opened = await db.openUnit<SessionRow>(`select * from hearth_page_session('${id}')`);
      if (!opened) return { ...(await this.find(token)), unit: null };
      const found = signedIn(id, opened.rows);
      if (!found.user) {
        await opened.unit.end(true);
        return { ...NOBODY, unit: null };
      }
      return { ...found, unit: opened.unit };
    },

    /** Starts a new session (never reusing an old token) and returns the token for the cookie. */
    async create(tx: Tx, userId: string, scheme: { schemeId: string | null; role: Role | null }, method: SignInMethod): Promise<string> {
      const token = newToken();
      await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, sql`now()`)));
      await tx.insert(sessions).values({
        id: hashOf(token),
        userId,
        schemeId: scheme.schemeId,
        role: scheme.role,
        method,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      });
      return token;
    },

    /** Starts the session in a scheme and role; says how the session began, for the audit log. */
    async choose(tx: Tx, sessionId: string, scheme: { schemeId: string | null; role: Role }): Promise<string> {
      const [row] = await tx
        .update(sessions)
        .set({ schemeId: scheme.schemeId, role: scheme.role })
        .where(eq(sessions.id, sessionId))
        .returning({ method: sessions.method });
      return row?.method ?? 'password';
    },

    async end(tx: Tx, sessionId: string) {
      await tx.delete(sessions).where(eq(sessions.id, sessionId));
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
