import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnTo } from './guard.js';
import type { StartedSession } from './service.js';
import { SESSION_COOKIE, SESSION_HOURS } from './sessions.js';

/** The session cookie: the browser's only proof of who it is, never readable by scripts. */
export const sessionCookie = (secure: boolean) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure,
  maxAge: SESSION_HOURS * 3600,
});

/**
 * Gives the browser its new session and says where to go next, the same for every way of signing in:
 * choosing among several schemes or roles, no access yet, or back where they were going.
 */
export function landingAfterSignIn(reply: FastifyReply, started: StartedSession, returnTo: unknown, secureCookies: boolean): string {
  reply.setCookie(SESSION_COOKIE, started.token, sessionCookie(secureCookies));
  if (started.choices.length === 0) return '/no-access';
  if (started.choices.length > 1) return '/choose-scheme';
  return safeReturnTo(returnTo);
}

/** Where Hearth is, as people's browsers see it: for links in emails and for passkeys. */
export interface Site {
  origin: string;
  /** The WebAuthn relying party: the host name, without port. */
  rpID: string;
  /** Whether the origin can go into an email: set in the settings, or this computer. */
  trusted: boolean;
}

const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * HEARTH_BASE_URL when set. Otherwise the address of the request, which an email link only uses on
 * this computer: a Host header is the sender's to choose, and a link to their site would leak the token.
 */
export function siteOf(request: FastifyRequest, baseUrl: string | null | undefined): Site {
  if (baseUrl) {
    const url = new URL(baseUrl);
    return { origin: url.origin, rpID: url.hostname, trusted: true };
  }
  return { origin: `${request.protocol}://${request.host}`, rpID: request.hostname, trusted: LOCAL.test(request.hostname) };
}
