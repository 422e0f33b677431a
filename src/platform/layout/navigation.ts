import { can, type Permission } from '../permissions/permissions.js';
import type { Role } from '../permissions/roles.js';

export interface Destination {
  href: string;
  title: string;
  description: string;
  permission: Permission;
  /** Built in a later milestone: the page says what is coming. */
  comingSoon?: boolean;
  /** Shown in the top navigation as well as on the home page. */
  inNavigation?: boolean;
}

/** Where each role can go: the home page and the top navigation are both made from this list. */
export const DESTINATIONS: Destination[] = [
  {
    href: '/carers',
    title: 'Carers',
    description: 'Enquiries, assessments, checks, approval and yearly reviews.',
    permission: 'carers.view',
    inNavigation: true,
  },
  {
    href: '/due',
    title: 'What is due',
    description:
      'Checks, training, yearly reviews, home safety checks, and arrangements’ visits and reviews, that are overdue or due in the next 30 days.',
    permission: 'due.view',
    inNavigation: true,
  },
  {
    href: '/people',
    title: 'People',
    description: 'Referrals, one-page profiles, communication needs, and who is waiting for a match.',
    permission: 'people.view',
    inNavigation: true,
  },
  {
    href: '/matching',
    title: 'Matching',
    description: 'Suggested matches, explained, and introductions where both sides say yes.',
    permission: 'matching.use',
    comingSoon: false,
    inNavigation: true,
  },
  {
    href: '/arrangements',
    title: 'Living together',
    description: 'Arrangements, agreements, support plans, daily notes and reviews.',
    permission: 'arrangements.view',
    inNavigation: true,
  },
  {
    href: '/attention',
    title: 'Needs attention',
    description: 'Flagged daily notes, serious incidents, safeguarding concerns and notifications to CQC waiting for someone to act.',
    permission: 'attention.use',
  },
  {
    href: '/notes',
    title: 'Daily notes',
    description: 'Carers’ short notes about each day: what happened, how the person seemed, anything flagged.',
    permission: 'notes.view',
  },
  {
    href: '/incidents',
    title: 'Incidents and safeguarding',
    description: 'Incidents and safeguarding concerns, what was done, and notifications to CQC.',
    permission: 'incidents.view',
  },
  {
    href: '/calendar',
    title: 'Short breaks calendar',
    description: 'Short breaks and day support: who is staying where and when, carers’ availability and nights off.',
    permission: 'arrangements.view',
    inNavigation: true,
  },
  {
    href: '/messages',
    title: 'Messages from people',
    description:
      'Worries, complaints, calls for help and moods that are not OK, sent by people from their own Hearth: read, reply and mark dealt with.',
    permission: 'attention.manage',
  },
  { href: '/panel', title: 'Approval panel', description: 'Panel dates, papers and recommendations.', permission: 'panel.view' },
  {
    href: '/payments',
    title: 'Payments',
    description: 'Carer payments by band, night and session, and exports to finance.',
    permission: 'payments.view',
    comingSoon: true,
  },
  {
    href: '/coproduction',
    title: 'Coproduction',
    description: 'The Charter, local groups deciding together, and "you said, we did".',
    permission: 'coproduction.view',
    comingSoon: true,
  },
  {
    href: '/time-credits',
    title: 'Time Credits',
    description: 'Hours given and spent.',
    permission: 'time-credits.view',
    comingSoon: true,
  },
  {
    href: '/homeshare',
    title: 'Homeshare',
    description: 'Householders and homesharers, matched.',
    permission: 'homeshare.view',
    comingSoon: true,
  },
  {
    href: '/outcomes',
    title: 'Outcomes',
    description: 'Wellbeing across the Care Act areas, over time.',
    permission: 'outcomes.view',
    comingSoon: true,
  },
  {
    href: '/reports',
    title: 'Reports',
    description: 'Growth, savings and outcomes, with charts.',
    permission: 'reports.view',
    comingSoon: true,
    inNavigation: true,
  },
  {
    href: '/team',
    title: 'Team and access',
    description: 'Who can sign in to this scheme, and as what.',
    permission: 'team.view',
    inNavigation: true,
  },
  {
    href: '/audit',
    title: 'Audit log',
    description: 'Who looked at or changed which record, and when.',
    permission: 'audit.view',
    inNavigation: true,
  },
  {
    href: '/settings',
    title: 'Settings',
    description:
      'Everything this scheme sets for itself: checks, support needs, matching, introductions, reviews, agreements, short breaks and postcodes.',
    permission: 'settings.view',
    inNavigation: true,
  },
  {
    href: '/outbox',
    title: 'Outbox',
    description: 'Email Hearth has sent, or keeps here to pass on when it has no email settings: sign-in links, for example.',
    permission: 'outbox.view',
  },
  {
    href: '/schemes',
    title: 'Schemes',
    description: 'Every scheme on this Hearth, and adding a new one.',
    permission: 'schemes.manage',
    inNavigation: true,
  },
];

export const destinationsFor = (role: Role | null) => DESTINATIONS.filter((d) => can(role, d.permission));

export function navigationFor(role: Role | null, currentPath: string) {
  if (!role) return [];
  const items = destinationsFor(role).filter((d) => d.inNavigation);
  return [{ href: '/', text: 'Home' }, ...items.map((d) => ({ href: d.href, text: d.title }))].map((item) => ({
    ...item,
    active: item.href === '/' ? currentPath === '/' : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
  }));
}
