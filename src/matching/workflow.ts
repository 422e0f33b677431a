/**
 * Introductions, as rules: where a proposal has got to, and what each side may do next. Pure: the
 * service reads a proposal and its steps, asks here, and writes only what these rules allow.
 *
 * A proposal moves: both sides answer (the person yes, maybe or no; the carer yes or no) → the
 * scheme's introduction steps in order, each with a date, after which both sides say whether to
 * go on → when both have said yes after the last step, the scheme records the agreed match and
 * its start date. A "no" at any point, or either side stopping, ends it; no reason is needed.
 */

export const DEFAULT_STEPS = ['First meeting', 'Tea visit', 'Overnight stay', 'Trial period'] as const;
export const MAX_STEPS = 8;

export type Side = 'person' | 'carer';
export type Answer = 'yes' | 'maybe' | 'no';

export interface StepFacts {
  position: number;
  name: string;
  plannedOn: string | null;
  personGoOn: boolean | null;
  carerGoOn: boolean | null;
}

export interface ProposalFacts {
  personAnswer: Answer | null;
  carerAnswer: Answer | null;
  stoppedAt: Date | string | null;
  agreedOn: string | null;
  steps: readonly StepFacts[];
}

export type Stage =
  | { stage: 'answering'; waitingFor: Side[] }
  | { stage: 'introductions'; step: StepFacts; waitingFor: ('date' | Side)[] }
  | { stage: 'ready' }
  | { stage: 'agreed' }
  | { stage: 'stopped' };

export const STAGE_NAMES: Record<Stage['stage'], string> = {
  answering: 'Waiting for answers',
  introductions: 'Introductions',
  ready: 'Ready to agree',
  agreed: 'Match agreed',
  stopped: 'Stopped',
};

/** Where the proposal is now. Steps are taken in order of position. */
export function stageOf(p: ProposalFacts, today: string): Stage {
  if (p.stoppedAt) return { stage: 'stopped' };
  if (p.agreedOn) return { stage: 'agreed' };
  if (p.personAnswer !== 'yes' || p.carerAnswer !== 'yes') {
    const waitingFor: Side[] = [];
    if (p.personAnswer !== 'yes') waitingFor.push('person');
    if (p.carerAnswer !== 'yes') waitingFor.push('carer');
    return { stage: 'answering', waitingFor };
  }
  const step = ordered(p.steps).find((s) => !(s.personGoOn === true && s.carerGoOn === true));
  if (!step) return { stage: 'ready' };
  if (!step.plannedOn) return { stage: 'introductions', step, waitingFor: ['date'] };
  if (step.plannedOn > today) return { stage: 'introductions', step, waitingFor: [] };
  const waitingFor: Side[] = [];
  if (step.personGoOn === null) waitingFor.push('person');
  if (step.carerGoOn === null) waitingFor.push('carer');
  return { stage: 'introductions', step, waitingFor };
}

const ordered = (steps: readonly StepFacts[]) => [...steps].sort((a, b) => a.position - b.position);

export type Allowed = { ok: true } | { ok: false; message: string };
const no = (message: string): Allowed => ({ ok: false, message });
const ok: Allowed = { ok: true };

const open = (p: ProposalFacts): Allowed =>
  p.stoppedAt ? no('These introductions have stopped') : p.agreedOn ? no('This match has been agreed') : ok;

/** A side answers the proposal itself. The carer says yes or no; the person can also say maybe. Answers can change until introductions begin. */
export function mayAnswer(p: ProposalFacts, side: Side, answer: Answer): Allowed {
  const still = open(p);
  if (!still.ok) return still;
  if (side === 'carer' && answer === 'maybe') return no('Choose yes or no');
  if (p.personAnswer === 'yes' && p.carerAnswer === 'yes')
    return no('You both said yes, so introductions have begun: say after each step whether to go on');
  return ok;
}

/** The scheme sets or moves a step's date: only the step being taken now, or a later one, and only once both sides said yes. */
export function mayDate(p: ProposalFacts, position: number, today: string): Allowed {
  const still = open(p);
  if (!still.ok) return still;
  const stage = stageOf(p, today);
  if (stage.stage === 'answering') return no('Both sides need to say yes before introductions can be dated');
  const step = p.steps.find((s) => s.position === position);
  if (!step) return no('There is no such step');
  if (stage.stage === 'introductions' && position < stage.step.position) return no('That step is done');
  if (stage.stage === 'ready') return no('Every step is done');
  if (step.personGoOn !== null || step.carerGoOn !== null) return no('Someone has already said how this step went: it cannot be moved now');
  return ok;
}

/** A side says whether to go on after a step: the step being taken now, once its day has come. */
export function mayGoOn(p: ProposalFacts, side: Side, position: number, today: string): Allowed {
  const still = open(p);
  if (!still.ok) return still;
  const stage = stageOf(p, today);
  if (stage.stage !== 'introductions' || stage.step.position !== position) return no('This is not the step being taken now');
  if (!stage.step.plannedOn) return no('This step has no date yet');
  if (stage.step.plannedOn > today) return no('This step has not happened yet');
  if ((side === 'person' ? stage.step.personGoOn : stage.step.carerGoOn) !== null)
    return no('You have already said whether to go on after this step');
  return ok;
}

/** Either side, or the scheme, can stop at any time before the match is agreed, without a reason. */
export const mayStop = (p: ProposalFacts): Allowed => open(p);

/** The scheme agrees the match only when both have said yes after the last step. */
export function mayAgree(p: ProposalFacts, today: string): Allowed {
  const still = open(p);
  if (!still.ok) return still;
  return stageOf(p, today).stage === 'ready' ? ok : no('Both sides need to say yes after every introduction step first');
}

/** Whether a side's "no" ends the proposal: any no does. */
export const endsIt = (answer: Answer | boolean) => answer === 'no' || answer === false;
