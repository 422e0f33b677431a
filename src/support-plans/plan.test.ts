import { describe, expect, it } from 'vitest';
import {
  changedSections,
  checkSave,
  diffLines,
  diffPlans,
  emptyPlan,
  mergePlans,
  sectionText,
  takeSections,
  type PlanContent,
} from './plan.js';

const plan = (changes: Partial<PlanContent> = {}): PlanContent => ({
  ...emptyPlan(),
  goals: 'Go swimming on Saturdays\nLearn to cook a curry',
  dailySupport: 'A reminder to take my bag',
  risks: [{ risk: 'Crossing busy roads', steps: 'Practise the route with Ben' }],
  medication: 'Inhaler in the morning',
  ...changes,
});

describe('a support plan’s versions, compared', () => {
  it('says which parts changed, risks included', () => {
    expect(changedSections(plan(), plan())).toEqual([]);
    expect(changedSections(plan(), plan({ goals: 'Go swimming', risks: [] }))).toEqual(['goals', 'risks']);
    expect(sectionText(plan(), 'risks')).toBe('Risk: Crossing busy roads\nPositive steps: Practise the route with Ben');
  });

  it('shows line by line what was kept, removed and added', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffLines('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(diffLines('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
    const diff = diffPlans(plan(), plan({ goals: 'Go swimming on Saturdays\nGo to the football' }));
    expect(diff).toEqual([
      {
        section: 'goals',
        lines: [
          { kind: 'same', text: 'Go swimming on Saturdays' },
          { kind: 'added', text: 'Go to the football' },
          { kind: 'removed', text: 'Learn to cook a curry' },
        ],
      },
    ]);
  });
});

describe('two edits of the same version, merged', () => {
  it('takes each side’s change where only one side changed a part', () => {
    const base = plan();
    const theirs = plan({ medication: 'Inhaler morning and night' });
    const mine = plan({ goals: 'Go swimming on Saturdays' });
    const { merged, conflicts } = mergePlans(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual(plan({ goals: 'Go swimming on Saturdays', medication: 'Inhaler morning and night' }));
  });

  it('names the parts both changed differently, keeping mine until I choose', () => {
    const base = plan();
    const theirs = plan({ goals: 'Go to the gym', risks: [] });
    const mine = plan({ goals: 'Go to the cinema', risks: [] });
    const { merged, conflicts } = mergePlans(base, mine, theirs);
    expect(conflicts).toEqual(['goals']);
    expect(merged.goals).toBe('Go to the cinema');
    expect(takeSections(merged, theirs, conflicts).goals).toBe('Go to the gym');
  });

  it('does not touch the other side’s copy when taking its risks', () => {
    const theirs = plan({ risks: [{ risk: 'Stairs', steps: 'Rail' }] });
    const taken = takeSections(plan(), theirs, ['risks']);
    taken.risks[0]!.steps = 'Changed';
    expect(theirs.risks[0]!.steps).toBe('Rail');
  });
});

describe('saving a new version', () => {
  it('is the next version only from the current one, and only with a change', () => {
    expect(checkSave(null, 0, plan())).toEqual({ ok: true, version: 1 });
    expect(checkSave({ version: 2, content: plan() }, 2, plan({ routines: 'Tea at six' }))).toEqual({ ok: true, version: 3 });
    expect(checkSave({ version: 3, content: plan() }, 2, plan({ routines: 'Tea at six' }))).toEqual({ ok: false, reason: 'stale' });
    expect(checkSave(null, 1, plan())).toEqual({ ok: false, reason: 'stale' });
    expect(checkSave({ version: 2, content: plan() }, 2, plan())).toEqual({ ok: false, reason: 'unchanged' });
  });
});
