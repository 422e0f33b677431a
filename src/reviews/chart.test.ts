import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../platform/dates.js';
import { CHART, wellbeingCharts, yOf, type RatedReview } from './chart.js';
import { RATINGS, WELLBEING_AREAS, type Rating } from './words.js';

const rated = (id: string, heldOn: string, rating: Rating, dignity?: Rating): RatedReview => ({
  id,
  heldOn,
  ratings: Object.fromEntries(WELLBEING_AREAS.map((a) => [a, a === 'dignity' && dignity ? dignity : rating])),
});

describe('wellbeing charts', () => {
  it('puts reviews oldest first and says in words how each area changed', () => {
    const { columns, areas } = wellbeingCharts([
      rated('b', '2026-03-01', 4, 2),
      rated('a', '2025-03-01', 3, 4),
      rated('c', '2027-03-01', 4, 2),
    ]);
    expect(columns.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    const dignity = areas.find((a) => a.area === 'dignity')!;
    expect(dignity.change).toBe('down');
    expect(dignity.summary).toBe(
      'Dignity: good (4) in 1 March 2025, poor (2) in 1 March 2026, poor (2) in 1 March 2027. Now down 2 since 1 March 2025.',
    );
    expect(areas.find((a) => a.area === 'health')!.summary).toContain('Now up 1 since 1 March 2025.');
    expect(areas).toHaveLength(9);
  });

  it('says when an area is not rated yet, and leaves gaps for reviews that did not rate it', () => {
    const partial: RatedReview = { id: 'x', heldOn: '2026-01-01', ratings: { control: 5 } };
    const { areas } = wellbeingCharts([partial, rated('y', '2026-06-01', 3)]);
    expect(areas.find((a) => a.area === 'control')!.points).toHaveLength(2);
    expect(areas.find((a) => a.area === 'dignity')!.points).toHaveLength(1);
    expect(wellbeingCharts([]).areas[0]!.summary).toBe('Dignity: not rated yet.');
  });

  it('keeps every point inside the plot, higher ratings higher up, left to right in time', () => {
    const review = fc.record({
      heldOn: fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2020-01-01', d)),
      rating: fc.constantFrom(...RATINGS),
    });
    fc.assert(
      fc.property(fc.uniqueArray(review, { maxLength: 8, selector: (r) => r.heldOn }), (reviews) => {
        const { areas } = wellbeingCharts(reviews.map((r, i) => rated(`r${i}`, r.heldOn, r.rating)));
        for (const { points } of areas) {
          expect(points).toHaveLength(reviews.length);
          for (const p of points) {
            expect(p.x).toBeGreaterThanOrEqual(CHART.left);
            expect(p.x).toBeLessThanOrEqual(CHART.width - CHART.right);
            expect(p.y).toBe(yOf(p.rating));
          }
          for (let i = 1; i < points.length; i++) expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
        }
        expect(yOf(5)).toBeLessThan(yOf(1));
      }),
    );
  });
});
