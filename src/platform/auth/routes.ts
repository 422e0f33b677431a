import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { email, text } from '../forms/fields.js';
import { formErrors, InputProblem, submitForm } from '../forms/forms.js';
import { isRole, ROLE_NAMES } from '../permissions/roles.js';
import type { AuthService } from './service.js';
import { safeReturnTo } from './guard.js';
import { landingAfterSignIn } from './landing.js';
import { SESSION_COOKIE } from './sessions.js';
import { REFUSALS, type SignInFailures } from './limits.js';

const signInForm = z.object({
  email: email('Enter your email address'),
  password: text('Enter your password', { max: 200, label: 'Password' }),
  returnTo: z.string().optional(),
});

const chooseForm = z.object({ choice: z.string({ error: 'Choose where to go' }).min(1, 'Choose where to go') });

const WRONG = formErrors([{ path: ['email'], message: 'Enter a correct email address and password' }]);

export function authRoutes(app: FastifyInstance, auth: AuthService, options: { secureCookies: boolean; failures: SignInFailures }) {
  const view = 'platform/auth/views/sign-in.njk';
  const { failures } = options;

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user?.role) return reply.redirect('/');
    const { returnTo } = request.query as { returnTo?: string };
    return reply.view(view, { title: 'Sign in to Hearth', values: { returnTo: safeReturnTo(returnTo) } });
  });

  // Only failures count towards the limits, per account and per address: an office signing in at once is never refused.
  app.post('/sign-in', { config: { access: 'public' } }, (request, reply) =>
    submitForm(reply, {
      schema: signInForm,
      view,
      context: { title: 'Sign in to Hearth' },
      save: async (form) => {
        const refused = failures.refusal(request.ip, form.email);
        if (refused) return { ok: false as const, refused };
        const result = await auth.signIn(form.email, form.password);
        if (result.ok) failures.succeeded(form.email);
        else failures.failed(request.ip, form.email);
        return result;
      },
      then: (result) => {
        const values = request.body as Record<string, unknown>;
        if (!result.ok) {
          const refused = 'refused' in result ? result.refused : null;
          return reply.code(refused ? 429 : 401).view(view, {
            title: 'Sign in to Hearth',
            values: { email: values.email, returnTo: values.returnTo },
            errors: refused ? formErrors([{ path: ['email'], message: REFUSALS[refused] }]) : WRONG,
          });
        }
        return reply.redirect(landingAfterSignIn(reply, result, values.returnTo, options.secureCookies));
      },
    }),
  );

  app.get('/choose-scheme', { config: { access: 'signed-in' } }, async (request, reply) => {
    const choices = await auth.accessOf(request.user!.id);
    return reply.view('platform/auth/views/choose.njk', { title: 'Where do you want to go?', choices: describe(choices) });
  });

  app.post('/choose-scheme', { config: { access: 'signed-in' } }, async (request, reply) => {
    const choices = describe(await auth.accessOf(request.user!.id));
    return submitForm(reply, {
      schema: chooseForm,
      view: 'platform/auth/views/choose.njk',
      context: { title: 'Where do you want to go?', choices },
      save: async ({ choice }) => {
        const [schemeId, role] = choice.split('|');
        if (!isRole(role) || !(await auth.choose(request.user!, schemeId || null, role))) {
          throw new InputProblem('choice', 'Choose one of the places listed');
        }
      },
      then: () => reply.redirect('/'),
    });
  });

  app.get('/no-access', { config: { access: 'signed-in' } }, async (_request, reply) =>
    reply.view('platform/auth/views/no-access.njk', { title: 'You do not have access to a scheme yet' }),
  );

  app.post('/sign-out', { config: { access: 'signed-in' } }, async (request, reply) => {
    await auth.signOut(request.user!, request.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/signed-out');
  });

  app.get('/signed-out', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('platform/auth/views/signed-out.njk', { title: 'You have signed out' }),
  );
}

function describe(choices: Awaited<ReturnType<AuthService['accessOf']>>) {
  return choices.map((c) => ({
    value: `${c.schemeId ?? ''}|${c.role}`,
    text: c.schemeName ? `${c.schemeName}: ${ROLE_NAMES[c.role]}` : ROLE_NAMES[c.role],
  }));
}
