import type { Actor } from '../platform/http/types.js';

/**
 * "Needs attention": what staff must act on now, gathered from every capability that raises
 * something (flagged daily notes, serious incidents and safeguarding concerns, notifications to
 * the regulator not yet made). Each capability gives a provider, as for "What is due"; a worker
 * sees their own caseload's items and those with no worker, a manager the whole scheme's.
 */
export interface AttentionItem {
  /** 'note', 'incident', 'notification': for filtering. */
  kind: string;
  kindName: string;
  title: string;
  /** Who it is about: the person's name. */
  who: string;
  /** When it was raised, for ordering: the oldest first. */
  raisedOn: string;
  workerUserId: string | null;
  urgent: boolean;
  /** Where to read it and act on it. */
  href: string;
  action: string;
}

export interface AttentionProvider {
  /** Everything waiting in the actor's scheme, for staff; nothing for anyone else. */
  list(actor: Actor): Promise<AttentionItem[]>;
  /** How many of those are the actor's own (as forWhom says), counted where they are kept. */
  count(actor: Actor): Promise<number>;
}

/** Urgent first, then the oldest. */
export const sortAttention = (items: readonly AttentionItem[]) =>
  [...items].sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.raisedOn.localeCompare(b.raisedOn) || a.who.localeCompare(b.who));

/** A worker's items are those of their caseload and of arrangements with no worker; a manager's, the scheme's. */
export const forWhom = (actor: Actor, items: readonly AttentionItem[]) =>
  actor.role === 'scheme_manager' ? [...items] : items.filter((i) => i.workerUserId === null || i.workerUserId === actor.userId);
