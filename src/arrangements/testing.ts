import { randomUUID } from 'node:crypto';
import { carerApprovals } from '../carers/approval-schema.js';
import { aCarer } from '../carers/testing.js';
import type { ArrangementType } from '../carers/terms.js';
import type { Database } from '../platform/db/database.js';
import { addDefaultAgreementTemplates } from './agreements-service.js';
import { arrangements } from './schema.js';
import type { ArrangementStatus } from './status.js';

/** Test data for arrangements, through the owner's connection: each call makes new, fictional rows. */

/** An approved carer with their approval terms (an approval from before Hearth, so no panel case is needed). */
export async function anApprovedCarer(
  db: Database,
  options: { schemeId: string; maxPeople?: number; types?: ArrangementType[]; userId?: string | null; name?: string },
) {
  const carer = await aCarer(db, { schemeId: options.schemeId, stage: 'approved', userId: options.userId ?? null, name: options.name });
  await db.owner.insert(carerApprovals).values({
    schemeId: options.schemeId,
    carerId: carer.id,
    decision: 'approved',
    decidedOn: carer.approvedOn!,
    basis: 'earlier_record',
    maxPeople: options.maxPeople ?? 2,
    arrangementTypes: options.types ?? ['live_in', 'short_breaks', 'day_support'],
    needs: [],
  });
  return carer;
}

export async function anArrangement(
  db: Database,
  options: {
    schemeId: string;
    personId: string;
    carerId: string;
    type?: ArrangementType;
    status?: ArrangementStatus;
    startsOn?: string;
    workerUserId?: string | null;
  },
) {
  const status = options.status ?? 'active';
  const startsOn = options.startsOn ?? '2026-01-10';
  const ended = status === 'ended';
  const [row] = await db.owner
    .insert(arrangements)
    .values({
      id: randomUUID(),
      schemeId: options.schemeId,
      personId: options.personId,
      carerId: options.carerId,
      type: options.type ?? 'live_in',
      status,
      statusSince: startsOn,
      startsOn,
      funder: 'council',
      workerUserId: options.workerUserId ?? null,
      ...(ended ? { endedOn: startsOn, endKind: 'planned' as const, endReason: 'A test ending', whatsNext: 'Moved on' } : {}),
    })
    .returning();
  return row!;
}

/** The default agreement templates, as a new scheme gets them. */
export async function defaultAgreementTemplates(db: Database, schemeId: string) {
  await db.owner.transaction((tx) => addDefaultAgreementTemplates(tx as never, schemeId));
}
