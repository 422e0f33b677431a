import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { NO_ONE, rowsOf, type Database } from '../db/database.js';
import { users } from '../db/schema.js';
import { InputProblem } from '../forms/forms.js';
import { signedIn, type Actor } from '../http/types.js';
import type { Site } from './landing.js';
import { passkeyChallenges, passkeys } from './schema.js';
import type { AuthService, SignInResult } from './service.js';

const CHALLENGE_MINUTES = 5;
const b64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(20_000);
const answerBase = {
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

/** What the browser's navigator.credentials.create() gave, as JSON. */
export const registrationAnswer = z.object({
  ...answerBase,
  response: z.object({ clientDataJSON: b64url, attestationObject: b64url, transports: z.array(z.string().max(20)).max(10).optional() }),
});

/** What the browser's navigator.credentials.get() gave, as JSON. */
export const signInAnswer = z.object({
  ...answerBase,
  response: z.object({ clientDataJSON: b64url, authenticatorData: b64url, signature: b64url, userHandle: b64url.optional() }),
});

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/**
 * Passkeys (WebAuthn): a way in with nothing to remember or type. Each ceremony's challenge is kept
 * on the server for a few minutes and taken when used, so an answer cannot be replayed.
 * User verification is preferred, not required: like a sign-in link, a passkey is something the
 * person has, and a security key without a PIN should still work for someone who cannot manage one.
 */
export function passkeyService(db: Database, auth: AuthService, clock: () => Date = () => new Date()) {
  const keep = (userId: string | null, challenge: string, purpose: 'register' | 'sign-in') =>
    db.inScope({ ...NO_ONE, userId }, async (tx) => {
      await tx.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, clock()));
      await tx
        .insert(passkeyChallenges)
        .values({ challenge, userId, purpose, expiresAt: new Date(clock().getTime() + CHALLENGE_MINUTES * 60_000) });
    });

  /** Takes a challenge once: true only if it was given to this user (or to no one yet) for this purpose and is still fresh. */
  const take = (userId: string | null, purpose: 'register' | 'sign-in') => async (challenge: string) =>
    (
      await db.inScope({ ...NO_ONE, userId }, (tx) =>
        tx
          .delete(passkeyChallenges)
          .where(and(eq(passkeyChallenges.challenge, challenge), eq(passkeyChallenges.purpose, purpose)))
          .returning({ expiresAt: passkeyChallenges.expiresAt }),
      )
    ).some((c) => c.expiresAt > clock());

  return {
    list: (actor: Actor) =>
      db.inScope(actor, (tx) =>
        tx
          .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
          .from(passkeys)
          .where(eq(passkeys.userId, signedIn(actor).userId))
          .orderBy(asc(passkeys.createdAt)),
      ),

    async registrationOptions(actor: Actor, site: Site) {
      const userId = signedIn(actor).userId;
      const { user, existing } = await db.inScope(actor, async (tx) => ({
        user: (await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)))[0]!,
        existing: await tx
          .select({ id: passkeys.credentialId, transports: passkeys.transports })
          .from(passkeys)
          .where(eq(passkeys.userId, userId)),
      }));
      const options = await generateRegistrationOptions({
        rpName: 'Hearth',
        rpID: site.rpID,
        userName: user.email,
        userDisplayName: user.name,
        userID: new TextEncoder().encode(userId),
        attestationType: 'none',
        excludeCredentials: existing,
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      await keep(userId, options.challenge, 'register');
      return options;
    },

    async register(actor: Actor, site: Site, name: string, answer: z.output<typeof registrationAnswer>) {
      const userId = signedIn(actor).userId;
      const verification = await verifyRegistrationResponse({
        response: answer,
        expectedChallenge: take(userId, 'register'),
        expectedOrigin: site.origin,
        expectedRPID: site.rpID,
        requireUserVerification: false,
      }).catch(() => ({ verified: false as const }));
      if (!verification.verified) throw new InputProblem('passkey', 'Your passkey could not be added. Try again');
      const { credential } = verification.registrationInfo;
      return db.inScope(actor, async (tx) => {
        const [added] = await tx
          .insert(passkeys)
          .values({
            userId,
            credentialId: credential.id,
            publicKey: Buffer.from(credential.publicKey).toString('base64url'),
            counter: credential.counter,
            transports: credential.transports ?? [],
            name,
          })
          .onConflictDoNothing()
          .returning({ id: passkeys.id });
        if (!added) throw new InputProblem('passkey', 'That passkey is already added');
        await audit(tx, actor, { action: 'created', recordType: 'passkey', recordId: added.id, subjectUserId: userId, changes: { name } });
        return added;
      });
    },

    async remove(actor: Actor, id: string) {
      await db.inScope(actor, async (tx) => {
        const [removed] = await tx
          .delete(passkeys)
          .where(and(eq(passkeys.id, id), eq(passkeys.userId, signedIn(actor).userId)))
          .returning({ name: passkeys.name });
        if (!removed) throw new InputProblem('passkey', 'That passkey has already been removed');
        await audit(tx, actor, {
          action: 'ended',
          recordType: 'passkey',
          recordId: id,
          subjectUserId: actor.userId,
          changes: { name: removed.name },
        });
      });
    },

    /** Options for signing in: no list of credentials, so the browser offers the passkeys it has for Hearth. */
    async signInOptions(site: Site) {
      const options = await generateAuthenticationOptions({ rpID: site.rpID, userVerification: 'preferred' });
      await keep(null, options.challenge, 'sign-in');
      return options;
    },

    /** Checks a passkey's answer and starts a session as a password would. */
    async signIn(site: Site, answer: z.output<typeof signInAnswer>): Promise<SignInResult> {
      const [found] = await db.inScope(NO_ONE, (tx) =>
        rowsOf<{ user_id: string; public_key: string; counter: string | number; transports: string[] }>(
          tx,
          sql`select * from hearth_passkey(${answer.id})`,
        ),
      );
      const handle = answer.response.userHandle;
      if (!found || (handle && Buffer.from(handle, 'base64url').toString('utf8') !== found.user_id)) return { ok: false };
      const verification = await verifyAuthenticationResponse({
        response: answer,
        expectedChallenge: take(null, 'sign-in'),
        expectedOrigin: site.origin,
        expectedRPID: site.rpID,
        credential: { id: answer.id, publicKey: bytes(found.public_key), counter: Number(found.counter), transports: found.transports },
        requireUserVerification: false,
      }).catch(() => ({ verified: false as const }));
      if (!verification.verified) return { ok: false };
      const { newCounter } = 'authenticationInfo' in verification ? verification.authenticationInfo : { newCounter: 0 };
      await db.inScope({ ...NO_ONE, userId: found.user_id }, (tx) =>
        tx.update(passkeys).set({ counter: newCounter, lastUsedAt: clock() }).where(eq(passkeys.credentialId, answer.id)),
      );
      return auth.startSession(found.user_id, 'passkey');
    },
  };
}

export type PasskeyService = ReturnType<typeof passkeyService>;
