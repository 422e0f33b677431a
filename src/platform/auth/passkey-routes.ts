import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { text, uuidParam } from '../forms/fields.js';
import { parse, submitJson } from '../forms/forms.js';
import { landingAfterSignIn, siteOf } from './landing.js';
import { registrationAnswer, signInAnswer, type PasskeyService } from './passkeys.js';
import { REFUSALS, SIGN_IN_WINDOW_MINUTES, type SignInFailures } from './limits.js';

const nameForm = z.object({ name: text('Enter a name for your passkey', { max: 60, label: 'Name' }) });
const addForm = nameForm.extend({ answer: registrationAnswer });
const signInForm = z.object({ answer: signInAnswer, returnTo: z.string().optional() });

export interface PasskeyRouteOptions {
  secureCookies: boolean;
  failures: SignInFailures;
  baseUrl: string | null;
}

/**
 * The two WebAuthn ceremonies, for the script /hearth/passkeys.js: adding a passkey on the account
 * page, and signing in with one. JSON, with the CSRF token in a header like the rest of the API.
 */
export function passkeyRoutes(app: FastifyInstance, passkeys: PasskeyService, options: PasskeyRouteOptions) {
  const { failures } = options;
  // Each challenge is a row: one address may ask for as many as it may fail to sign in.
  const rateLimit = { max: failures.limits.perAddress, timeWindow: `${SIGN_IN_WINDOW_MINUTES} minutes` };

  // The name is checked before the browser makes a passkey, so a missing name never wastes one.
  app.post('/api/v1/passkeys/options', { config: { access: 'account.manage' } }, (request, reply) =>
    submitJson(reply, nameForm, () => passkeys.registrationOptions(request.actor, siteOf(request, options.baseUrl)), 200),
  );

  app.post('/api/v1/passkeys', { config: { access: 'account.manage' } }, (request, reply) =>
    submitJson(reply, addForm, (form) => passkeys.register(request.actor, siteOf(request, options.baseUrl), form.name, form.answer)),
  );

  app.post('/account/passkeys/:id/remove', { config: { access: 'account.manage' } }, async (request, reply) => {
    const parsed = uuidParam.safeParse(request.params);
    if (parsed.success) await passkeys.remove(request.actor, parsed.data.id);
    return reply.redirect(parsed.success ? '/account?saved=passkey-removed' : '/account');
  });

  app.post('/api/v1/sign-in/passkey/options', { config: { access: 'public', rateLimit } }, async (request) =>
    passkeys.signInOptions(siteOf(request, options.baseUrl)),
  );

  app.post('/api/v1/sign-in/passkey', { config: { access: 'public' } }, async (request, reply) => {
    if (failures.refusal(request.ip)) return reply.code(429).send({ errors: { passkey: REFUSALS.address } });
    const form = parse(signInForm, request.body);
    if (!form.ok) return reply.code(400).send({ errors: { passkey: 'Your browser sent something Hearth does not understand. Try again' } });
    const result = await passkeys.signIn(siteOf(request, options.baseUrl), form.data.answer);
    if (!result.ok) {
      failures.failed(request.ip);
      return reply.code(401).send({ errors: { passkey: 'That passkey did not work. Try again, or sign in another way' } });
    }
    return { location: landingAfterSignIn(reply, result, form.data.returnTo, options.secureCookies) };
  });
}
