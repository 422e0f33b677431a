import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEPS,
  endsIt,
  mayAgree,
  mayAnswer,
  mayDate,
  mayGoOn,
  mayStop,
  stageOf,
  type Answer,
  type ProposalFacts,
  type Side,
} from './workflow.js';

const TODAY = '2026-11-30';

const fresh = (steps: number = DEFAULT_STEPS.length): ProposalFacts => ({
  personAnswer: null,
  carerAnswer: null,
  stoppedAt: null,
  agreedOn: null,
  steps: Array.from({ length: steps }, (_, i) => ({
    position: i + 1,
    name: DEFAULT_STEPS[i] ?? `Step ${i + 1}`,
    plannedOn: null,
    personGoOn: null,
    carerGoOn: null,
  })),
});

type Action =
  | { kind: 'answer'; side: Side; answer: Answer }
  | { kind: 'date'; position: number; on: string }
  | { kind: 'goOn'; side: Side; position: number; goOn: boolean }
  | { kind: 'stop' }
  | { kind: 'agree' };

/** What the service does when the rules allow an action; false when they refuse it. */
function apply(p: ProposalFacts, a: Action): boolean {
  const step = (position: number) => p.steps.find((s) => s.position === position)!;
  switch (a.kind) {
    case 'answer':
      if (!mayAnswer(p, a.side, a.answer).ok) return false;
      if (a.side === 'person') p.personAnswer = a.answer;
      else p.carerAnswer = a.answer;
      if (endsIt(a.answer)) p.stoppedAt = TODAY;
      return true;
    case 'date':
      if (!mayDate(p, a.position, TODAY).ok) return false;
      step(a.position).plannedOn = a.on;
      return true;
    case 'goOn':
      if (!mayGoOn(p, a.side, a.position, TODAY).ok) return false;
      if (a.side === 'person') step(a.position).personGoOn = a.goOn;
      else step(a.position).carerGoOn = a.goOn;
      if (endsIt(a.goOn)) p.stoppedAt = TODAY;
      return true;
    case 'stop':
      if (!mayStop(p).ok) return false;
      p.stoppedAt = TODAY;
      return true;
    case 'agree':
      if (!mayAgree(p, TODAY).ok) return false;
      p.agreedOn = TODAY;
      return true;
  }
}

const side = fc.constantFrom<Side>('person', 'carer');
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('answer' as const), side, answer: fc.constantFrom<Answer>('yes', 'yes', 'maybe', 'no') }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('date' as const),
      position: fc.integer({ min: 1, max: 4 }),
      on: fc.constantFrom('2026-11-20', TODAY, '2026-12-10'),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('goOn' as const),
      side,
      position: fc.integer({ min: 1, max: 4 }),
      goOn: fc.constantFrom(true, true, true, false),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'stop' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'agree' as const }) },
);

describe('introductions, as rules', () => {
  it('goes from answers through every step to an agreed match, both saying yes each time', () => {
    const p = fresh();
    expect(stageOf(p, TODAY)).toEqual({ stage: 'answering', waitingFor: ['person', 'carer'] });
    expect(apply(p, { kind: 'date', position: 1, on: TODAY })).toBe(false);
    expect(apply(p, { kind: 'answer', side: 'person', answer: 'maybe' })).toBe(true);
    expect(apply(p, { kind: 'answer', side: 'carer', answer: 'maybe' })).toBe(false);
    expect(apply(p, { kind: 'answer', side: 'carer', answer: 'yes' })).toBe(true);
    expect(stageOf(p, TODAY)).toEqual({ stage: 'answering', waitingFor: ['person'] });
    expect(apply(p, { kind: 'answer', side: 'person', answer: 'yes' })).toBe(true);
    expect(stageOf(p, TODAY)).toMatchObject({ stage: 'introductions', step: { position: 1 }, waitingFor: ['date'] });
    expect(apply(p, { kind: 'answer', side: 'person', answer: 'no' })).toBe(false);
    for (const position of [1, 2, 3, 4]) {
      expect(apply(p, { kind: 'goOn', side: 'person', position, goOn: true })).toBe(false);
      expect(apply(p, { kind: 'date', position, on: '2026-12-10' })).toBe(true);
      expect(stageOf(p, TODAY)).toMatchObject({ stage: 'introductions', waitingFor: [] });
      expect(apply(p, { kind: 'goOn', side: 'carer', position, goOn: true })).toBe(false);
      expect(apply(p, { kind: 'date', position, on: TODAY })).toBe(true);
      expect(apply(p, { kind: 'agree' })).toBe(false);
      expect(apply(p, { kind: 'goOn', side: 'carer', position, goOn: true })).toBe(true);
      expect(apply(p, { kind: 'date', position, on: TODAY })).toBe(false);
      expect(apply(p, { kind: 'goOn', side: 'carer', position, goOn: true })).toBe(false);
      expect(apply(p, { kind: 'goOn', side: 'person', position, goOn: true })).toBe(true);
    }
    expect(stageOf(p, TODAY)).toEqual({ stage: 'ready' });
    expect(apply(p, { kind: 'agree' })).toBe(true);
    expect(stageOf(p, TODAY)).toEqual({ stage: 'agreed' });
    expect(apply(p, { kind: 'stop' })).toBe(false);
  });

  it('lets the person say maybe, but not the carer', () => {
    expect(mayAnswer(fresh(), 'person', 'maybe')).toEqual({ ok: true });
    expect(mayAnswer(fresh(), 'carer', 'maybe')).toEqual({ ok: false, message: 'Choose yes or no' });
  });

  it('ends with any no, at any point, and nothing moves after', () => {
    const p = fresh();
    apply(p, { kind: 'answer', side: 'person', answer: 'yes' });
    apply(p, { kind: 'answer', side: 'carer', answer: 'yes' });
    apply(p, { kind: 'date', position: 1, on: TODAY });
    apply(p, { kind: 'goOn', side: 'person', position: 1, goOn: false });
    expect(stageOf(p, TODAY)).toEqual({ stage: 'stopped' });
    expect(mayGoOn(p, 'carer', 1, TODAY)).toEqual({ ok: false, message: 'These introductions have stopped' });
    expect(mayAnswer(p, 'carer', 'yes').ok).toBe(false);
  });

  it('never agrees a match unless both said yes to it and after every step, whatever happens in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(action, { maxLength: 60 }), (steps, actions) => {
        const p = fresh(steps);
        for (const a of actions) {
          const before = JSON.stringify(p);
          const done = apply(p, a);
          if (!done) expect(JSON.stringify(p)).toBe(before);
          if (p.agreedOn) {
            expect(p.personAnswer).toBe('yes');
            expect(p.carerAnswer).toBe('yes');
            expect(
              p.steps.every((s) => s.personGoOn === true && s.carerGoOn === true && s.plannedOn !== null && s.plannedOn <= TODAY),
            ).toBe(true);
            expect(p.stoppedAt).toBeNull();
          }
          const anyNo =
            p.personAnswer === 'no' || p.carerAnswer === 'no' || p.steps.some((s) => s.personGoOn === false || s.carerGoOn === false);
          if (anyNo) expect(stageOf(p, TODAY).stage).toBe('stopped');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes steps in order: no one says how a step went before the one before it is done by both', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const p = fresh();
        for (const a of actions) apply(p, a);
        const said = p.steps.map((s) => s.personGoOn !== null || s.carerGoOn !== null);
        p.steps.forEach((s, i) => {
          if (i > 0 && said[i]) expect(p.steps[i - 1]!.personGoOn && p.steps[i - 1]!.carerGoOn).toBe(true);
          if (said[i]) expect(s.plannedOn! <= TODAY).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
