export const ROLES = [
  'scheme_manager',
  'scheme_worker',
  'carer',
  'person',
  'circle_member',
  'ambassador',
  'panel_member',
  'commissioner',
  'national_admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  scheme_manager: 'Scheme manager',
  scheme_worker: 'Scheme worker',
  carer: 'Shared Lives carer',
  person: 'Person who uses Shared Lives',
  circle_member: 'Circle of support',
  ambassador: 'Ambassador',
  panel_member: 'Approval panel member',
  commissioner: 'Commissioner',
  national_admin: 'National administrator',
};

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
