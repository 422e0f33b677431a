import type { Database } from '../platform/db/database.js';
import { aCarer } from '../carers/testing.js';
import { carerHomes, carers } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import type { ArrangementType, Need } from '../carers/terms.js';
import { eq } from 'drizzle-orm';
import { introductionSteps, matchProposals } from './schema.js';
import { DEFAULT_STEPS } from './workflow.js';

/** Test data builders for matching, through the owner's connection. Every call makes new, fictional rows. */

/** A proposal of a carer to a person, with the default introduction steps. */
export async function aProposal(
  db: Database,
  options: { schemeId: string; personId: string; carerId: string; proposedByUserId: string } & Partial<typeof matchProposals.$inferInsert>,
) {
  const [row] = await db.owner
    .insert(matchProposals)
    .values({
      score: 72.5,
      explanation: Object.fromEntries(
        ['worker', 'person', 'carer'].map((r) => [r, [{ factor: 'interests', points: 20, text: 'Both enjoy gardening' }]]),
      ) as never,
      shares: ['profile'],
      ...options,
    })
    .returning();
  await db.owner
    .insert(introductionSteps)
    .values(DEFAULT_STEPS.map((name, i) => ({ schemeId: options.schemeId, proposalId: row!.id, position: i + 1, name })));
  return row!;
}

/** An approved carer matching can consider: where they live (null: not known), their home, and approval terms from before Hearth. */
export async function aMatchableCarer(
  db: Database,
  options: {
    schemeId: string;
    name: string;
    userId?: string | null;
    latitude: number | null;
    longitude: number | null;
    area?: string;
    terms?: { maxPeople?: number; arrangementTypes?: ArrangementType[]; needs?: Need[] };
    home?: Partial<typeof carerHomes.$inferInsert>;
  },
) {
  const carer = await aCarer(db, {
    schemeId: options.schemeId,
    stage: 'approved',
    name: options.name,
    userId: options.userId ?? null,
    area: options.area ?? 'Riverside',
  });
  await db.owner
    .update(carers)
    .set({ latitude: options.latitude, longitude: options.longitude, postcode: options.latitude === null ? null : 'NB1 4QT' })
    .where(eq(carers.id, carer.id));
  await db.owner.insert(carerApprovals).values({
    schemeId: options.schemeId,
    carerId: carer.id,
    decision: 'approved',
    decidedOn: '2025-06-01',
    basis: 'earlier_record',
    maxPeople: options.terms?.maxPeople ?? 2,
    arrangementTypes: options.terms?.arrangementTypes ?? ['live_in', 'short_breaks'],
    needs: options.terms?.needs ?? ['learning_disability', 'autism'],
  });
  await db.owner
    .insert(carerHomes)
    .values({ schemeId: options.schemeId, carerId: carer.id, spareBedrooms: 1, stepFree: true, smoking: 'no', ...options.home });
  return carer;
}
