/** Where a person who uses Shared Lives is on their journey, from referral to moving on. */
export const PERSON_STATUSES = ['referred', 'assessing', 'waiting', 'introductions', 'supported', 'moved_on', 'declined'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const STATUS_NAMES: Record<PersonStatus, string> = {
  referred: 'Referred',
  assessing: 'Assessing',
  waiting: 'Waiting for a match',
  introductions: 'Introductions',
  supported: 'Supported',
  moved_on: 'Moved on',
  declined: 'Referral declined',
};

export const ARRANGEMENT_TYPES = ['live_in', 'short_breaks', 'day_support'] as const;
export type ArrangementType = (typeof ARRANGEMENT_TYPES)[number];

export const ARRANGEMENT_NAMES: Record<ArrangementType, string> = {
  live_in: 'Live-in (long-term)',
  short_breaks: 'Short breaks',
  day_support: 'Day support',
};

type Move = { reason: 'required' | 'optional'; action: string };

/**
 * Which moves are allowed, and whether each needs a reason. Going forward needs none; going back,
 * declining or moving on says why. "Supported" to "supported" changes the kinds of arrangement.
 */
const MOVES: Record<PersonStatus, Partial<Record<PersonStatus, Move>>> = {
  referred: {
    assessing: { reason: 'optional', action: 'Accept the referral and start assessing' },
    declined: { reason: 'required', action: 'Decline the referral' },
  },
  assessing: {
    waiting: { reason: 'optional', action: 'Assessment done: waiting for a match' },
    moved_on: { reason: 'required', action: 'Moved on before a match' },
  },
  waiting: {
    introductions: { reason: 'optional', action: 'Introductions to a Shared Lives carer have started' },
    assessing: { reason: 'required', action: 'Back to assessing' },
    moved_on: { reason: 'required', action: 'Moved on without a match' },
  },
  introductions: {
    supported: { reason: 'optional', action: 'Supported: the arrangement has started' },
    waiting: { reason: 'required', action: 'Introductions stopped: waiting for a match again' },
    moved_on: { reason: 'required', action: 'Moved on' },
  },
  supported: {
    supported: { reason: 'optional', action: 'Change the kinds of support' },
    waiting: { reason: 'required', action: 'Arrangement ended: waiting for a new match' },
    moved_on: { reason: 'required', action: 'Moved on' },
  },
  moved_on: {},
  declined: {},
};

export interface Current {
  status: PersonStatus;
  /** The day the current status began, as YYYY-MM-DD. */
  since: string;
  arrangementTypes: readonly ArrangementType[];
}

export interface StatusRequest {
  to: PersonStatus;
  /** The day it happened, as YYYY-MM-DD. */
  on: string;
  reason?: string | null;
  arrangementTypes?: readonly ArrangementType[];
}

export interface StatusChange {
  from: PersonStatus;
  to: PersonStatus;
  on: string;
  reason: string | null;
  arrangementTypes: ArrangementType[];
}

export type TransitionResult =
  { ok: true; change: StatusChange } | { ok: false; field: 'to' | 'on' | 'reason' | 'arrangementTypes'; message: string };

/** The moves open from a status, in the order to offer them. */
export const nextMoves = (from: PersonStatus) => Object.entries(MOVES[from]).map(([to, move]) => ({ to: to as PersonStatus, ...move }));

export const isFinal = (status: PersonStatus) => nextMoves(status).length === 0;

/** Checks one change of status against the rules: pure, so the same answer on every page and import. */
export function transition(current: Current, request: StatusRequest, today: string): TransitionResult {
  const move = MOVES[current.status][request.to];
  if (!move) {
    return {
      ok: false,
      field: 'to',
      message: `${STATUS_NAMES[current.status]} cannot change to ${STATUS_NAMES[request.to].toLowerCase()}`,
    };
  }
  if (request.on > today) return { ok: false, field: 'on', message: 'The date must be today or in the past' };
  if (request.on < current.since)
    return { ok: false, field: 'on', message: 'The date must be on or after the day the current status began' };
  const reason = request.reason?.trim() || null;
  if (move.reason === 'required' && !reason) return { ok: false, field: 'reason', message: 'Say why' };
  const types = request.to === 'supported' ? [...new Set(request.arrangementTypes ?? [])].sort(byArrangementOrder) : [];
  if (request.to === 'supported' && types.length === 0)
    return { ok: false, field: 'arrangementTypes', message: 'Choose at least one kind of support' };
  if (current.status === 'supported' && request.to === 'supported' && sameTypes(types, current.arrangementTypes)) {
    return { ok: false, field: 'arrangementTypes', message: 'Choose different kinds of support from now' };
  }
  return { ok: true, change: { from: current.status, to: request.to, on: request.on, reason, arrangementTypes: types } };
}

const byArrangementOrder = (a: ArrangementType, b: ArrangementType) => ARRANGEMENT_TYPES.indexOf(a) - ARRANGEMENT_TYPES.indexOf(b);
const sameTypes = (a: readonly ArrangementType[], b: readonly ArrangementType[]) =>
  a.length === b.length && [...b].sort(byArrangementOrder).every((t, i) => a[i] === t);

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "3 days", "5 weeks", "1 year and 2 months": how long someone has waited, in plain words. */
export function howLong(days: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days < 14) return plural(Math.max(0, days), 'day');
  if (days < 91) return plural(Math.floor(days / 7), 'week');
  if (days < 365) return plural(Math.floor(days / 30.4), 'month');
  const years = Math.floor(days / 365);
  const rest = Math.floor((days - years * 365) / 30.4);
  return rest ? `${plural(years, 'year')} and ${plural(rest, 'month')}` : plural(years, 'year');
}
