import type { CarerRecord } from './service.js';
import { CLOSED, CURRENT, STAGE_NAMES, type CarerStage } from './stages.js';
import { describeTerms } from './terms.js';
import { DUE_STATUS_NAMES, type DueStatus } from './checks/expiry.js';

/** The tag colour for a stage: approved green, paused yellow, closed grey, on the way blue. */
export function stageTag(stage: CarerStage) {
  const classes = CURRENT.includes(stage)
    ? stage === 'approved'
      ? 'govuk-tag--green'
      : 'govuk-tag--yellow'
    : CLOSED.includes(stage)
      ? 'govuk-tag--grey'
      : 'govuk-tag--blue';
  return { text: STAGE_NAMES[stage], classes };
}

export function dueTag(status: DueStatus, required = true) {
  if (status === 'missing' && !required) return { text: 'Not done (optional)', classes: 'govuk-tag--grey' };
  const classes = { missing: 'govuk-tag--red', overdue: 'govuk-tag--red', due_soon: 'govuk-tag--orange', ok: 'govuk-tag--green' }[status];
  return { text: DUE_STATUS_NAMES[status], classes };
}

export const SECTIONS = [
  { key: 'summary', text: 'Summary', path: '' },
  { key: 'household', text: 'Home and household', path: '/household' },
  { key: 'checks', text: 'Checks and training', path: '/checks' },
  { key: 'approval', text: 'Approval', path: '/approval' },
  { key: 'reviews', text: 'Yearly reviews', path: '/reviews' },
  { key: 'history', text: 'History', path: '/history' },
  { key: 'matching', text: 'Matching', path: '/matching', staffOnly: true },
] as const;

export type Section = (typeof SECTIONS)[number]['key'];

const SAVED: Record<string, string> = {
  added: 'The enquiry has been added.',
  details: 'Their details have been saved.',
  stage: 'Their stage has been changed.',
  home: 'Their home details have been saved.',
  member: 'Their household has been saved.',
  check: 'The check or training has been recorded.',
  review: 'The yearly review has been recorded.',
};

export const savedMessage = (key: unknown) => (typeof key === 'string' ? SAVED[key] : undefined);

export const daysText = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/** What every page of a carer's record shows at the top: name, stage, and the record's sections. */
export function recordContext(record: CarerRecord, section: Section, staff: boolean, saved?: unknown) {
  const { carer, terms } = record;
  const current = SECTIONS.find((s) => s.key === section)!;
  return {
    title: section === 'summary' ? carer.name : `${current.text}: ${carer.name}`,
    carer: { ...carer, daysText: daysText(carer.daysInStage) },
    staff,
    savedMessage: savedMessage(saved),
    stage: stageTag(carer.stage),
    terms: terms
      ? describeTerms({ maxPeople: terms.maxPeople!, arrangementTypes: terms.arrangementTypes ?? [], needs: terms.needs ?? [] })
      : null,
    sections: SECTIONS.filter((s) => staff || !('staffOnly' in s)).map((s) => ({
      ...s,
      href: `/carers/${carer.id}${s.path}`,
      current: s.key === section,
    })),
    section,
    backLink: staff ? '/carers' : undefined,
  };
}
