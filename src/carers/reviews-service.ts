import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database } from '../platform/db/database.js';
import { InputProblem } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';
import { carerFor } from './access.js';
import type { IsoDate } from '../platform/dates.js';
import { carerReviews, carers } from './schema.js';
import { openRecord } from './service.js';
import { CURRENT } from './stages.js';
import { requireStaff } from '../platform/permissions/staff.js';

export const REVIEW_OUTCOMES = {
  continue: 'Continue as approved',
  continue_with_changes: 'Continue, with changes agreed',
  refer_to_panel: 'Refer back to the approval panel',
} as const;

export interface NewReview {
  reviewedOn: IsoDate;
  outcome: keyof typeof REVIEW_OUTCOMES;
  carerView: string | null;
  summary: string;
  nextDueOn: IsoDate;
}

/** The yearly carer review: each one sets when the next is due. */
export function reviewsService(db: Database) {
  return {
    async list(actor: Actor, carerId: string) {
      return db.inScope(actor, async (tx) => {
        const header = await openRecord(tx, actor, carerId);
        const reviews = await tx
          .select()
          .from(carerReviews)
          .where(eq(carerReviews.carerId, carerId))
          .orderBy(desc(carerReviews.reviewedOn));
        return { ...header, reviews };
      });
    },

    async add(actor: Actor, carerId: string, review: NewReview) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        if (!CURRENT.includes(carer.stage)) throw new InputProblem('reviewedOn', 'Only an approved carer has a yearly review');
        if (review.nextDueOn <= review.reviewedOn) throw new InputProblem('nextDueOn', 'The next review must be after this one');
        const id = randomUUID();
        await tx
          .insert(carerReviews)
          .values({ id, schemeId: carer.schemeId, carerId, ...review, byUserId: actor.userId, byName: actor.name });
        await tx.update(carers).set({ reviewDueOn: review.nextDueOn, updatedAt: new Date() }).where(eq(carers.id, carerId));
        await audit(tx, actor, {
          action: 'created',
          recordType: 'carer review',
          recordId: id,
          subjectUserId: carer.userId,
          changes: { carerId, ...review },
        });
        return { id };
      });
    },
  };
}

export type ReviewsService = ReturnType<typeof reviewsService>;
