import type { FastifyInstance } from 'fastify';
import { can, type Permission } from '../platform/permissions/permissions.js';

interface Setting {
  href: string;
  title: string;
  description: string;
  permission: Permission;
}

/** Every setting a scheme makes for itself, each on its capability's own page: this page only gathers them. */
export const SETTINGS: readonly Setting[] = [
  {
    href: '/carers/settings/checks',
    title: 'Checks and training carers need',
    description: 'Which checks and training each carer and household member needs, and how often they are renewed.',
    permission: 'carers.settings',
  },
  {
    href: '/people/settings/needs',
    title: 'Support needs this scheme records',
    description: 'The kinds of support need a person’s record can list.',
    permission: 'people.settings',
  },
  {
    href: '/matching/settings',
    title: 'Matching',
    description: 'How much each thing counts when carers are suggested for a person, and the furthest a carer may live.',
    permission: 'matching.settings',
  },
  {
    href: '/matching/settings#introductionSteps',
    title: 'Introduction steps',
    description: 'The steps of introductions, in order: a first meeting, a tea visit, an overnight stay, a trial period.',
    permission: 'matching.settings',
  },
  {
    href: '/arrangements/settings/reviews',
    title: 'Review schedule',
    description: 'How often arrangements are visited and reviewed, from the first months to every year.',
    permission: 'reviews.settings',
  },
  {
    href: '/arrangements/settings/agreements',
    title: 'Agreement templates',
    description: 'The words of each agreement, in full and in Easy Read, kept as versions.',
    permission: 'arrangements.settings',
  },
  {
    href: '/calendar/settings',
    title: 'Short breaks',
    description: 'Whether people may book their own short breaks, and carers’ yearly nights off.',
    permission: 'bookings.settings',
  },
  {
    href: '/settings/postcodes',
    title: 'Postcode lookup',
    description: 'Where postcodes are found, for distances in matching: the national postcode file, or an online lookup.',
    permission: 'settings.view',
  },
];

/** The manager's Settings page: a link to every scheme setting there is. */
export function settingsRoutes(app: FastifyInstance) {
  app.get('/settings', { config: { access: 'settings.view' } }, async (request, reply) =>
    reply.view('settings/views/settings.njk', {
      title: 'Settings',
      settings: SETTINGS.filter((s) => can(request.actor.role, s.permission)),
    }),
  );
}
