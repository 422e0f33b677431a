import type { Database } from '../platform/db/database.js';
import { emptyPlan, type PlanContent } from './plan.js';
import { supportPlanProposals, supportPlans, supportPlanVersions } from './schema.js';
import type { PartyRole } from './words.js';

/** Test data for support plans, through the owner's connection: each call makes new, fictional rows. */

export const aPlanContent = (changes: Partial<PlanContent> = {}): PlanContent => ({
  ...emptyPlan(),
  goals: 'Go swimming on Saturdays\nLearn to cook a curry',
  dailySupport: 'A reminder to take my bag when I go out',
  risks: [{ risk: 'Crossing busy roads', steps: 'Practise the route to the pool with my carer' }],
  medication: 'Inhaler in the morning',
  importantPeople: 'My sister Jo',
  routines: 'Tea at six',
  ...changes,
});

/** A plan for the arrangement, with a version for each content given (the first by default). */
export async function aPlan(db: Database, arrangement: { id: string; schemeId: string }, versions: PlanContent[] = [aPlanContent()]) {
  const [plan] = await db.owner
    .insert(supportPlans)
    .values({ schemeId: arrangement.schemeId, arrangementId: arrangement.id, version: versions.length })
    .returning();
  await db.owner.insert(supportPlanVersions).values(
    versions.map((content, n) => ({
      schemeId: arrangement.schemeId,
      planId: plan!.id,
      version: n + 1,
      ...content,
      changedSections: [],
      reason: n ? 'Changed' : 'First written with them',
      byName: 'A worker',
    })),
  );
  return plan!;
}

export async function aPlanProposal(
  db: Database,
  plan: { id: string; schemeId: string },
  author: { userId: string; name?: string; role: PartyRole },
  overrides: Partial<typeof supportPlanProposals.$inferInsert> = {},
) {
  const [proposal] = await db.owner
    .insert(supportPlanProposals)
    .values({
      schemeId: plan.schemeId,
      planId: plan.id,
      section: 'goals',
      kind: 'change',
      words: 'I want to go to the football too',
      onVersion: 1,
      authorUserId: author.userId,
      authorName: author.name ?? 'Someone',
      authorRole: author.role,
      ...overrides,
    })
    .returning();
  return proposal!;
}
