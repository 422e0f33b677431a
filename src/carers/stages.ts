/**
 * A carer's journey, from first enquiry to approval and, one day, leaving. Pure: which moves are
 * allowed, what each needs, and what the pipeline looks like. The service applies it; the
 * database keeps every move in the stage history.
 */
export const CARER_STAGES = [
  'enquiry',
  'initial_visit',
  'assessment',
  'checks',
  'panel',
  'decision',
  'approved',
  'paused',
  'withdrawn',
  'declined',
  'left',
] as const;

export type CarerStage = (typeof CARER_STAGES)[number];

export const STAGE_NAMES: Record<CarerStage, string> = {
  enquiry: 'Enquiry',
  initial_visit: 'Initial visit',
  assessment: 'Assessment',
  checks: 'Checks',
  panel: 'Approval panel',
  decision: 'Decision',
  approved: 'Approved',
  paused: 'Paused',
  withdrawn: 'Withdrawn',
  declined: 'Declined',
  left: 'Left',
};

/** The stages before approval, in order: the board's columns. */
export const PIPELINE = ['enquiry', 'initial_visit', 'assessment', 'checks', 'panel', 'decision'] as const satisfies readonly CarerStage[];

/** Stages that end a journey or put it on hold: each needs a reason, kept in the history. */
export const REASON_NEEDED: readonly CarerStage[] = ['withdrawn', 'declined', 'paused', 'left'];

/** Approved carers, supporting people or on a pause: the scheme's current carers. */
export const CURRENT: readonly CarerStage[] = ['approved', 'paused'];

export const CLOSED: readonly CarerStage[] = ['withdrawn', 'declined', 'left'];

/**
 * How a move happens. Most are a worker's choice; some only follow from the approval panel:
 * being put on a panel's list, the panel's recommendation, and the scheme's decision.
 */
export type Via = 'worker' | 'panel' | 'recommendation' | 'decision';

const MOVES: Record<CarerStage, Partial<Record<CarerStage, Via>>> = {
  enquiry: { initial_visit: 'worker', withdrawn: 'worker', declined: 'worker' },
  initial_visit: { enquiry: 'worker', assessment: 'worker', withdrawn: 'worker', declined: 'worker' },
  assessment: { initial_visit: 'worker', checks: 'worker', withdrawn: 'worker', declined: 'worker' },
  checks: { assessment: 'worker', panel: 'panel', withdrawn: 'worker', declined: 'worker' },
  panel: { checks: 'worker', decision: 'recommendation', withdrawn: 'worker' },
  decision: { approved: 'decision', declined: 'decision', withdrawn: 'worker' },
  approved: { paused: 'worker', left: 'worker' },
  paused: { approved: 'worker', left: 'worker' },
  withdrawn: { enquiry: 'worker' },
  declined: { enquiry: 'worker' },
  left: { enquiry: 'worker' },
};

const HOW: Record<Exclude<Via, 'worker'>, string> = {
  panel: 'Add them to an approval panel to move them to Approval panel',
  recommendation: 'Record the panel’s recommendation to move them to Decision',
  decision: 'Record the scheme’s decision to approve or decline them',
};

export type Transition = { ok: true } | { ok: false; problem: string };

export function transition(from: CarerStage, to: CarerStage, options: { via: Via; reason?: string | null }): Transition {
  if (from === to) return { ok: false, problem: `They are already at ${STAGE_NAMES[to]}` };
  const via = MOVES[from][to];
  if (!via) return { ok: false, problem: `A carer at ${STAGE_NAMES[from]} cannot move to ${STAGE_NAMES[to]}` };
  if (via !== options.via) return { ok: false, problem: via === 'worker' ? `Choose ${STAGE_NAMES[to]} from the carer’s record` : HOW[via] };
  if (REASON_NEEDED.includes(to) && !options.reason?.trim())
    return { ok: false, problem: `Give the reason they are ${STAGE_NAMES[to].toLowerCase()}` };
  return { ok: true };
}

/** The moves a worker can choose for a carer at this stage (panel moves come from the panel's pages). */
export const workerMoves = (from: CarerStage): CarerStage[] => CARER_STAGES.filter((to) => MOVES[from][to] === 'worker');

/** Every move from a stage, however it happens: for tests and explanations. */
export const allMoves = (from: CarerStage): { to: CarerStage; via: Via }[] =>
  CARER_STAGES.flatMap((to) => (MOVES[from][to] ? [{ to, via: MOVES[from][to] }] : []));

/** What the stage change page calls a move, in plain words. */
export function moveLabel(from: CarerStage, to: CarerStage): string {
  if (to === 'approved' && from === 'paused') return 'End the pause: approved and able to support people again';
  if (to === 'enquiry' && (CLOSED as CarerStage[]).includes(from)) return 'Start again as a new enquiry';
  if (to === 'paused') return 'Pause: not supporting anyone new for now';
  if (to === 'left') return 'Left the scheme (deregistered)';
  const back = CARER_STAGES.indexOf(to) < CARER_STAGES.indexOf(from);
  return back ? `Back to ${STAGE_NAMES[to]}` : STAGE_NAMES[to];
}
