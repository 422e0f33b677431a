import type { IsoDate } from '../../platform/dates.js';
import { requirementStatus, type DueStatus, type Evidence } from './expiry.js';

export interface CheckType {
  id: string;
  name: string;
  kind: 'check' | 'training';
  appliesTo: 'carer' | 'every_adult';
  validMonths: number | null;
  howMany: number;
  required: boolean;
}

export interface CheckRecord extends Evidence {
  id: string;
  checkTypeId: string;
  householdMemberId: string | null;
}

export interface Person {
  /** Null for the carer; a household member's id otherwise. */
  memberId: string | null;
  name: string;
}

export interface Requirement<R extends CheckRecord = CheckRecord> {
  type: CheckType;
  who: Person;
  status: DueStatus;
  dueOn: IsoDate | null;
  /** The newest record for this check and person, whatever its outcome. */
  latest: R | null;
}

/**
 * Every check and course a carer needs, person by person: the carer for each, and each adult
 * living in the household for checks that apply to every adult (DBS). Pure: the caller passes
 * the adults as they are today.
 */
export function requirementsFor<R extends CheckRecord>(
  types: readonly CheckType[],
  carer: Person,
  adults: readonly Person[],
  records: readonly R[],
  today: IsoDate,
): Requirement<R>[] {
  return types.flatMap((type) => {
    const people = type.appliesTo === 'every_adult' ? [carer, ...adults] : [carer];
    return people.map((who) => {
      const mine = records.filter((r) => r.checkTypeId === type.id && r.householdMemberId === who.memberId);
      const { status, dueOn } = requirementStatus(mine, type.howMany, today);
      const latest = [...mine].sort((a, b) => (a.completedOn < b.completedOn ? 1 : a.completedOn > b.completedOn ? -1 : 0))[0] ?? null;
      return { type, who, status, dueOn, latest };
    });
  });
}

/** Whether a requirement belongs on "What is due": anything overdue or due soon, and missing ones the scheme requires. */
export const isDue = (r: Requirement) => r.status === 'overdue' || r.status === 'due_soon' || (r.status === 'missing' && r.type.required);
