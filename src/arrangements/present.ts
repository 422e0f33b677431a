import { ARRANGEMENT_TYPE_NAMES } from '../carers/terms.js';
import type { Actor } from '../platform/http/types.js';
import type { ArrangementRecord } from './service.js';
import { ARRANGEMENT_STATUS_NAMES, FUNDER_NAMES, type ArrangementStatus } from './status.js';
import { isStaff } from '../platform/permissions/staff.js';

const TAG_CLASSES: Record<ArrangementStatus, string> = {
  starting: 'govuk-tag--blue',
  active: 'govuk-tag--green',
  paused: 'govuk-tag--yellow',
  ended: 'govuk-tag--grey',
};

export const statusTag = (status: ArrangementStatus) => ({ text: ARRANGEMENT_STATUS_NAMES[status], classes: TAG_CLASSES[status] });

/**
 * The parts of an arrangement's record, as its sub-navigation. Capabilities that hang off an
 * arrangement (bookings, support plan, daily notes, incidents, reviews) add their part here.
 */
export const SECTIONS = [
  { key: 'summary', text: 'Summary', path: '' },
  { key: 'agreements', text: 'Agreements', path: '/agreements' },
  { key: 'plan', text: 'Support plan', path: '/plan' },
  { key: 'notes', text: 'Daily notes', path: '/notes' },
  { key: 'reviews', text: 'Reviews', path: '/reviews' },
] as const;

export type Section = (typeof SECTIONS)[number]['key'];

const SAVED: Record<string, string> = {
  started: 'The arrangement has been recorded.',
  status: 'Its status has been changed.',
  ended: 'The arrangement has ended. Its record is kept.',
  issued: 'The agreement has been issued. Each party can now read and acknowledge it.',
  acknowledged: 'The acknowledgement has been recorded.',
  template: 'The template has been saved as a new version.',
};

export const savedMessage = (key: unknown) => (typeof key === 'string' ? SAVED[key] : undefined);

/** How the arrangement reads for whoever is looking: "You live with Ada Hart" for the person, names for everyone else. */
export function describe(record: ArrangementRecord, actor: Actor) {
  const { arrangement, person } = record;
  const typeName = ARRANGEMENT_TYPE_NAMES[arrangement.type];
  const self = actor.role === 'person' && person.userId === actor.userId;
  const plain = {
    live_in: self ? `You live with ${arrangement.carerName}` : `${person.name} lives with ${arrangement.carerName}`,
    short_breaks: self
      ? `You have short breaks with ${arrangement.carerName}`
      : `${person.name} has short breaks with ${arrangement.carerName}`,
    day_support: self ? `You spend days with ${arrangement.carerName}` : `${person.name} spends days with ${arrangement.carerName}`,
  }[arrangement.type];
  return {
    self,
    staff: isStaff(actor),
    heading: arrangement.status === 'ended' ? `${person.name} and ${arrangement.carerName}` : plain,
    typeName,
    funderName: FUNDER_NAMES[arrangement.funder],
    tag: statusTag(arrangement.status),
  };
}

/** What every page of an arrangement shows at the top: who, what, its status, and the record's sections. */
export function recordContext(record: ArrangementRecord, actor: Actor, section: Section, saved?: unknown) {
  const { arrangement } = record;
  const words = describe(record, actor);
  const current = SECTIONS.find((s) => s.key === section)!;
  return {
    title: section === 'summary' ? words.heading : `${current.text}: ${words.heading}`,
    ...record,
    words,
    sections: SECTIONS.map((s) => ({ ...s, href: `/arrangements/${arrangement.id}${s.path}`, current: s.key === section })),
    section,
    savedMessage: savedMessage(saved),
    backLink: '/arrangements',
  };
}
