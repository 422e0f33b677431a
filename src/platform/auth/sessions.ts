import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { NO_ONE, rowsOf, type Database, type Tx } from '../db/database.js';
import { sessions } from '../db/schema.js';
import { keep, type HeldTransaction } from '../db/held.js';
import { actorOf, type SignedInUser } from '../http/types.js';
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
}

function signedIn(sessionId: string, [row]: SessionRow[]): SignedInUser | null {
  if (!row) return null;
  const role = isRole(row.role) ? row.role : null;
  return { id: row.user_id, name: row.name, email: row.email, sessionId, schemeId: row.scheme_id, schemeName: row.scheme_name, role };
}

/** Sessions live in the database: the cookie holds a random token, the table only its hash. */
export function sessionStore(db: Database) {
  return {
    async find(token: string | undefined): Promise<SignedInUser | null> {
      if (!token || token.length > 100) return null;
      const id = hashOf(token);
      return signedIn(id, await db.inScope(NO_ONE, (tx) => rowsOf<SessionRow>(tx, sql`select * from hearth_session(${id})`)));
    },

    /**
     * As find, for a page: the session is read in a transaction held for the whole request
     * (src/platform/db/held.ts), scoped to the one signed in, that the page's own reads then share.
     */
    async findHolding(token: string | undefined): Promise<{ user: SignedInUser | null; held: HeldTransaction | null }> {
      if (!token || token.length > 100) return { user: null, held: null };
      const held = await db.hold();
      if (!held) return { user: await this.find(token), held: null };
      try {
        const id = hashOf(token);
        const user = signedIn(id, await held.asApp<SessionRow>(`select * from hearth_session('${id}')`));
        if (!user) {
          await held.end(true);
          return { user: null, held: null };
        }
        await held.scope(actorOf(user));
        keep(held, actorOf(user));
        return { user, held };
      } catch (error) {
        await held.end(false);
        throw error;
      }
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
      const [row] = await tx.update(sessions).set({ schemeId: scheme.schemeId, role: scheme.role }).where(eq(sessions.id, sessionId)).returning({ method: sessions.method });
      return row?.method ?? 'password';
    },

    async end(tx: Tx, sessionId: string) {
      await tx.delete(sessions).where(eq(sessions.id, sessionId));
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
