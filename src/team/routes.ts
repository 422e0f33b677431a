import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { choice, email, ids, newPassword, text } from '../platform/forms/fields.js';
import { submitForm, submitJson } from '../platform/forms/forms.js';
import { once } from '../platform/forms/once.js';
import { pagination } from '../platform/layout/paging.js';
import { ROLE_NAMES, ROLES, type Role } from '../platform/permissions/roles.js';
import type { TeamService } from './service.js';

const GRANTABLE = ROLES.filter((r): r is Exclude<Role, 'national_admin'> => r !== 'national_admin') as [
  Exclude<Role, 'national_admin'>,
  ...Exclude<Role, 'national_admin'>[],
];

export const newMemberForm = z.object({
  name: text('Enter their full name', { max: 120, label: 'Name' }),
  email: email('Enter their email address'),
  role: choice(GRANTABLE, 'Choose what they will do in this scheme'),
  password: z
    .union([z.literal(''), newPassword('First password')])
    .optional()
    .transform((v) => v || null),
});

const listQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const roleItems = (selected?: string) => GRANTABLE.map((role) => ({ value: role, text: ROLE_NAMES[role], checked: role === selected }));

export function teamRoutes(app: FastifyInstance, team: TeamService) {
  app.get('/team', { config: { access: 'team.view' } }, async (request, reply) => {
    const filter = listQuery.parse(request.query ?? {});
    const { total, rows } = await team.list(request.actor, filter);
    return reply.view('team/views/list.njk', {
      title: 'Team and access',
      filter,
      roles: [{ value: '', text: 'Any role' }, ...GRANTABLE.map((r) => ({ value: r, text: ROLE_NAMES[r], selected: r === filter.role }))],
      members: rows.map((m) => ({ ...m, roleName: ROLE_NAMES[m.role] })),
      paging: pagination({ page: filter.page, total, path: '/team', query: { q: filter.q, role: filter.role } }),
    });
  });

  app.get('/team/new', { config: { access: 'team.manage' } }, async (_request, reply) =>
    reply.view('team/views/new.njk', { title: 'Add someone to this scheme', roles: roleItems(), backLink: '/team' }),
  );

  app.post('/team', { config: { access: 'team.manage' } }, (request, reply) =>
    submitForm(reply, {
      schema: newMemberForm,
      view: 'team/views/new.njk',
      context: {
        title: 'Add someone to this scheme',
        roles: roleItems((request.body as { role?: string } | undefined)?.role),
        backLink: '/team',
      },
      save: (form) => team.add(once(request), form),
      then: ({ id }) => reply.redirect(`/team/${id}?added=1`),
    }),
  );

  app.get('/team/:id', { config: { access: 'team.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await team.view(request.actor, id);
    return reply.view('team/views/member.njk', {
      title: found.name,
      member: { ...found, roleName: ROLE_NAMES[found.role] },
      roles: found.roles.map((r) => ({ ...r, roleName: ROLE_NAMES[r.role] })),
      added: (request.query as { added?: string }).added === '1',
      backLink: '/team',
    });
  });

  app.post('/team/:id/end', { config: { access: 'team.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    await team.end(request.actor, id);
    return reply.redirect(`/team/${id}`);
  });

  app.get('/api/v1/team', { config: { access: 'team.view' } }, async (request) => {
    const filter = listQuery.parse(request.query ?? {});
    const { total, rows } = await team.list(request.actor, filter);
    return {
      total,
      page: filter.page,
      members: rows.map(({ id, userId, name, email, role, since }) => ({ id, userId, name, email, role, since })),
    };
  });

  app.post('/api/v1/team', { config: { access: 'team.manage' } }, (request, reply) =>
    submitJson(reply, newMemberForm, (form) => team.add(request.actor, form)),
  );
}
