import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { email } from '../forms/fields.js';
import { submitForm } from '../forms/forms.js';
import { safeReturnTo } from './guard.js';
import { landingAfterSignIn, siteOf } from './landing.js';
import { LINK_MINUTES, type LinkState, type SignInLinkService } from './links.js';
import { REFUSALS, SIGN_IN_WINDOW_MINUTES, type SignInFailures } from './limits.js';

const requestForm = z.object({ email: email('Enter your email address'), returnTo: z.string().optional() });
const tokenParam = z.object({ token: z.string().max(200) });

const PROBLEMS: Record<Exclude<LinkState, 'usable'>, string> = {
  used: 'This sign-in link has already been used',
  expired: 'This sign-in link has expired',
  unknown: 'This sign-in link does not work',
};

export interface LinkRouteOptions {
  secureCookies: boolean;
  failures: SignInFailures;
  baseUrl: string | null;
  /** False when email waits in the outbox: the page then says where the link is. */
  mailSends: boolean;
}

/** Signing in with a one-time link by email: asking for one, and opening it. */
export function signInLinkRoutes(app: FastifyInstance, links: SignInLinkService, options: LinkRouteOptions) {
  const view = 'platform/auth/views/link-request.njk';
  const context = { title: 'Email me a link to sign in', minutes: LINK_MINUTES };
  const { failures } = options;
  // Asking sends an email: one address may ask as often as it may fail to sign in (each person keeps at most three unused links).
  const rateLimit = { max: failures.limits.perAddress, timeWindow: `${SIGN_IN_WINDOW_MINUTES} minutes` };
  const refused = (request: FastifyRequest, reply: FastifyReply) =>
    failures.refusal(request.ip) &&
    reply.code(429).view(view, { ...context, title: 'Too many attempts', problem: 'refused', refusal: REFUSALS.address });
  /** A link that does not work counts as a failed sign-in from its address. */
  const notWorking = (request: FastifyRequest, reply: FastifyReply, state: LinkState) => {
    failures.failed(request.ip);
    const problem = state === 'usable' ? 'unknown' : state;
    return reply.code(410).view(view, { ...context, title: PROBLEMS[problem], problem });
  };

  app.get('/sign-in/link', { config: { access: 'public' } }, async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: string };
    return reply.view(view, { ...context, values: { returnTo: safeReturnTo(returnTo) } });
  });

  app.post('/sign-in/link', { config: { access: 'public', rateLimit } }, (request, reply) =>
    submitForm(reply, {
      schema: requestForm,
      view,
      context,
      save: async (form) => {
        const site = siteOf(request, options.baseUrl);
        await links.request(form.email, site.trusted ? site.origin : '', form.returnTo);
        return form.email;
      },
      then: (sentTo) =>
        reply.view('platform/auth/views/link-sent.njk', {
          title: 'Check your email',
          email: sentTo,
          minutes: LINK_MINUTES,
          mailSends: options.mailSends,
        }),
    }),
  );

  // Opening the link shows a button rather than signing in at once: email scanners that open links
  // to check them would otherwise use up the one use.
  app.get('/sign-in/link/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { token } = tokenParam.parse(request.params);
    const refusal = refused(request, reply);
    if (refusal) return refusal;
    const state = await links.state(token);
    if (state !== 'usable') return notWorking(request, reply, state);
    return reply.view('platform/auth/views/link-open.njk', { title: 'Sign in to Hearth', token });
  });

  app.post('/sign-in/link/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { token } = tokenParam.parse(request.params);
    const refusal = refused(request, reply);
    if (refusal) return refusal;
    const result = await links.use(token);
    if (!result.ok) return notWorking(request, reply, await links.state(token));
    return reply.redirect(landingAfterSignIn(reply, result, result.returnTo, options.secureCookies));
  });
}
