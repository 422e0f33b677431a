import { addMonths, daysBetween, type IsoDate } from '../../platform/dates.js';

/**
 * Whether a check or training course is in date. Pure, so it can be tested for every case:
 * a requirement is met by enough satisfactory records whose expiry has not passed.
 */
export const DUE_SOON_DAYS = 30;

export const OUTCOMES = ['satisfactory', 'follow_up', 'unsatisfactory'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DUE_STATUSES = ['missing', 'overdue', 'due_soon', 'ok'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];

export const DUE_STATUS_NAMES: Record<DueStatus, string> = {
  missing: 'Missing',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  ok: 'Up to date',
};

/** Worst first: the order of the "What is due" page. */
export const SEVERITY: Record<DueStatus, number> = { missing: 0, overdue: 1, due_soon: 2, ok: 3 };

export interface Evidence {
  completedOn: IsoDate;
  /** The last day it is valid; null when it never expires (a reference, say). */
  expiresOn: IsoDate | null;
  outcome: Outcome;
}

export const counts = (e: Evidence) => e.outcome !== 'unsatisfactory';

/** The expiry a new record gets, from how long that kind of check lasts. */
export const expiryFor = (completedOn: IsoDate, validMonths: number | null): IsoDate | null =>
  validMonths ? addMonths(completedOn, validMonths) : null;

/** For anything with a date it is due by: past it is overdue; within 30 days, due soon. */
export function statusOn(dueOn: IsoDate | null, today: IsoDate): Exclude<DueStatus, 'missing'> {
  if (dueOn === null) return 'ok';
  const days = daysBetween(today, dueOn);
  if (days < 0) return 'overdue';
  return days <= DUE_SOON_DAYS ? 'due_soon' : 'ok';
}

const laterExpiryFirst = (a: Evidence, b: Evidence) => {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return -1;
    if (b.expiresOn === null) return 1;
    return a.expiresOn < b.expiresOn ? 1 : -1;
  }
  return a.completedOn < b.completedOn ? 1 : a.completedOn > b.completedOn ? -1 : 0;
};

export interface RequirementStatus {
  status: DueStatus;
  /** When it next needs doing: the earliest expiry of the records that count; null if missing or never expiring. */
  dueOn: IsoDate | null;
  /** The records that meet the requirement, best first. */
  counted: Evidence[];
}

/** A requirement for `howMany` records (two references, say), judged on `today`. */
export function requirementStatus<E extends Evidence>(
  records: readonly E[],
  howMany: number,
  today: IsoDate,
): RequirementStatus & { counted: E[] } {
  const counted = records
    .filter((r) => counts(r) && r.completedOn <= today)
    .sort(laterExpiryFirst)
    .slice(0, howMany);
  if (counted.length < howMany) return { status: 'missing', dueOn: null, counted };
  const expiries = counted.map((r) => r.expiresOn).filter((d): d is IsoDate => d !== null);
  const dueOn = expiries.length ? expiries.reduce((a, b) => (a < b ? a : b)) : null;
  return { status: statusOn(dueOn, today), dueOn, counted };
}
