import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { choice, email, newPassword, text } from '../platform/forms/fields.js';
import { submitForm } from '../platform/forms/forms.js';
import { once } from '../platform/forms/once.js';
import { REGIONS, SCHEME_KINDS } from './regions.js';
import type { SchemesService } from './service.js';

const schemeForm = z.object({
  name: text('Enter the scheme’s name', { max: 120, label: 'Name' }),
  kind: choice(['shared_lives', 'homeshare', 'both'], 'Choose what the scheme runs'),
  region: choice(REGIONS, 'Choose the region'),
  localAuthority: text('Enter the local authority', { max: 120, label: 'Local authority' }),
  managerName: text('Enter the manager’s full name', { max: 120, label: 'Name' }),
  managerEmail: email('Enter the manager’s email address'),
  managerPassword: z
    .union([z.literal(''), newPassword('First password')])
    .optional()
    .transform((v) => v || null),
});

const formContext = (values: Record<string, unknown> = {}) => ({
  title: 'Add a scheme',
  backLink: '/schemes',
  kinds: Object.entries(SCHEME_KINDS).map(([value, text]) => ({ value, text, checked: value === values.kind })),
  regions: [{ value: '', text: 'Choose a region' }, ...REGIONS.map((r) => ({ value: r, text: r, selected: r === values.region }))],
});

export function schemesRoutes(app: FastifyInstance, service: SchemesService) {
  app.get('/schemes', { config: { access: 'schemes.manage' } }, async (request, reply) => {
    const list = await service.list(request.actor);
    return reply.view('schemes/views/list.njk', {
      title: 'Schemes',
      schemes: list.map((s) => ({ ...s, kindName: SCHEME_KINDS[s.kind] })),
      added: (request.query as { added?: string }).added === '1',
    });
  });

  app.get('/schemes/new', { config: { access: 'schemes.manage' } }, async (_request, reply) =>
    reply.view('schemes/views/new.njk', formContext()),
  );

  app.post('/schemes', { config: { access: 'schemes.manage' } }, (request, reply) =>
    submitForm(reply, {
      schema: schemeForm,
      view: 'schemes/views/new.njk',
      context: formContext((request.body ?? {}) as Record<string, unknown>),
      save: (form) => service.create(once(request), form),
      then: () => reply.redirect('/schemes?added=1'),
    }),
  );
}
