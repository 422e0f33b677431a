import { describe, expect, it } from 'vitest';
import { countByStatus, filterDue, sortDue, type DueItem } from './due.js';

const item = (over: Partial<DueItem>): DueItem => ({
  kind: 'check', kindName: 'Check', title: 'DBS check', who: 'Ada Hart', whoHref: null, workerUserId: null, dueOn: '2026-04-01', status: 'due_soon', action: null, ...over,
});

describe('what is due', () => {
  const items = [
    item({ status: 'due_soon', dueOn: '2026-04-10', who: 'Bo' }),
    item({ status: 'overdue', dueOn: '2026-02-01', who: 'Cy', kind: 'review', workerUserId: 'w1' }),
    item({ status: 'missing', dueOn: null, who: 'Di', kind: 'training' }),
    item({ status: 'overdue', dueOn: '2025-12-01', who: 'Ed' }),
  ];

  it('puts overdue first, then missing, then due soon, earliest date first', () => {
    expect(sortDue(items).map((i) => i.who)).toEqual(['Ed', 'Cy', 'Di', 'Bo']);
  });

  it('filters by kind, status and worker, and counts by status', () => {
    expect(filterDue(items, { kind: 'review' }).map((i) => i.who)).toEqual(['Cy']);
    expect(filterDue(items, { status: 'overdue' }).map((i) => i.who)).toEqual(['Cy', 'Ed']);
    expect(filterDue(items, { worker: 'w1' }).map((i) => i.who)).toEqual(['Cy']);
    expect(filterDue(items, { worker: 'none' })).toHaveLength(3);
    expect(countByStatus(items)).toEqual({ overdue: 2, missing: 1, due_soon: 1 });
  });
});
