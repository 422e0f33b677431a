import type { Database } from '../platform/db/database.js';
import { arrangementReviews, reviewPersonViews, reviewRatings } from './schema.js';
import { QUESTION_KEYS, WELLBEING_AREAS, type Rating } from './words.js';

/** Test data for reviews, through the owner's connection: each call makes new, fictional rows. */

/** An open review, a visit, or (with `rating`) a completed review with every area rated and the person's view given. */
export async function aReview(
  db: Database,
  options: { schemeId: string; arrangementId: string; kind?: 'review' | 'visit'; heldOn?: string; rating?: Rating },
) {
  const kind = options.kind ?? 'review';
  const completed = kind === 'visit' || options.rating !== undefined;
  const [row] = await db.owner
    .insert(arrangementReviews)
    .values({
      schemeId: options.schemeId,
      arrangementId: options.arrangementId,
      kind,
      heldOn: options.heldOn ?? '2026-02-21',
      ...(kind === 'visit' ? { note: 'All well at the visit.' } : {}),
      ...(completed ? { completedAt: new Date(), completedByName: 'A Worker' } : {}),
      ...(kind === 'review' && completed ? { summary: 'Going well.' } : {}),
    })
    .returning();
  if (kind === 'review' && options.rating !== undefined) {
    await db.owner.insert(reviewPersonViews).values({
      reviewId: row!.id,
      schemeId: options.schemeId,
      answers: Object.fromEntries(QUESTION_KEYS.map((q) => [q, 'happy'])),
      finishedAt: new Date(),
    });
    await db.owner
      .insert(reviewRatings)
      .values(WELLBEING_AREAS.map((area) => ({ reviewId: row!.id, schemeId: options.schemeId, area, rating: options.rating! })));
  }
  return row!;
}
