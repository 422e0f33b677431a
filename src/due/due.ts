import type { Actor } from '../platform/http/types.js';
import type { IsoDate } from '../platform/dates.js';

/**
 * "What is due" gathers items from every capability that has something with a date: carers'
 * checks, training and yearly reviews now; arrangement reviews later. Each capability gives a
 * provider; this page only sorts, filters and pages what they give.
 */
export const DUE_ITEM_STATUSES = ['overdue', 'missing', 'due_soon'] as const;
export type DueItemStatus = (typeof DUE_ITEM_STATUSES)[number];

export const DUE_ITEM_STATUS_NAMES: Record<DueItemStatus, string> = {
  overdue: 'Overdue',
  missing: 'Missing',
  due_soon: 'Due in 30 days',
};

export interface DueItem {
  /** A short key for filtering: 'check', 'training', 'review'. */
  kind: string;
  /** How the kind reads on the page: "Check", "Training", "Yearly review". */
  kindName: string;
  title: string;
  /** Who it is about, e.g. the carer, or "Sam Hart (in Ada Hart’s household)". */
  who: string;
  whoHref: string | null;
  /** The scheme worker responsible, for "mine" filters. */
  workerUserId: string | null;
  dueOn: IsoDate | null;
  status: DueItemStatus;
  /** Where to act on it, if the viewer can. */
  action: { text: string; href: string } | null;
}

export interface DueProvider {
  /**
   * Items for this actor, already limited to what they may see; with a worker, only that worker's
   * (or, for 'none', those with no worker yet), chosen where the items are kept.
   */
  (actor: Actor, today: IsoDate, worker?: string): Promise<DueItem[]>;
}

export interface DueFilter {
  kind?: string | undefined;
  status?: DueItemStatus | undefined;
  worker?: string | undefined;
}

const ORDER: Record<DueItemStatus, number> = { overdue: 0, missing: 1, due_soon: 2 };

/** Overdue first, then missing, then due soon; within each, the earliest date first. */
export function sortDue(items: readonly DueItem[]): DueItem[] {
  return [...items].sort((a, b) =>
    ORDER[a.status] - ORDER[b.status]
    || (a.dueOn ?? '').localeCompare(b.dueOn ?? '')
    || a.who.localeCompare(b.who)
    || a.title.localeCompare(b.title));
}

export function filterDue(items: readonly DueItem[], filter: DueFilter): DueItem[] {
  return items.filter((i) =>
    (!filter.kind || i.kind === filter.kind)
    && (!filter.status || i.status === filter.status)
    && (!filter.worker || (filter.worker === 'none' ? i.workerUserId === null : i.workerUserId === filter.worker)));
}

export function countByStatus(items: readonly DueItem[]): Record<DueItemStatus, number> {
  const counts = { overdue: 0, missing: 0, due_soon: 0 };
  for (const i of items) counts[i.status]++;
  return counts;
}
