import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../audit/audit.js';
import { NO_ONE, rowsOf, type Database } from '../db/database.js';
import { memberships, schemes, users } from '../db/schema.js';
import { InputProblem } from '../forms/forms.js';
import { signedIn, type Actor, type SignedInUser } from '../http/types.js';
import type { Role } from '../permissions/roles.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SessionStore, SignInMethod } from './sessions.js';

export interface SchemeRole {
  schemeId: string | null;
  schemeName: string | null;
  role: Role;
}

export interface StartedSession {
  ok: true;
  token: string;
  choices: SchemeRole[];
}
export type SignInResult = StartedSession | { ok: false };

export function authService(db: Database, sessions: SessionStore) {
  const accessOf = (userId: string) =>
    db.inScope({ ...NO_ONE, userId }, (tx) =>
      tx
        .select({ schemeId: memberships.schemeId, schemeName: schemes.name, role: memberships.role })
        .from(memberships)
        .leftJoin(schemes, eq(schemes.id, memberships.schemeId))
        .where(and(eq(memberships.userId, userId), isNull(memberships.endedAt)))
        .orderBy(asc(schemes.name), asc(memberships.role)),
    );

  /**
   * Starts a session for someone whose sign-in has been checked, whichever way they signed in.
   * With one way in, the session starts in it; with several, the person chooses next.
   */
  async function startSession(userId: string, method: SignInMethod): Promise<StartedSession> {
    const choices = await accessOf(userId);
    const only = choices.length === 1 ? choices[0]! : null;
    const token = await db.inScope({ schemeId: only?.schemeId ?? null, userId, role: only?.role ?? null }, async (tx) => {
      const token = await sessions.create(tx, userId, { schemeId: only?.schemeId ?? null, role: only?.role ?? null }, method);
      if (only) {
        const name = (await tx.select({ name: users.name }).from(users).where(eq(users.id, userId)))[0]?.name ?? null;
        await audit(
          tx,
          { userId, schemeId: only.schemeId, role: only.role, name },
          { action: 'signed in', recordType: 'session', changes: { method } },
        );
      }
      return token;
    });
    return { ok: true, token, choices };
  }

  return {
    accessOf,

    /** Checks the password and starts a session. The answer never says whether the email exists. */
    async signIn(email: string, password: string): Promise<SignInResult> {
      const [found] = await db.inScope(NO_ONE, (tx) =>
        rowsOf<{ user_id: string; password_hash: string | null; status: string }>(
          tx,
          sql`select user_id, password_hash, status from hearth_login(${email})`,
        ),
      );
      const valid = await verifyPassword(found?.password_hash, password);
      if (!found || !valid || found.status !== 'active') return { ok: false };
      return startSession(found.user_id, 'password');
    },

    startSession,

    async choose(user: SignedInUser, schemeId: string | null, role: Role): Promise<boolean> {
      const choices = await accessOf(user.id);
      if (!choices.some((c) => c.schemeId === schemeId && c.role === role)) return false;
      const actor: Actor = { userId: user.id, schemeId, role, name: user.name };
      await db.inScope(actor, async (tx) => {
        const method = await sessions.choose(tx, user.sessionId, { schemeId, role });
        await audit(tx, actor, { action: 'signed in', recordType: 'session', changes: { method } });
      });
      return true;
    },

    async signOut(user: SignedInUser, actor: Actor) {
      await db.inScope(actor, async (tx) => {
        await sessions.end(tx, user.sessionId);
        if (actor.role) await audit(tx, actor, { action: 'signed out', recordType: 'session' });
      });
    },

    async changePassword(actor: Actor, current: string, replacement: string) {
      const userId = signedIn(actor).userId;
      const stored = await db.inScope(
        actor,
        async (tx) => (await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]?.hash,
      );
      if (!(await verifyPassword(stored, current))) throw new InputProblem('currentPassword', 'Your current password is not right');
      const hash = await hashPassword(replacement);
      await db.inScope(actor, async (tx) => {
        await tx.update(users).set({ passwordHash: hash, updatedAt: new Date() }).where(eq(users.id, userId));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'user',
          recordId: userId,
          subjectUserId: userId,
          changes: { password: true },
        });
      });
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
