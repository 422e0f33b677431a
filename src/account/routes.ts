import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PasskeyService } from '../platform/auth/passkeys.js';
import type { AuthService } from '../platform/auth/service.js';
import { newPassword, text } from '../platform/forms/fields.js';
import { submitForm } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';
import { ROLE_NAMES } from '../platform/permissions/roles.js';

const passwordForm = z
  .object({
    currentPassword: text('Enter your current password', { label: 'Current password' }),
    newPassword: newPassword('New password'),
    confirmPassword: z.string({ error: 'Enter your new password again' }).min(1, 'Enter your new password again'),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords must match',
  });

const SAVED: Record<string, string> = {
  password: 'Your password has been changed.',
  'passkey-added': 'Your passkey has been added. You can use it next time you sign in.',
  'passkey-removed': 'Your passkey has been removed.',
};

export function accountRoutes(app: FastifyInstance, auth: AuthService, passkeys: PasskeyService) {
  const view = 'account/views/account.njk';
  const context = async (request: { user: { role: keyof typeof ROLE_NAMES | null } | null; actor: Actor }) => ({
    title: 'Your account',
    roleName: request.user?.role ? ROLE_NAMES[request.user.role] : null,
    passkeys: await passkeys.list(request.actor),
  });

  app.get('/account', { config: { access: 'account.manage' } }, async (request, reply) => {
    const { saved } = request.query as { saved?: string };
    return reply.view(view, { ...(await context(request)), saved: saved ? SAVED[saved] : null });
  });

  app.post('/account/password', { config: { access: 'account.manage' } }, async (request, reply) =>
    submitForm(reply, {
      schema: passwordForm,
      view,
      context: await context(request),
      save: (form) => auth.changePassword(request.actor, form.currentPassword, form.newPassword),
      then: () => reply.redirect('/account?saved=password'),
    }),
  );
}
