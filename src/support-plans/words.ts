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
