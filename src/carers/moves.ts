import { eq } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Tx } from '../platform/db/database.js';
import { InputProblem } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';
import { addMonths, type IsoDate } from '../platform/dates.js';
import type { CarerRow } from './access.js';
import { formatDate } from '../platform/layout/views.js';
import { carers, carerStageChanges } from './schema.js';
import { REASON_NEEDED, transition, type CarerStage, type Via } from './stages.js';

export interface Move {
  to: CarerStage;
  via: Via;
  reason?: string | null;
  effectiveOn: IsoDate;
  /** The form's fields for the stage and the date, so a problem is shown beside the right one. */
  fields?: { stage: string; date: string };
}

/**
 * The one way a carer's stage changes, inside the caller's transaction: the pure rules decide,
 * the carer row and the stage history change together, and the audit log records it.
 */
export async function moveCarer(tx: Tx, actor: Actor, carer: CarerRow, move: Move): Promise<void> {
  const fields = move.fields ?? { stage: 'to', date: 'effectiveOn' };
  const allowed = transition(carer.stage, move.to, { via: move.via, reason: move.reason });
  if (!allowed.ok) throw new InputProblem(fields.stage, allowed.problem);
  if (move.effectiveOn < carer.stageSince) {
    throw new InputProblem(
      fields.date,
      `The date must be on or after ${formatDate(carer.stageSince)}, when they moved to their current stage`,
    );
  }
  const reason = REASON_NEEDED.includes(move.to) ? move.reason!.trim() : null;
  const approvedOn = move.to === 'approved' && move.via === 'decision' ? move.effectiveOn : carer.approvedOn;
  const reviewDueOn = move.to === 'approved' && move.via === 'decision' ? addMonths(move.effectiveOn, 12) : carer.reviewDueOn;
  await tx
    .update(carers)
    .set({ stage: move.to, stageSince: move.effectiveOn, stageReason: reason, approvedOn, reviewDueOn, updatedAt: new Date() })
    .where(eq(carers.id, carer.id));
  await tx.insert(carerStageChanges).values({
    schemeId: carer.schemeId,
    carerId: carer.id,
    fromStage: carer.stage,
    toStage: move.to,
    reason,
    effectiveOn: move.effectiveOn,
    byUserId: actor.userId,
    byName: actor.name,
  });
  await audit(tx, actor, {
    action: 'updated',
    recordType: 'carer',
    recordId: carer.id,
    subjectUserId: carer.userId,
    changes: { stage: move.to, stageSince: move.effectiveOn, ...(reason ? { reason } : {}) },
  });
}
