import { and, asc, count, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { NO_ONE, rowsOf, type Database } from '../db/database.js';
import { memberships, users } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { safeReturnTo } from './guard.js';
import { signInLinks } from './schema.js';
import type { AuthService, SignInResult } from './service.js';
import { hashOf, newToken } from './sessions.js';

export const LINK_MINUTES = 15;
/** More unused links than this at once and no more are sent: nobody's inbox is flooded. */
const MOST_WAITING_LINKS = 3;

export type LinkState = 'usable' | 'used' | 'expired' | 'unknown';

const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/**
 * One-time sign-in links by email: a second way in that needs nothing remembered. The link carries
 * a random token (only its hash is kept), works once, and only for LINK_MINUTES.
 */
export function signInLinkService(db: Database, auth: AuthService, mail: Mailer, clock: () => Date = () => new Date()) {
  return {
    /**
     * Emails a link if the address belongs to someone who may sign in. Says nothing either way, so
     * the answer never reveals who has an account. `origin` is '' when links should be relative.
     */
    async request(email: string, origin: string, returnTo: unknown): Promise<void> {
      const [found] = await db.inScope(NO_ONE, (tx) =>
        rowsOf<{ user_id: string; status: string }>(tx, sql`select user_id, status from hearth_login(${email})`),
      );
      if (!found || found.status !== 'active') return;
      const userId = found.user_id;
      const now = clock();
      const token = newToken();
      const recipient = await db.inScope({ ...NO_ONE, userId }, async (tx) => {
        await tx.delete(signInLinks).where(and(eq(signInLinks.userId, userId), lt(signInLinks.expiresAt, now)));
        const [{ waiting } = { waiting: 0 }] = await tx
          .select({ waiting: count() })
          .from(signInLinks)
          .where(and(eq(signInLinks.userId, userId), isNull(signInLinks.usedAt)));
        if (waiting >= MOST_WAITING_LINKS) return null;
        await tx.insert(signInLinks).values({
          id: hashOf(token),
          userId,
          returnTo: safeReturnTo(returnTo),
          expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000),
        });
        const [user] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
        const [scheme] = await tx
          .select({ id: memberships.schemeId })
          .from(memberships)
          .where(and(eq(memberships.userId, userId), isNull(memberships.endedAt), isNotNull(memberships.schemeId)))
          .orderBy(asc(memberships.createdAt))
          .limit(1);
        return user ? { ...user, schemeId: scheme?.id ?? null } : null;
      });
      if (!recipient) return;
      await mail.send({
        to: recipient.email,
        subject: 'Your link to sign in to Hearth',
        text: linkEmail(recipient.name, `${origin}/sign-in/link/${token}`),
        recipientUserId: userId,
        schemeId: recipient.schemeId,
      });
    },

    /** Whether a link can still be used, without using it: for the page the link opens. */
    async state(token: string): Promise<LinkState> {
      if (!looksLikeToken(token)) return 'unknown';
      const [row] = await db.inScope(NO_ONE, (tx) =>
        rowsOf<{ state: LinkState | null }>(
          tx,
          sql`select hearth_sign_in_link_state(${hashOf(token)}, ${clock().toISOString()}::timestamptz) as state`,
        ),
      );
      return row?.state ?? 'unknown';
    },

    /** Uses the link, once, and starts a session as a password would. */
    async use(token: string): Promise<SignInResult & { returnTo?: string | null }> {
      if (!looksLikeToken(token)) return { ok: false };
      const [link] = await db.inScope(NO_ONE, (tx) =>
        rowsOf<{ user_id: string; return_to: string | null }>(
          tx,
          sql`select * from hearth_use_sign_in_link(${hashOf(token)}, ${clock().toISOString()}::timestamptz)`,
        ),
      );
      if (!link) return { ok: false };
      return { ...(await auth.startSession(link.user_id, 'link')), returnTo: link.return_to };
    },
  };
}

export type SignInLinkService = ReturnType<typeof signInLinkService>;

function linkEmail(name: string, url: string): string {
  return [
    `Hello ${name},`,
    'You asked for a link to sign in to Hearth. Open this link to sign in:',
    url,
    `The link works once, for ${LINK_MINUTES} minutes.`,
    'If you did not ask for it, you do not need to do anything. Nobody can sign in without the link.',
  ].join('\n\n');
}
