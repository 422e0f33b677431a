import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMoves, CARER_STAGES, PIPELINE, REASON_NEEDED, transition, workerMoves, type CarerStage, type Via } from './stages.js';

const stage = fc.constantFrom(...CARER_STAGES);
const via = fc.constantFrom<Via>('worker', 'panel', 'recommendation', 'decision');
const reason = fc.option(fc.string({ maxLength: 20 }), { nil: null });

describe('a carer’s stage', () => {
  it('follows the journey from enquiry to approval, each step taken the way it must be', () => {
    const steps: [CarerStage, CarerStage, Via][] = [
      ['enquiry', 'initial_visit', 'worker'],
      ['initial_visit', 'assessment', 'worker'],
      ['assessment', 'checks', 'worker'],
      ['checks', 'panel', 'panel'],
      ['panel', 'decision', 'recommendation'],
      ['decision', 'approved', 'decision'],
    ];
    for (const [from, to, how] of steps) expect(transition(from, to, { via: how })).toEqual({ ok: true });
  });

  it('cannot be approved by a worker choosing it: only the scheme’s decision on a panel recommendation approves', () => {
    expect(transition('decision', 'approved', { via: 'worker' })).toEqual({
      ok: false,
      problem: 'Record the scheme’s decision to approve or decline them',
    });
    expect(transition('checks', 'approved', { via: 'decision' })).toMatchObject({ ok: false });
    expect(transition('panel', 'decision', { via: 'worker' })).toEqual({
      ok: false,
      problem: 'Record the panel’s recommendation to move them to Decision',
    });
    expect(transition('checks', 'panel', { via: 'worker' })).toEqual({
      ok: false,
      problem: 'Add them to an approval panel to move them to Approval panel',
    });
  });

  it('needs a reason to withdraw, decline, pause or leave', () => {
    expect(transition('assessment', 'withdrawn', { via: 'worker', reason: '  ' })).toEqual({
      ok: false,
      problem: 'Give the reason they are withdrawn',
    });
    expect(transition('approved', 'left', { via: 'worker' })).toEqual({ ok: false, problem: 'Give the reason they are left' });
    expect(transition('approved', 'paused', { via: 'worker', reason: 'Family illness' })).toEqual({ ok: true });
    expect(transition('paused', 'approved', { via: 'worker' })).toEqual({ ok: true });
  });

  it('never allows a move to the same stage, or a move to a reason-needing stage without a reason', () => {
    fc.assert(
      fc.property(stage, stage, via, reason, (from, to, how, why) => {
        const result = transition(from, to, { via: how, reason: why });
        if (from === to) expect(result.ok).toBe(false);
        if (REASON_NEEDED.includes(to) && !why?.trim()) expect(result.ok).toBe(false);
        if (to === 'approved' && from !== 'paused') expect(result.ok && how === 'decision').toBe(result.ok);
      }),
    );
  });

  it('allows exactly the moves it lists, each only its own way', () => {
    fc.assert(
      fc.property(stage, stage, via, (from, to, how) => {
        const listed = allMoves(from).some((m) => m.to === to && m.via === how);
        expect(transition(from, to, { via: how, reason: 'because' }).ok).toBe(listed);
      }),
    );
  });

  it('offers a worker only moves they can make, and a way on from every stage', () => {
    for (const from of CARER_STAGES) {
      for (const to of workerMoves(from)) expect(transition(from, to, { via: 'worker', reason: 'because' }).ok).toBe(true);
      expect(allMoves(from).length).toBeGreaterThan(0);
    }
  });

  it('reaches approval from any stage of the pipeline', () => {
    const reach = (from: CarerStage, seen = new Set<CarerStage>()): boolean => {
      if (from === 'approved') return true;
      seen.add(from);
      return allMoves(from).some((m) => !seen.has(m.to) && reach(m.to, seen));
    };
    for (const from of PIPELINE) expect(reach(from)).toBe(true);
  });
});
