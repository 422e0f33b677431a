import { statusOn } from '../carers/checks/expiry.js';
import { addDays, addMonths, type IsoDate } from '../platform/dates.js';
import type { ReviewKind } from './words.js';

/**
 * When an arrangement's next visit and next review are due: pure, from the scheme's settings, the
 * arrangement's start and the visits and reviews done. The default is Shared Lives' usual pattern:
 * monthly visits for the first 6 months, a review at 6 weeks, then a review every year.
 */
export interface ReviewSettings {
  /** How many months from the start a worker visits monthly (0: no visits). */
  visitMonths: number;
  /** Weeks from the start to the first review. */
  firstReviewWeeks: number;
  /** Months from one review to the next. */
  reviewEveryMonths: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { visitMonths: 6, firstReviewWeeks: 6, reviewEveryMonths: 12 };

export interface Contact {
  kind: ReviewKind;
  /** When it was held. */
  on: IsoDate;
}

export interface Due {
  kind: ReviewKind;
  dueOn: IsoDate;
  status: 'overdue' | 'due_soon' | 'ok';
}

export interface Schedule {
  /** The next monthly visit, while visits last; null after. */
  visit: Due | null;
  review: Due;
}

const latest = (dates: IsoDate[]): IsoDate | null => dates.reduce<IsoDate | null>((a, b) => (a === null || b > a ? b : a), null);

/**
 * - The next visit is due a month after the last visit or review (or the start), as long as that is
 *   within the visiting months; a review counts as a visit, since the worker was there.
 * - The first review is due `firstReviewWeeks` after the start; each later one `reviewEveryMonths`
 *   after the last review, never before that first date (so an early review never brings one forward).
 * Contacts before the start are ignored. Overdue when the date has passed, due soon within 30 days.
 */
export function reviewSchedule(settings: ReviewSettings, startsOn: IsoDate, contacts: readonly Contact[], today: IsoDate): Schedule {
  const since = contacts.filter((c) => c.on >= startsOn);
  const lastContact = latest(since.map((c) => c.on)) ?? startsOn;
  const lastReview = latest(since.filter((c) => c.kind === 'review').map((c) => c.on));
  const visitOn = addMonths(lastContact, 1);
  const visitsEnd = addMonths(startsOn, settings.visitMonths);
  const firstReviewOn = addDays(startsOn, settings.firstReviewWeeks * 7);
  const afterLast = lastReview ? addMonths(lastReview, settings.reviewEveryMonths) : firstReviewOn;
  const reviewOn = afterLast > firstReviewOn ? afterLast : firstReviewOn;
  const due = (kind: ReviewKind, dueOn: IsoDate): Due => ({ kind, dueOn, status: statusOn(dueOn, today) });
  return {
    visit: settings.visitMonths > 0 && visitOn <= visitsEnd ? due('visit', visitOn) : null,
    review: due('review', reviewOn),
  };
}
