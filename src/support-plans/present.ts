import { diffLines, OWN_SECTION_NAMES, PLAN_SECTIONS, SECTION_NAMES, sectionText, type PlanContent, type PlanSection } from './plan.js';
import { AUTHOR_AS, STATUS_CLASSES, STATUS_NAMES, type ProposalStatus } from './words.js';

/** How support plans read on the page: headings for the reader, proposals' status tags, the parts of a plan. */

export const SECTION_SYMBOLS: Record<PlanSection, string> = {
  goals: 'important',
  dailySupport: 'day',
  risks: 'lock',
  medication: 'medicine',
  importantPeople: 'people',
  routines: 'time',
};

const WHOLE = { own: 'All of my plan', other: 'The whole plan' };

/** The part's heading: in the person's own voice when they read their plan. */
export const sectionName = (section: string, own: boolean) =>
  section === 'whole' ? (own ? WHOLE.own : WHOLE.other) : ((own ? OWN_SECTION_NAMES : SECTION_NAMES)[section as PlanSection] ?? section);

export const statusTag = (status: ProposalStatus) => ({ text: STATUS_NAMES[status], classes: STATUS_CLASSES[status] });

/** Each part of a plan to show: its heading, words as lines, and risks as pairs. */
export const planSections = (content: PlanContent, own: boolean) =>
  PLAN_SECTIONS.map((key) => ({
    key,
    name: sectionName(key, own),
    symbol: SECTION_SYMBOLS[key],
    text: sectionText(content, key),
    lines:
      key === 'risks'
        ? []
        : content[key]
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
    risks: key === 'risks' ? content.risks : [],
  }));

export const sectionOptions = (own: boolean, chosen?: unknown) =>
  [...PLAN_SECTIONS, 'whole'].map((value) => ({ value, text: sectionName(value, own), checked: value === chosen }));

export interface ProposalRow {
  id: string;
  section: string;
  kind: string;
  words: string;
  status: ProposalStatus;
  authorName: string;
  authorRole: string;
  createdAt: Date;
}

export const proposalRow = <T extends ProposalRow>(p: T, own: boolean) => ({
  ...p,
  sectionName: sectionName(p.section, own),
  kindName: p.kind === 'change' ? 'A change' : 'A comment',
  authorAs: AUTHOR_AS[p.authorRole] ?? '',
  tag: statusTag(p.status),
});

/** One part's two versions beside each other (the merge screen), with the lines that differ marked. */
export const sideBySide = (section: PlanSection, mine: PlanContent, theirs: PlanContent) => {
  const lines = diffLines(sectionText(theirs, section), sectionText(mine, section));
  return {
    section,
    name: SECTION_NAMES[section],
    theirs: lines.filter((l) => l.kind !== 'added'),
    mine: lines.filter((l) => l.kind !== 'removed'),
  };
};
