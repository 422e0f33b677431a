import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARRANGEMENT_TYPES,
  daysBetween,
  howLong,
  isFinal,
  nextMoves,
  PERSON_STATUSES,
  transition,
  type Current,
  type PersonStatus,
} from './status.js';

const at = (
  status: PersonStatus,
  since = '2026-01-10',
  arrangementTypes: Current['arrangementTypes'] = status === 'supported' ? ['live_in'] : [],
): Current => ({ status, since, arrangementTypes });
const today = '2026-03-01';

describe('person status transitions', () => {
  it('takes a referral through assessment to waiting for a match without reasons', () => {
    const accepted = transition(at('referred'), { to: 'assessing', on: '2026-01-12' }, today);
    expect(accepted).toEqual({
      ok: true,
      change: { from: 'referred', to: 'assessing', on: '2026-01-12', reason: null, arrangementTypes: [] },
    });
    expect(transition(at('assessing'), { to: 'waiting', on: today }, today).ok).toBe(true);
  });

  it('needs a reason to decline a referral, go back or move on', () => {
    expect(transition(at('referred'), { to: 'declined', on: today, reason: '  ' }, today)).toMatchObject({ ok: false, field: 'reason' });
    expect(transition(at('referred'), { to: 'declined', on: today, reason: 'Needs nursing care' }, today)).toMatchObject({
      ok: true,
      change: { reason: 'Needs nursing care' },
    });
    expect(transition(at('waiting'), { to: 'assessing', on: today }, today)).toMatchObject({ ok: false, field: 'reason' });
    expect(transition(at('supported'), { to: 'moved_on', on: today }, today)).toMatchObject({ ok: false, field: 'reason' });
  });

  it('refuses moves that skip a step or leave a final status', () => {
    expect(transition(at('referred'), { to: 'waiting', on: today }, today)).toMatchObject({ ok: false, field: 'to' });
    expect(transition(at('assessing'), { to: 'supported', on: today, arrangementTypes: ['live_in'] }, today)).toMatchObject({
      ok: false,
      field: 'to',
    });
    expect(transition(at('declined'), { to: 'assessing', on: today, reason: 'Changed our mind' }, today)).toMatchObject({
      ok: false,
      field: 'to',
    });
    expect(transition(at('moved_on'), { to: 'referred', on: today }, today)).toMatchObject({ ok: false, field: 'to' });
  });

  it('carries the kinds of arrangement into "supported", and only there', () => {
    expect(transition(at('introductions'), { to: 'supported', on: today }, today)).toMatchObject({ ok: false, field: 'arrangementTypes' });
    expect(
      transition(
        at('introductions'),
        { to: 'supported', on: today, arrangementTypes: ['day_support', 'short_breaks', 'day_support'] },
        today,
      ),
    ).toMatchObject({ ok: true, change: { arrangementTypes: ['short_breaks', 'day_support'] } });
    expect(
      transition(at('supported'), { to: 'waiting', on: today, reason: 'Carer retired', arrangementTypes: ['live_in'] }, today),
    ).toMatchObject({ ok: true, change: { arrangementTypes: [] } });
    expect(
      transition(at('supported', '2026-01-10', ['live_in']), { to: 'supported', on: today, arrangementTypes: ['live_in'] }, today),
    ).toMatchObject({ ok: false, field: 'arrangementTypes' });
    expect(
      transition(
        at('supported', '2026-01-10', ['live_in']),
        { to: 'supported', on: today, arrangementTypes: ['live_in', 'short_breaks'] },
        today,
      ).ok,
    ).toBe(true);
  });

  it('dates a change no later than today and no earlier than the current status', () => {
    expect(transition(at('assessing'), { to: 'waiting', on: '2026-03-02' }, today)).toMatchObject({ ok: false, field: 'on' });
    expect(transition(at('assessing', '2026-02-01'), { to: 'waiting', on: '2026-01-31' }, today)).toMatchObject({ ok: false, field: 'on' });
    expect(transition(at('assessing', '2026-02-01'), { to: 'waiting', on: '2026-02-01' }, today).ok).toBe(true);
  });

  it('offers exactly the moves it allows, and every status is reachable from a referral', () => {
    const reachable = new Set<PersonStatus>(['referred']);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reachable])
        for (const { to } of nextMoves(from))
          if (!reachable.has(to)) {
            reachable.add(to);
            grew = true;
          }
    }
    expect([...reachable].sort()).toEqual([...PERSON_STATUSES].sort());
    expect(PERSON_STATUSES.filter(isFinal)).toEqual(['moved_on', 'declined']);
  });

  const statuses = fc.constantFrom(...PERSON_STATUSES);
  const types = fc.subarray([...ARRANGEMENT_TYPES]);
  const date = fc.integer({ min: 0, max: 90 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));

  it('agrees with nextMoves for any move, and what it accepts is well formed (property)', () => {
    fc.assert(
      fc.property(statuses, statuses, date, date, fc.option(fc.string()), types, types, (from, to, since, on, reason, now, asked) => {
        const current = at(from, since, from === 'supported' ? (now.length ? now : ['live_in']) : []);
        const result = transition(current, { to, on, reason, arrangementTypes: asked }, today);
        const move = nextMoves(from).find((m) => m.to === to);
        if (!move) return !result.ok && result.field === 'to';
        if (!result.ok) return result.field !== 'to';
        const { change } = result;
        return (
          change.on <= today &&
          change.on >= since &&
          (move.reason === 'optional' || !!change.reason?.trim()) &&
          (to === 'supported') === change.arrangementTypes.length > 0
        );
      }),
    );
  });
});

describe('how long someone has waited', () => {
  it('says it in plain words', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(howLong(1)).toBe('1 day');
    expect(howLong(10)).toBe('10 days');
    expect(howLong(20)).toBe('2 weeks');
    expect(howLong(200)).toBe('6 months');
    expect(howLong(365)).toBe('1 year');
    expect(howLong(800)).toBe('2 years and 2 months');
  });
});
