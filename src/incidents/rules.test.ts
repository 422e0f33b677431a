import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_KINDS, needsAttention, NOTIFIABLE_CATEGORIES, notificationAdvice, SEVERITIES } from './rules.js';

describe('notificationAdvice: when CQC must be told, and why', () => {
  it('says no for a low incident with nothing picked', () => {
    expect(notificationAdvice({ kind: 'incident', severity: 'low', categories: [] })).toEqual({ needed: false, reasons: [], check: null });
  });

  it('says yes with one reason for each event picked, citing the regulation', () => {
    const advice = notificationAdvice({ kind: 'incident', severity: 'medium', categories: ['police', 'death'] });
    expect(advice.needed).toBe(true);
    expect(advice.reasons).toEqual([
      expect.stringContaining('death of a person using the service must be notified to CQC without delay (Regulation 16)'),
      expect.stringContaining('investigated by the police'),
    ]);
  });

  it('asks to check the categories for a serious incident or a safeguarding concern with none picked', () => {
    expect(notificationAdvice({ kind: 'incident', severity: 'serious', categories: [] }).check).toContain('may need notifying');
    expect(notificationAdvice({ kind: 'safeguarding', severity: 'low', categories: [] }).check).toContain('allegation of abuse');
  });

  it('needs notifying exactly when some category is picked, whatever the kind or severity', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INCIDENT_KINDS),
        fc.constantFrom(...SEVERITIES),
        fc.subarray([...NOTIFIABLE_CATEGORIES]),
        (kind, severity, categories) => {
          const advice = notificationAdvice({ kind, severity, categories });
          expect(advice.needed).toBe(categories.length > 0);
          expect(advice.reasons).toHaveLength(categories.length);
          if (advice.needed) expect(advice.check).toBeNull();
        },
      ),
    );
  });
});

describe('needsAttention', () => {
  it('raises serious incidents and every safeguarding concern, nothing else', () => {
    expect(needsAttention({ kind: 'incident', severity: 'serious' })).toBe(true);
    expect(needsAttention({ kind: 'safeguarding', severity: 'low' })).toBe(true);
    expect(needsAttention({ kind: 'incident', severity: 'high' })).toBe(false);
  });
});
