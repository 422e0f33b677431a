import { ROLES, type Role } from './roles.js';

const everyone = ROLES;
const staff = ['scheme_manager', 'scheme_worker'] as const satisfies readonly Role[];
const schemeMembers = ROLES.filter((role) => role !== 'national_admin');

/**
 * What each role may do. Every route names one of these (or `public`), and the permission
 * matrix test requests every route as every role, so a rule cannot be forgotten.
 * Commissioners and national administrators see aggregates only, never personal records.
 */
export const PERMISSIONS = {
  'home.view': everyone,
  'account.manage': everyone,
  'carers.view': [...staff, 'carer'],
  'carers.manage': staff,
  'carers.settings': ['scheme_manager'],
  'due.view': [...staff, 'carer'],
  'people.view': [...staff, 'carer', 'person', 'circle_member'],
  'people.manage': staff,
  'people.settings': ['scheme_manager'],
  'matching.use': [...staff, 'carer', 'person', 'circle_member'],
  'matching.respond': [...staff, 'carer', 'person'],
  'matching.manage': staff,
  'matching.settings': ['scheme_manager'],
  'arrangements.view': [...staff, 'carer', 'person', 'circle_member'],
  'bookings.manage': staff,
  'bookings.settings': ['scheme_manager'],
  'availability.manage': [...staff, 'carer'],
  'arrangements.manage': staff,
  'arrangements.acknowledge': [...staff, 'carer', 'person'],
  'arrangements.settings': ['scheme_manager'],
  'support-plans.view': [...staff, 'carer', 'person', 'circle_member'],
  'support-plans.propose': ['carer', 'person', 'circle_member'],
  'support-plans.discuss': [...staff, 'carer', 'person', 'circle_member'],
  'support-plans.manage': staff,
  'notes.view': [...staff, 'carer'],
  'notes.write': [...staff, 'carer'],
  'incidents.view': [...staff, 'carer'],
  'incidents.record': [...staff, 'carer'],
  'incidents.manage': staff,
  'attention.use': staff,
  'reviews.view': [...staff, 'carer', 'person', 'circle_member'],
  'reviews.manage': staff,
  'reviews.person': [...staff, 'person'],
  'reviews.carer': [...staff, 'carer'],
  'reviews.settings': ['scheme_manager'],
  'panel.view': [...staff, 'panel_member'],
  'panel.manage': staff,
  'panel.sit': ['panel_member'],
  'panel.decide': ['scheme_manager'],
  'payments.view': ['scheme_manager', 'carer'],
  'coproduction.view': [...schemeMembers.filter((role) => role !== 'commissioner')],
  'time-credits.view': [...staff, 'carer', 'person', 'ambassador'],
  'homeshare.view': staff,
  'outcomes.view': [...staff, 'person', 'circle_member'],
  'reports.view': ['scheme_manager', 'commissioner', 'national_admin'],
  'team.view': ['scheme_manager'],
  'team.manage': ['scheme_manager'],
  'audit.view': ['scheme_manager', 'national_admin'],
  'outbox.view': ['scheme_manager', 'national_admin'],
  'schemes.manage': ['national_admin'],
  'my-hearth.use': ['person'],
  'attention.manage': staff,
  /** The national postcode files: reference data every scheme uses. */
  'postcodes.settings': ['scheme_manager', 'national_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
/** `public` routes need no sign-in; `signed-in` routes need a session but no role (choosing a scheme). */
export type Access = Permission | 'public' | 'signed-in';

export const can = (role: Role | null | undefined, permission: Permission): boolean =>
  role != null && (PERMISSIONS[permission] as readonly Role[]).includes(role);

export const isAccess = (value: unknown): value is Access =>
  value === 'public' || value === 'signed-in' || (typeof value === 'string' && value in PERMISSIONS);
