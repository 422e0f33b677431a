import { ROLE_NAMES, ROLES, type Role } from '../platform/permissions/roles.js';

export interface DemoSignIn {
  role: Role;
  email: string;
}

const LOCAL_PART: Record<Role, string> = {
  scheme_manager: 'manager',
  scheme_worker: 'worker',
  carer: 'carer',
  person: 'person',
  circle_member: 'circle',
  ambassador: 'ambassador',
  panel_member: 'panel',
  commissioner: 'commissioner',
  national_admin: 'national',
};

/** One sign-in per role in Northbrook, the first demo scheme (the national administrator's is in no scheme). */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = ROLES.map((role) => ({
  role,
  email: `${LOCAL_PART[role]}@demo.hearth.example`,
}));

/** The manager of Eastmere, the second demo scheme, for seeing that one scheme cannot see another. */
export const SECOND_SCHEME_SIGN_IN: DemoSignIn = {
  role: 'scheme_manager',
  email: 'manager@eastmere.hearth.example',
};

/**
 * A second person sign-in in Northbrook, who lives with the carer sign-in: a supported person's own pages
 * (their home, agreements, support plan, daily notes and reviews), where person@… is waiting for a match.
 */
export const LIVES_WITH_CARER_SIGN_IN: DemoSignIn = {
  role: 'person',
  email: 'lives-with-carer@demo.hearth.example',
};

/** The lines to print at start-up (no faker here: every start prints them, and loading faker takes a tenth of a second): who to sign in as, and with which password. */
export function formatSignIns(password: string): string[] {
  const line = (s: Pick<DemoSignIn, 'role' | 'email'>, note = '') => `  ${(ROLE_NAMES[s.role] + note).padEnd(42)} ${s.email}`;
  return [
    ...DEMO_SIGN_INS.map((s) => (s.role === 'person' ? `${line(s)} (waiting for a match)` : line(s))),
    line(LIVES_WITH_CARER_SIGN_IN, ' (lives with the carer)'),
    line(SECOND_SCHEME_SIGN_IN, ' (Eastmere)'),
    `  Password for every demo sign-in: ${password}`,
  ];
}
