import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../platform/dates.js';
import { DEFAULT_REVIEW_SETTINGS, reviewSchedule, type Contact } from './schedule.js';

const day = (offset: number) => addDays('2024-01-01', offset);
const date = fc.integer({ min: 0, max: 2000 }).map(day);
const settings = fc.record({
  visitMonths: fc.integer({ min: 0, max: 24 }),
  firstReviewWeeks: fc.integer({ min: 1, max: 52 }),
  reviewEveryMonths: fc.integer({ min: 1, max: 24 }),
});
const contact = fc.record({ kind: fc.constantFrom('visit' as const, 'review' as const), on: date });

describe('the review schedule', () => {
  it('follows the default pattern for a new arrangement: a visit a month in, a review at 6 weeks', () => {
    const schedule = reviewSchedule(DEFAULT_REVIEW_SETTINGS, '2026-01-10', [], '2026-01-10');
    expect(schedule.visit).toEqual({ kind: 'visit', dueOn: '2026-02-10', status: 'ok' });
    expect(schedule.review).toEqual({ kind: 'review', dueOn: '2026-02-21', status: 'ok' });
  });

  it('stops visits after the visiting months and reviews yearly after the first', () => {
    const contacts: Contact[] = [
      { kind: 'visit', on: '2026-02-09' },
      { kind: 'review', on: '2026-02-20' },
      { kind: 'visit', on: '2026-03-20' },
      { kind: 'visit', on: '2026-04-20' },
      { kind: 'visit', on: '2026-05-20' },
      { kind: 'visit', on: '2026-06-20' },
    ];
    const schedule = reviewSchedule(DEFAULT_REVIEW_SETTINGS, '2026-01-10', contacts, '2026-07-01');
    expect(schedule.visit).toBeNull();
    expect(schedule.review.dueOn).toBe('2027-02-20');
    expect(reviewSchedule(DEFAULT_REVIEW_SETTINGS, '2026-01-10', contacts.slice(0, 2), '2026-04-01').visit).toEqual({
      kind: 'visit',
      dueOn: '2026-03-20',
      status: 'overdue',
    });
  });

  it('never asks for the next review before the last one or the start, nor the next visit past the visiting months', () => {
    fc.assert(
      fc.property(settings, date, fc.array(contact, { maxLength: 12 }), date, (s, startsOn, contacts, today) => {
        const { visit, review } = reviewSchedule(s, startsOn, contacts, today);
        const counted = contacts.filter((c) => c.on >= startsOn);
        expect(review.dueOn > startsOn).toBe(true);
        for (const c of counted.filter((k) => k.kind === 'review')) expect(review.dueOn > c.on).toBe(true);
        if (visit) {
          expect(visit.dueOn <= addMonths(startsOn, s.visitMonths)).toBe(true);
          for (const c of counted) expect(visit.dueOn > c.on).toBe(true);
        }
        if (s.visitMonths === 0) expect(visit).toBeNull();
      }),
    );
  });

  it('is overdue exactly when the date has passed, and due soon within 30 days', () => {
    fc.assert(
      fc.property(settings, date, fc.array(contact, { maxLength: 8 }), date, (s, startsOn, contacts, today) => {
        const { visit, review } = reviewSchedule(s, startsOn, contacts, today);
        for (const due of [visit, review].filter((d) => d !== null)) {
          const days = daysBetween(today, due.dueOn);
          expect(due.status).toBe(days < 0 ? 'overdue' : days <= 30 ? 'due_soon' : 'ok');
        }
      }),
    );
  });

  it('does not depend on the order visits and reviews were recorded in', () => {
    fc.assert(
      fc.property(settings, date, fc.array(contact, { maxLength: 10 }), date, (s, startsOn, contacts, today) => {
        expect(reviewSchedule(s, startsOn, [...contacts].reverse(), today)).toEqual(reviewSchedule(s, startsOn, contacts, today));
      }),
    );
  });

  it('is up to date after a review held today, and a later contact never brings a date forward', () => {
    fc.assert(
      fc.property(
        settings,
        date,
        fc.array(contact, { maxLength: 10 }),
        fc.integer({ min: 0, max: 400 }),
        contact,
        (s, startsOn, contacts, after, extra) => {
          const today = addDays(startsOn, after);
          const held = reviewSchedule(s, startsOn, [...contacts, { kind: 'review', on: today }], today);
          expect(held.review.status).not.toBe('overdue');
          expect(held.visit?.status ?? 'ok').not.toBe('overdue');
          const before = reviewSchedule(s, startsOn, contacts, today);
          const later = { ...extra, on: latestOf(startsOn, contacts) };
          const afterwards = reviewSchedule(s, startsOn, [...contacts, later], today);
          expect(afterwards.review.dueOn >= before.review.dueOn).toBe(true);
          if (afterwards.visit && before.visit) expect(afterwards.visit.dueOn >= before.visit.dueOn).toBe(true);
        },
      ),
    );
  });
});

const latestOf = (startsOn: string, contacts: Contact[]) => contacts.reduce((a, c) => (c.on > a ? c.on : a), startsOn);
