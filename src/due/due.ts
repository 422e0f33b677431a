import type { SQL } from 'drizzle-orm';
import type { Actor } from '../platform/http/types.js';
import type { IsoDate } from '../platform/dates.js';

/**
 * "What is due" gathers items from every capability that has something with a date: carers'
 * checks, training and yearly reviews now; arrangement reviews later. Each capability gives a
 * provider, a query of its items in one shape; the database filters, sorts, counts and pages them
 * together (src/due/service.ts).
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

/**
 * One item as the database gives it: what sorts and filters it, and the ids its links need.
 * `title` and `who` are the sort's last keys, so a provider gives them as shown, or (where the page
 * shows more) a text that sorts the same way.
 */
export interface DueRow {
  kind: string;
  title: string;
  who: string;
  workerUserId: string | null;
  dueOn: IsoDate | null;
  status: DueItemStatus;
  /** The record it is about (a carer, an arrangement, an incident). */
  subjectId: string;
  /** Anything else the provider needs to link to it. */
  detail: string | null;
}

export interface DueProvider {
  /** The kinds of item it gives, and how each reads on the page. */
  kinds: Readonly<Record<string, string>>;
  /**
   * A query of the items this actor may see, with a worker only that worker's (or, for 'none',
   * those with no worker yet), in columns kind, title, who, worker_user_id, due_on (a date), status,
   * subject_id (a uuid) and detail (text); null when there are none for this actor.
   */
  items(actor: Actor, today: IsoDate, worker?: string): SQL | null;
  /** One row of the page shown, as the page shows it. */
  show(row: DueRow, actor: Actor): DueItem;
}

export interface DueFilter {
  kind?: string | undefined;
  status?: DueItemStatus | undefined;
  worker?: string | undefined;
}
