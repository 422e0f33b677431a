import { describe, expect, it } from 'vitest';
import { changeStatus, endArrangement, statusMoves, typesOf, withinTerms, type CarerStanding } from './status.js';

const today = '2026-03-01';

describe('arrangement status changes', () => {
  it('activates, pauses and resumes, and nothing leaves "ended" from the status page', () => {
    expect(statusMoves('starting').map((m) => m.to)).toEqual(['active', 'paused']);
    expect(statusMoves('active').map((m) => m.to)).toEqual(['paused']);
    expect(statusMoves('paused').map((m) => m.to)).toEqual(['active']);
    expect(statusMoves('ended')).toEqual([]);
    expect(changeStatus({ status: 'starting', since: '2026-02-01' }, { to: 'active', on: '2026-02-10' }, today)).toEqual({
      ok: true,
      value: { to: 'active', on: '2026-02-10', reason: null },
    });
    expect(changeStatus({ status: 'ended', since: '2026-02-01' }, { to: 'active', on: today }, today)).toMatchObject({
      ok: false,
      field: 'to',
    });
    expect(changeStatus({ status: 'active', since: '2026-02-01' }, { to: 'starting', on: today }, today)).toMatchObject({
      ok: false,
      field: 'to',
    });
  });

  it('needs a reason to pause, and a date neither before the current status nor in the future', () => {
    expect(changeStatus({ status: 'active', since: '2026-02-01' }, { to: 'paused', on: today, reason: ' ' }, today)).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(
      changeStatus({ status: 'active', since: '2026-02-01' }, { to: 'paused', on: today, reason: ' Carer in hospital ' }, today),
    ).toMatchObject({ ok: true, value: { reason: 'Carer in hospital' } });
    expect(changeStatus({ status: 'active', since: '2026-02-01' }, { to: 'paused', on: '2026-01-31', reason: 'x' }, today)).toMatchObject({
      ok: false,
      field: 'on',
    });
    expect(changeStatus({ status: 'active', since: '2026-02-01' }, { to: 'paused', on: '2026-03-02', reason: 'x' }, today)).toMatchObject({
      ok: false,
      field: 'on',
    });
  });

  it('ends once, on or after it started, never in the future', () => {
    const current = { status: 'active' as const, since: '2026-02-01', startsOn: '2026-01-15' };
    const request = { on: '2026-02-20', kind: 'planned' as const, reason: ' Moved to her own flat ', whatsNext: ' Own flat with support ' };
    expect(endArrangement(current, request, today)).toEqual({
      ok: true,
      value: { ...request, reason: 'Moved to her own flat', whatsNext: 'Own flat with support' },
    });
    expect(endArrangement(current, { ...request, on: '2026-01-31' }, today)).toMatchObject({ ok: false, field: 'on' });
    expect(endArrangement(current, { ...request, on: '2026-03-02' }, today)).toMatchObject({ ok: false, field: 'on' });
    expect(endArrangement({ ...current, status: 'ended' }, request, today)).toMatchObject({ ok: false, field: 'on' });
  });
});

describe('a carer’s approval terms', () => {
  const carer: CarerStanding = {
    name: 'Ben Carer',
    approved: true,
    maxPeople: 2,
    arrangementTypes: ['live_in', 'short_breaks'],
    liveIn: 1,
  };

  it('allows what the terms allow, up to the number of people living in', () => {
    expect(withinTerms(carer, 'live_in')).toEqual({ ok: true });
    expect(withinTerms({ ...carer, liveIn: 5 }, 'short_breaks')).toEqual({ ok: true });
  });

  it('refuses too many people living in, a type not approved, and a carer not approved, in plain words', () => {
    expect(withinTerms({ ...carer, liveIn: 2 }, 'live_in')).toEqual({
      ok: false,
      message: 'Ben Carer is approved for 2 people living with them and already has 2',
    });
    expect(withinTerms({ ...carer, maxPeople: 1, liveIn: 1 }, 'live_in')).toMatchObject({
      ok: false,
      message: expect.stringContaining('1 person living'),
    });
    expect(withinTerms(carer, 'day_support')).toEqual({
      ok: false,
      message: 'Ben Carer is approved for long-term (live-in), short breaks, not day support',
    });
    expect(withinTerms({ ...carer, approved: false }, 'short_breaks')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not an approved carer'),
    });
  });
});

describe('the person’s kinds of support', () => {
  it('are those of their live arrangements, in the usual order', () => {
    expect(
      typesOf([
        { type: 'day_support', status: 'active' },
        { type: 'live_in', status: 'paused' },
        { type: 'short_breaks', status: 'ended' },
        { type: 'day_support', status: 'starting' },
      ]),
    ).toEqual(['live_in', 'day_support']);
    expect(typesOf([{ type: 'live_in', status: 'ended' }])).toEqual([]);
  });
});
