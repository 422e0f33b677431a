import { ARRANGEMENT_TYPE_NAMES, type ArrangementType } from '../carers/terms.js';

/**
 * An arrangement's life, from starting to ended. Pure: which changes are allowed and what each
 * needs; whether a carer's approval terms allow one more; what the person's status becomes.
 * The service applies these; the database keeps every change and refuses what breaks the terms.
 */
export const ARRANGEMENT_STATUSES = ['starting', 'active', 'paused', 'ended'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];

export const ARRANGEMENT_STATUS_NAMES: Record<ArrangementStatus, string> = {
  starting: 'Starting',
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
};

/** Arrangements still going: they count against the carer's terms and keep the person supported. */
export const LIVE: readonly ArrangementStatus[] = ['starting', 'active', 'paused'];

export const FUNDERS = ['council', 'nhs', 'personal_budget', 'direct_payment', 'self_funded'] as const;
export type Funder = (typeof FUNDERS)[number];

export const FUNDER_NAMES: Record<Funder, string> = {
  council: 'The council',
  nhs: 'The NHS',
  personal_budget: 'A personal budget',
  direct_payment: 'A direct payment',
  self_funded: 'The person pays themselves',
};

export const END_KINDS = ['planned', 'unplanned'] as const;
export type EndKind = (typeof END_KINDS)[number];

export const END_KIND_NAMES: Record<EndKind, string> = {
  planned: 'Planned: a good goodbye, as agreed',
  unplanned: 'Unplanned: it ended sooner than anyone planned',
};

/** When a person's last arrangement ends, what their record says next. */
export const PERSON_NEXT = ['waiting', 'moved_on'] as const;
export type PersonNext = (typeof PERSON_NEXT)[number];

export const PERSON_NEXT_NAMES: Record<PersonNext, string> = {
  waiting: 'Back to waiting for a new match',
  moved_on: 'Moved on: they no longer need Shared Lives',
};

type Move = { action: string; reason: 'required' | 'optional' };

/** Changes made on the status page. Ending has its own page, with what happens next. */
const MOVES: Record<ArrangementStatus, Partial<Record<ArrangementStatus, Move>>> = {
  starting: {
    active: { action: 'Active: the arrangement is under way', reason: 'optional' },
    paused: { action: 'Pause it for now', reason: 'required' },
  },
  active: {
    paused: { action: 'Pause it for now', reason: 'required' },
  },
  paused: {
    active: { action: 'Resume: the arrangement is going again', reason: 'optional' },
  },
  ended: {},
};

export const statusMoves = (from: ArrangementStatus) =>
  Object.entries(MOVES[from]).map(([to, move]) => ({ to: to as ArrangementStatus, ...move }));

export interface StatusRequest {
  to: ArrangementStatus;
  on: string;
  reason?: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** One change of status on the status page, against the rules. Dates are YYYY-MM-DD. */
export function changeStatus(
  current: { status: ArrangementStatus; since: string },
  request: StatusRequest,
  today: string,
): Checked<{ to: ArrangementStatus; on: string; reason: string | null }> {
  const move = MOVES[current.status][request.to];
  if (!move)
    return {
      ok: false,
      field: 'to',
      message: `A ${ARRANGEMENT_STATUS_NAMES[current.status].toLowerCase()} arrangement cannot change to ${ARRANGEMENT_STATUS_NAMES[request.to].toLowerCase()}`,
    };
  if (request.on > today) return { ok: false, field: 'on', message: 'The date must be today or in the past' };
  if (request.on < current.since)
    return { ok: false, field: 'on', message: 'The date must be on or after the day its current status began' };
  const reason = request.reason?.trim() || null;
  if (move.reason === 'required' && !reason) return { ok: false, field: 'reason', message: 'Say why it is paused' };
  return { ok: true, value: { to: request.to, on: request.on, reason } };
}

export interface EndRequest {
  on: string;
  kind: EndKind;
  reason: string;
  whatsNext: string;
}

/** Ending: on or after it started and its current status began, and not in the future. */
export function endArrangement(
  current: { status: ArrangementStatus; since: string; startsOn: string },
  request: EndRequest,
  today: string,
): Checked<EndRequest> {
  if (current.status === 'ended') return { ok: false, field: 'on', message: 'This arrangement has already ended' };
  if (request.on > today) return { ok: false, field: 'on', message: 'The date it ended must be today or in the past' };
  const earliest = current.since > current.startsOn ? current.since : current.startsOn;
  if (request.on < earliest)
    return { ok: false, field: 'on', message: 'The date it ended must be on or after it started and its current status began' };
  return { ok: true, value: { ...request, reason: request.reason.trim(), whatsNext: request.whatsNext.trim() } };
}

/** The carer's approval terms as they stand: the latest decision, if any, and where they are on their journey. */
export interface CarerStanding {
  name: string;
  approved: boolean;
  maxPeople: number | null;
  arrangementTypes: readonly ArrangementType[];
  /** Live-in arrangements not ended, not counting the one being checked. */
  liveIn: number;
}

/**
 * Whether the carer's terms allow this arrangement: the same rules as the database trigger
 * (`hearth_check_arrangement`), said in words a worker can act on.
 */
export function withinTerms(carer: CarerStanding, type: ArrangementType): { ok: true } | { ok: false; message: string } {
  if (!carer.approved)
    return { ok: false, message: `${carer.name} is not an approved carer at the moment, so cannot start an arrangement` };
  if (!carer.arrangementTypes.includes(type)) {
    const approvedFor = carer.arrangementTypes.map((t) => ARRANGEMENT_TYPE_NAMES[t].toLowerCase()).join(', ') || 'nothing';
    return { ok: false, message: `${carer.name} is approved for ${approvedFor}, not ${ARRANGEMENT_TYPE_NAMES[type].toLowerCase()}` };
  }
  if (type === 'live_in' && carer.liveIn + 1 > (carer.maxPeople ?? 0)) {
    const most = carer.maxPeople === 1 ? '1 person' : `${carer.maxPeople} people`;
    return { ok: false, message: `${carer.name} is approved for ${most} living with them and already has ${carer.liveIn}` };
  }
  return { ok: true };
}

const TYPE_ORDER: readonly ArrangementType[] = ['live_in', 'short_breaks', 'day_support'];

/** The kinds of support a person has: those of their live arrangements, in the usual order. */
export const typesOf = (arrangements: readonly { type: ArrangementType; status: ArrangementStatus }[]): ArrangementType[] =>
  TYPE_ORDER.filter((t) => arrangements.some((a) => a.type === t && LIVE.includes(a.status)));
