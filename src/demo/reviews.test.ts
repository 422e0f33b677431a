import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS, reviewSchedule } from '../reviews/schedule.js';
import { QUESTION_KEYS } from '../reviews/words.js';
import { DEMO_TODAY, generateDemo } from './generate.js';

const small = generateDemo({ scale: 'small', seed: 2026 });

describe('the demo’s reviews', () => {
  const live = small.arrangements.arrangements.filter((a) => a.status !== 'ended');
  const reviews = small.reviews.reviews;
  const statuses = live.map((a) => {
    const done = reviews.filter((r) => r.arrangementId === a.id && (r.kind === 'visit' || r.completedAt));
    const { visit, review } = reviewSchedule(
      DEFAULT_REVIEW_SETTINGS,
      a.startsOn,
      done.map((r) => ({ kind: r.kind, on: r.heldOn })),
      DEMO_TODAY,
    );
    return [visit?.status, review.status].includes('overdue')
      ? 'overdue'
      : [visit?.status, review.status].includes('due_soon')
        ? 'due_soon'
        : 'ok';
  });

  it('has arrangements overdue, due soon and up to date', () => {
    expect(statuses.filter((s) => s === 'overdue').length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s === 'due_soon').length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 'ok').length).toBeGreaterThanOrEqual(3);
  });

  it('gives several people three or more completed reviews whose wellbeing ratings change over time', () => {
    const completed = reviews.filter((r) => r.kind === 'review' && r.completedAt);
    const byArrangement = new Map<string, typeof completed>();
    for (const r of completed) byArrangement.set(r.arrangementId, [...(byArrangement.get(r.arrangementId) ?? []), r]);
    const long = [...byArrangement.values()].filter((rs) => rs.length >= 3);
    expect(long.length).toBeGreaterThanOrEqual(3);
    const changed = long.filter((rs) => {
      const ratingsOf = (id: string) =>
        small.reviews.ratings
          .filter((x) => x.reviewId === id)
          .map((x) => x.rating)
          .join();
      return new Set(rs.map((r) => ratingsOf(r.id!))).size > 1;
    });
    expect(changed.length).toBeGreaterThanOrEqual(3);
    for (const r of completed) expect(small.reviews.ratings.filter((x) => x.reviewId === r.id)).toHaveLength(9);
    for (const v of small.reviews.personViews) expect(Object.keys(v.answers!).sort()).toEqual([...QUESTION_KEYS].sort());
  });

  it('gives people with a sign-in an open review to answer, and is the same every time', () => {
    const signedIn = new Set(small.people.people.filter((p) => p.userId).map((p) => p.id));
    const theirs = live.filter((a) => signedIn.has(a.personId)).map((a) => a.id);
    expect(theirs.length).toBeGreaterThan(0);
    for (const id of theirs) expect(reviews.some((r) => r.arrangementId === id && r.kind === 'review' && !r.completedAt)).toBe(true);
    expect(generateDemo({ scale: 'small', seed: 2026 }).reviews).toEqual(small.reviews);
  });
});
