/*
 * A support plan's content and the thinking about its versions: which parts changed, a readable
 * difference between two versions, and merging two people's edits of the same version. Plain
 * functions over plain data: no database, no HTTP.
 */

export const PLAN_SECTIONS = ['goals', 'dailySupport', 'risks', 'medication', 'importantPeople', 'routines'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/** A risk, with the positive steps agreed so the person can still do what matters to them. */
export interface PlanRisk {
  risk: string;
  steps: string;
}

export interface PlanContent {
  goals: string;
  dailySupport: string;
  risks: PlanRisk[];
  medication: string;
  importantPeople: string;
  routines: string;
}

export const emptyPlan = (): PlanContent => ({ goals: '', dailySupport: '', risks: [], medication: '', importantPeople: '', routines: '' });

/** What staff and the carer see as each part's heading. */
export const SECTION_NAMES: Record<PlanSection, string> = {
  goals: 'Goals, in their own words',
  dailySupport: 'What good support looks like day to day',
  risks: 'Risks and the positive steps agreed',
  medication: 'Medication',
  importantPeople: 'Important people',
  routines: 'Routines',
};

/** The same parts, as the person reads them about themselves. */
export const OWN_SECTION_NAMES: Record<PlanSection, string> = {
  goals: 'What I want to do',
  dailySupport: 'How to help me every day',
  risks: 'Keeping safe, and doing what I want',
  medication: 'My medicine',
  importantPeople: 'People who matter to me',
  routines: 'My routines',
};

/** A part of the plan as lines of text: how it is compared, shown in a difference, and read aloud. */
export function sectionText(content: PlanContent, section: PlanSection): string {
  if (section !== 'risks') return content[section];
  return content.risks.map((r) => `Risk: ${r.risk}\nPositive steps: ${r.steps}`).join('\n');
}

export const sameSection = (a: PlanContent, b: PlanContent, section: PlanSection) => sectionText(a, section) === sectionText(b, section);

export const changedSections = (before: PlanContent, after: PlanContent): PlanSection[] =>
  PLAN_SECTIONS.filter((s) => !sameSection(before, after, s));

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Line by line, what was kept, removed and added from one text to the next (longest common subsequence). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || common[i]![j + 1]! >= common[i + 1]![j]!)) {
      lines.push({ kind: 'added', text: b[j++]! });
    } else {
      lines.push({ kind: 'removed', text: a[i++]! });
    }
  }
  return lines;
}

/** For each part that changed from one version to the next, its lines kept, removed and added. */
export const diffPlans = (before: PlanContent, after: PlanContent) =>
  changedSections(before, after).map((section) => ({
    section,
    lines: diffLines(sectionText(before, section), sectionText(after, section)),
  }));

export interface Merge {
  /** Mine where only I changed a part, theirs where only they did; mine where we both did. */
  merged: PlanContent;
  /** Parts we both changed, differently: the one who saves second chooses. */
  conflicts: PlanSection[];
}

/**
 * Two people edited the same version (base); theirs was saved first. A part only one of us changed
 * takes that change; a part we both changed the same way is the same; a part we both changed
 * differently is a conflict, kept as mine until I choose.
 */
export function mergePlans(base: PlanContent, mine: PlanContent, theirs: PlanContent): Merge {
  const merged = { ...mine };
  const conflicts: PlanSection[] = [];
  for (const section of PLAN_SECTIONS) {
    if (sameSection(mine, theirs, section)) continue;
    if (sameSection(base, mine, section)) setSection(merged, section, theirs);
    else if (!sameSection(base, theirs, section)) conflicts.push(section);
  }
  return { merged, conflicts };
}

/** Mine, with the parts I chose to take from theirs. */
export function takeSections(mine: PlanContent, theirs: PlanContent, take: readonly PlanSection[]): PlanContent {
  const result = { ...mine };
  for (const section of take) setSection(result, section, theirs);
  return result;
}

function setSection(target: PlanContent, section: PlanSection, from: PlanContent) {
  if (section === 'risks') target.risks = from.risks.map((r) => ({ ...r }));
  else target[section] = from[section];
}

export type SaveCheck = { ok: true; version: number } | { ok: false; reason: 'stale' | 'unchanged' };

/**
 * Whether a save from the version someone started from may become the next version: only if no
 * one saved since (else it is stale, and they merge), and only if it changes something.
 */
export function checkSave(current: { version: number; content: PlanContent } | null, baseVersion: number, content: PlanContent): SaveCheck {
  const version = current?.version ?? 0;
  if (baseVersion !== version) return { ok: false, reason: 'stale' };
  if (current && changedSections(current.content, content).length === 0) return { ok: false, reason: 'unchanged' };
  return { ok: true, version: version + 1 };
}
