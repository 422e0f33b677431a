import type { SymbolName } from '../platform/easy-read/symbols.js';

/** The fixed lists of support plans' proposals, with the words shown for each. */

export const PROPOSAL_KINDS = ['change', 'comment'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** Open until the worker replies (discussing) or decides: accepted (a new version), declined (with a reason), or noted (a comment read). */
export const PROPOSAL_STATUSES = ['open', 'discussing', 'accepted', 'declined', 'noted'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const OPEN_STATUSES = ['open', 'discussing'] as const satisfies readonly ProposalStatus[];

export const STATUS_NAMES: Record<ProposalStatus, string> = {
  open: 'Waiting for the worker',
  discussing: 'Being talked about',
  accepted: 'Accepted',
  declined: 'Not accepted',
  noted: 'Read by the worker',
};

export const STATUS_CLASSES: Record<ProposalStatus, string> = {
  open: 'govuk-tag--blue',
  discussing: 'govuk-tag--yellow',
  accepted: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  noted: 'govuk-tag--grey',
};

/** Who may propose: the person, someone in their circle of support, the carer. */
export const PARTY_ROLES = ['person', 'circle_member', 'carer'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const AUTHOR_AS: Record<string, string> = {
  person: 'The person',
  circle_member: 'Circle of support',
  carer: 'Shared Lives carer',
  scheme_worker: 'Scheme worker',
  scheme_manager: 'Scheme manager',
};

/** What the person may want changed in a part of their plan, as pictures to choose in Easy Read, and the words each sends. */
export const CHANGE_SYMBOLS = [
  { value: 'more-help', symbol: 'help', words: 'More help', says: 'I want more help with this.' },
  { value: 'myself', symbol: 'person', words: 'Do it myself', says: 'I want to do more of this myself.' },
  { value: 'time', symbol: 'time', words: 'A different time', says: 'I want this at a different time.' },
  { value: 'new', symbol: 'important', words: 'Something new', says: 'I want to try something new.' },
  { value: 'stop', symbol: 'stop', words: 'Stop this', says: 'I want this to stop.' },
  { value: 'talk', symbol: 'meet', words: 'Talk about it', says: 'I want to talk about this.' },
] as const satisfies readonly { value: string; symbol: SymbolName; words: string; says: string }[];

export type ChangeSymbol = (typeof CHANGE_SYMBOLS)[number]['value'];
export const CHANGE_VALUES = CHANGE_SYMBOLS.map((s) => s.value) as [ChangeSymbol, ...ChangeSymbol[]];
