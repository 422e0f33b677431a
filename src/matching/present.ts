import { SMOKING_NAMES } from '../carers/household.js';
import { formatDate } from '../platform/layout/views.js';
import { NEED_NAMES as COMMUNICATION_NEED_NAMES, type CommunicationNeed, type ConsentArea } from '../people/words.js';
import { milesText, type WorkerNote } from './engine/index.js';
import type { CarerProfile, PersonForCarer, ProposalRecord } from './service.js';
import { STAGE_NAMES, type Side, type Stage } from './workflow.js';

/** Matching's words for pages: plain English, about "you" when the reader is the person or the carer. */

export const SHARE_NAMES: Record<Exclude<ConsentArea, 'daily_notes'>, string> = {
  profile: 'Their one-page profile (what people like about them, what matters to them, how to support them)',
  matching: 'What they want from a home: interests, routines, faith, culture and languages',
  support_plan: 'Their support needs, in outline (not health or medication)',
};

export const ANSWER_NAMES = {
  person: { yes: 'Yes, I would like to meet', maybe: 'Maybe: I want to think about it', no: 'No, thank you' },
  carer: { yes: 'Yes, I would like to meet', no: 'No, thank you' },
} as const;

export const NOTE_VIEW_NAMES: Record<WorkerNote['view'], string> = {
  hopeful: 'Hopeful',
  neutral: 'Neither hopeful nor worried',
  worried: 'A worry',
};

/** The distance between the person and a carer, or that it is not known. */
export const distanceWords = (miles: number | null) => (miles === null ? 'Distance not known' : `${capital(milesText(miles))} away`);

const SIDE_NAMES: Record<Side | 'scheme', string> = { person: 'the person', carer: 'the carer', scheme: 'the scheme' };

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const listed = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** When the person's match with another carer is agreed, what each reader is told of their other proposals. */
export const CHOSE_ANOTHER: Record<'staff' | Side | 'circle', string> = {
  staff: 'Closed: a match with another carer was agreed',
  carer: 'They chose to go ahead with another carer. Thank you for being open to meeting them',
  person: 'You chose another carer',
  circle: 'They chose another carer',
};

/** What the person or the carer reads of why they might get on: only what is known and counts. */
export const reasonsFor = <C extends { points: number; known?: boolean }>(contributions: readonly C[]) =>
  contributions.filter((c) => c.points > 0 && c.known !== false);

/** An explanation for staff: what counted, with points, and what is not known (so earned nothing). */
export function explained<C extends { known?: boolean }>(contributions: readonly C[]) {
  return { said: contributions.filter((c) => c.known !== false), notKnown: contributions.filter((c) => c.known === false) };
}

/** How complete the picture behind a score is: "based on 5 of 8 things". Kept explanations from before `known` count every factor. */
export function completeness(contributions: readonly { known?: boolean }[]) {
  const known = contributions.filter((c) => c.known !== false).length;
  return { known, of: contributions.length, text: `based on ${known} of ${contributions.length} things` };
}

/** Where a proposal has got to, in a few words for lists, and what is needed next (for staff). */
export function stageWords(
  stage: Stage,
  p: Pick<ProposalRecord, 'stoppedBy' | 'personAnswer' | 'closedByMatchId'>,
  reader: 'staff' | Side | 'circle' = 'staff',
) {
  const who = (side: Side | 'date') =>
    side === 'date'
      ? 'a date from the scheme'
      : reader === side
        ? 'you'
        : side === 'person'
          ? reader === 'carer'
            ? 'them'
            : 'the person'
          : 'the carer';
  switch (stage.stage) {
    case 'answering': {
      const maybe = p.personAnswer === 'maybe' ? ' (the person said maybe)' : '';
      return {
        name: STAGE_NAMES.answering,
        next: `Waiting for ${listed(stage.waitingFor.map(who))} to answer${reader === 'staff' ? maybe : ''}`,
        tag: 'blue',
      };
    }
    case 'introductions':
      return {
        name: `${STAGE_NAMES.introductions}: ${stage.step.name.toLowerCase()}`,
        next: stage.waitingFor.length
          ? `Waiting for ${listed(stage.waitingFor.map(who))}${stage.waitingFor[0] === 'date' ? '' : ' to say whether to go on'}`
          : `On ${formatDate(stage.step.plannedOn)}`,
        tag: 'purple',
      };
    case 'ready':
      return {
        name: STAGE_NAMES.ready,
        next: reader === 'staff' ? 'Both said yes after every step: record the agreed match' : 'You both said yes after every step',
        tag: 'turquoise',
      };
    case 'agreed':
      return { name: STAGE_NAMES.agreed, next: '', tag: 'green' };
    case 'stopped':
      return {
        name: STAGE_NAMES.stopped,
        next: p.closedByMatchId
          ? CHOSE_ANOTHER[reader]
          : p.stoppedBy
            ? `Stopped by ${reader === p.stoppedBy ? 'you' : SIDE_NAMES[p.stoppedBy]}`
            : '',
        tag: 'grey',
      };
  }
}

/** A proposed carer as a person reads them: short sentences, one idea each. */
export function carerSentences(c: CarerProfile): string[] {
  const out: string[] = [];
  out.push(c.area ? `${c.firstName} lives in ${c.area}.` : `${c.firstName} is a Shared Lives carer.`);
  if (c.household.length) {
    out.push(`${c.firstName} lives with ${listed(c.household.map((m) => `${m.firstName} (${m.relationship.toLowerCase()}, ${m.age})`))}.`);
  } else out.push(`${c.firstName} lives on their own.`);
  const pets = c.pets?.trim();
  out.push(pets && !/^(none|no)$/i.test(pets) ? `Pets: ${pets}.` : 'There are no pets.');
  if (c.smoking) out.push(`${SMOKING_NAMES[c.smoking]}.`);
  if (c.stepFree) out.push('The home is step-free.');
  if (c.ownBathroom) out.push('You could have your own bathroom.');
  if (c.interests.length) out.push(`${c.firstName} enjoys ${listed(c.interests.map((i) => i.toLowerCase()))}.`);
  if (c.routines) out.push(`Day to day: ${c.routines}.`.replace(/\.\.$/, '.'));
  if (c.languages.length) out.push(`${c.firstName} speaks ${listed(c.languages)}.`);
  if (c.faith) out.push(`Faith: ${c.faith}.`.replace(/\.\.$/, '.'));
  if (c.culture) out.push(`Culture: ${c.culture}.`.replace(/\.\.$/, '.'));
  return out;
}

/** The person as a proposed carer reads them: only what they agreed to share. */
export function personRows(p: PersonForCarer) {
  const row = (key: string, value: string | null | undefined) => ({
    key: { text: key },
    value: { text: value?.trim() ? value : 'Not written down yet' },
  });
  const rows = [row('Name', p.name), row('Age', p.age === null ? null : String(p.age)), row('Lives in', p.area)];
  const comms = p.communication;
  rows.push(
    row(
      'How to communicate with them',
      comms
        ? [
            ...comms.needs.map((n) => (n === 'other' ? (comms.otherNeeds ?? '') : COMMUNICATION_NEED_NAMES[n as CommunicationNeed])),
            comms.notes ?? '',
          ]
            .filter(Boolean)
            .join('. ') || 'No communication needs'
        : null,
    ),
  );
  if (p.profile) {
    rows.push(
      row('What people like and admire about them', p.profile.likeAndAdmire),
      row('What is important to them', p.profile.importantToMe),
      row('How best to support them', p.profile.howToSupportMe),
    );
  }
  if (p.wishes) {
    rows.push(
      row('Interests', p.wishes.interests.join(', ')),
      row('Routines', p.wishes.routines),
      row('The home they would like', p.wishes.household),
      row('Faith and culture', [p.wishes.faith, p.wishes.culture].filter(Boolean).join('; ')),
      row('Languages', p.wishes.languages.join(', ')),
    );
  }
  if (p.needs)
    rows.push(row('Support needs', p.needs.needs.join(', ')), row('How their needs affect day-to-day life', p.needs.supportNeeds));
  return rows;
}

/** What the other side said after each step, for the record. */
export const goOnWords = (value: boolean | null, readerIsSide: boolean) =>
  value === null ? (readerIsSide ? 'You have not said yet' : 'Not said yet') : value ? 'Go on' : 'Stop';

export { capital };
