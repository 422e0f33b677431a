import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../platform/auth/service.js';
import { newPassword, text } from '../platform/forms/fields.js';
import { submitForm } from '../platform/forms/forms.js';
import { ROLE_NAMES } from '../platform/permissions/roles.js';

const passwordForm = z.object({
  currentPassword: text('Enter your current password', { label: 'Current password' }),
  newPassword: newPassword('New password'),
  confirmPassword: z.string({ error: 'Enter your new password again' }).min(1, 'Enter your new password again'),
}).refine((form) => form.newPassword === form.confirmPassword, {
  path: ['confirmPassword'], message: 'The two new passwords must match',
});

export function accountRoutes(app: FastifyInstance, auth: AuthService) {
  const view = 'account/views/account.njk';
  const context = (request: { user: { role: keyof typeof ROLE_NAMES | null } | null }) => ({
    title: 'Your account',
    roleName: request.user?.role ? ROLE_NAMES[request.user.role] : null,
  });

  app.get('/account', { config: { access: 'account.manage' } }, async (request, reply) => {
    const { saved } = request.query as { saved?: string };
    return reply.view(view, { ...context(request), saved: saved === 'password' });
  });

  app.post('/account/password', { config: { access: 'account.manage' } }, (request, reply) => submitForm(reply, {
    schema: passwordForm,
    view,
    context: context(request),
    save: (form) => auth.changePassword(request.actor, form.currentPassword, form.newPassword),
    then: () => reply.redirect('/account?saved=password'),
  }));
}
