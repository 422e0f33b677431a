import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pagination } from './paging.js';

describe('pagination', () => {
  it('keeps filters and leaves out page 1 from links', () => {
    const p = pagination({ page: 2, total: 120, path: '/audit', query: { action: 'viewed', empty: '' }, size: 50 });
    expect(p.govuk?.previous?.href).toBe('/audit?action=viewed');
    expect(p.govuk?.next?.href).toBe('/audit?action=viewed&page=3');
    expect(p.from).toBe(51);
    expect(p.to).toBe(100);
  });

  it('never offers a page outside the list, and always marks exactly one current page', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 100_000 }), (page, total) => {
        const p = pagination({ page, total, path: '/x', size: 50 });
        expect(p.page).toBeGreaterThanOrEqual(1);
        expect(p.page).toBeLessThanOrEqual(p.pages);
        expect(p.offset).toBe((p.page - 1) * 50);
        if (p.govuk) {
          const numbers = p.govuk.items.filter((i) => 'number' in i);
          expect(numbers.filter((i) => 'current' in i && i.current)).toHaveLength(1);
          expect(numbers.every((i) => 'number' in i && i.number >= 1 && i.number <= p.pages)).toBe(true);
        }
      }),
    );
  });
});
