import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../errors/errors.js';
import { actorOf } from '../http/types.js';
import { can, isAccess, type Access } from '../permissions/permissions.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

export interface AccessRule {
  method: string;
  url: string;
  access: Access;
}

/**
 * Every route must say who may use it; a route that does not stops Hearth from starting.
 * The rules are kept, so the permission matrix test can try every route as every role.
 */
export function requireAccessRules(app: FastifyInstance): AccessRule[] {
  const rules: AccessRule[] = [];
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!isAccess(access)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} has no access rule: add config.access (a permission, 'signed-in' or 'public').`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') rules.push({ method, url: route.url, access });
    }
  });
  return rules;
}

/**
 * Finds who is signed in, then applies the route's access rule: the one permission check. A page
 * read gets its unit of work here (src/platform/db/unit-of-work.ts), with the acting person, and
 * it ends before the page is sent.
 */
export function installGuard(app: FastifyInstance, sessions: SessionStore) {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === 'public' && request.routeOptions.config.assets) {
      request.user = null;
      request.actor = actorOf(null);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const reading = request.method === 'GET' || request.method === 'HEAD';
    const found = reading ? await sessions.findForPage(token) : { ...(await sessions.find(token)), unit: null };
    request.user = found.user;
    request.actor = actorOf(found.user, found.unit);
    // Their own choice of how to read comes with the session; installReading works out the rest.
    if (found.reading) request.reading = found.reading;
    if (access === undefined || access === 'public') return;
    if (!request.user) return askToSignIn(request, reply);
    if (access !== 'signed-in') {
      if (!request.user.role) return reply.redirect('/choose-scheme');
      if (!can(request.user.role, access)) return sendProblem(request, reply, 403);
    }
  });

  // The unit of work ends before the page is sent: committed, unless the page is a server error.
  app.addHook('onSend', async (request, reply, payload) => {
    await request.actor?.unit?.end(reply.statusCode < 500);
    return payload;
  });
  const giveBack = async (request: FastifyRequest) => {
    await request.actor?.unit?.end(false);
  };
  app.addHook('onResponse', giveBack);
  app.addHook('onRequestAbort', giveBack);
}

function askToSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'GET' || request.url.startsWith('/api/')) return sendProblem(request, reply, 401);
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
}

/** Only a path on this site: never an address elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length < 500 ? value : '/';
}
