import { randomUUID } from 'node:crypto';
import { audit } from '../platform/audit/audit.js';
import type { Tx } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { IsoDate } from '../platform/dates.js';
import type { CarerRow } from './access.js';
import { moveCarer } from './moves.js';
import { carerApprovals } from './approval-schema.js';
import type { ApprovalTerms } from './terms.js';

export interface Decision {
  /**
   * The panel case it rests on (the database refuses one without a recommendation), or null when the
   * panel recommended before the scheme used Hearth.
   */
  panelCaseId: string | null;
  decision: 'approved' | 'declined';
  decidedOn: IsoDate;
  terms: ApprovalTerms | null;
  reason: string | null;
}

/** The scheme's decision on a carer, with their terms, and the move to approved or declined, in the caller's transaction. */
export async function recordDecision(tx: Tx, actor: Actor, carer: CarerRow, d: Decision): Promise<string> {
  const id = randomUUID();
  await tx.insert(carerApprovals).values({
    id,
    schemeId: carer.schemeId,
    carerId: carer.id,
    decision: d.decision,
    decidedOn: d.decidedOn,
    basis: d.panelCaseId ? 'panel' : 'earlier_record',
    panelCaseId: d.panelCaseId,
    maxPeople: d.terms?.maxPeople ?? null,
    arrangementTypes: d.terms?.arrangementTypes ?? null,
    needs: d.terms?.needs ?? null,
    reason: d.reason,
    byUserId: actor.userId,
    byName: actor.name,
  });
  await audit(tx, actor, {
    action: 'created',
    recordType: 'carer approval',
    recordId: id,
    subjectUserId: carer.userId,
    changes: { carerId: carer.id, ...d, terms: d.terms },
  });
  await moveCarer(tx, actor, carer, {
    to: d.decision,
    via: 'decision',
    reason: d.reason,
    effectiveOn: d.decidedOn,
    fields: { stage: 'decision', date: 'decidedOn' },
  });
  return id;
}
