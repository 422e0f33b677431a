import { describe, expect, it } from 'vitest';
import { parse } from '../platform/forms/forms.js';
import { planForm } from './forms.js';

describe('the support plan form', () => {
  it('reads new lines as a browser sends them, and risk rows by number, skipping empty ones', () => {
    const parsed = parse(planForm, {
      version: '2',
      goals: 'Swim\r\nCook',
      dailySupport: 'Calm mornings',
      'risk-1': 'Roads',
      'steps-1': 'Practise',
      'risk-2': '',
      'steps-2': '',
      'risk-3': 'Stairs',
      'steps-3': 'A rail',
      reason: 'Review',
      conflicts: 'goals',
      'choice-goals': 'theirs',
    });
    expect(parsed).toEqual({
      ok: true,
      data: {
        baseVersion: 2,
        content: {
          goals: 'Swim\nCook',
          dailySupport: 'Calm mornings',
          risks: [
            { risk: 'Roads', steps: 'Practise' },
            { risk: 'Stairs', steps: 'A rail' },
          ],
          medication: '',
          importantPeople: '',
          routines: '',
        },
        reason: 'Review',
        take: ['goals'],
      },
    });
  });

  it('asks for both halves of a risk, and a choice for each part both people changed', () => {
    const parsed = parse(planForm, {
      version: '1',
      goals: 'Swim',
      dailySupport: 'Calm',
      'steps-2': 'A rail',
      reason: 'x',
      conflicts: ['goals', 'routines'],
      'choice-goals': 'mine',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors.fields)).toEqual(['risk-2', 'choice-routines']);
  });

  it('says which risk box is too long, beside it', () => {
    const parsed = parse(planForm, {
      version: '1',
      goals: 'Swim',
      dailySupport: 'Calm',
      'risk-2': 'r'.repeat(1001),
      'steps-2': 'A rail',
      reason: 'x',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.fields).toEqual({ 'risk-2': { text: 'Risk 2 must be 1000 characters or fewer' } });
  });
});
