import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { constraintOf } from '../arrangements/service.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { auditEvents } from '../platform/db/schema.js';
import type { Actor } from '../platform/http/types.js';
import { testDatabase } from '../platform/testing/database.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import type { Role } from '../platform/permissions/roles.js';
import { supportPlanMessages, supportPlanProposals, supportPlans, supportPlanVersions } from './schema.js';
import { PlanConflict, supportPlansService } from './service.js';
import { aPlan, aPlanContent, aPlanProposal } from './testing.js';

/** The database's own word on support plans: a stale version refused, and who sees and writes what (row-level security). */
describe('support plans in the database', () => {
  let db: Database;
  let schemeId = '';
  const actors = {} as Record<'worker' | 'carer' | 'otherCarer' | 'person' | 'circle' | 'profileOnly' | 'endedCarer', Actor>;
  let liveId = '';
  let planId = '';

  const anActor = async (role: Role): Promise<Actor> => {
    const user = await aUser(db, { role, schemeId });
    return { userId: user.id, schemeId, role, name: user.name };
  };

  beforeAll(async () => {
    db = await testDatabase();
    schemeId = (await aScheme(db)).id;
    for (const [key, role] of [
      ['worker', 'scheme_worker'],
      ['carer', 'carer'],
      ['otherCarer', 'carer'],
      ['person', 'person'],
      ['circle', 'circle_member'],
      ['profileOnly', 'circle_member'],
      ['endedCarer', 'carer'],
    ] as const) {
      actors[key] = await anActor(role);
    }
    const person = await aPerson(db, { schemeId, status: 'supported', userId: actors.person.userId });
    await aCircleMember(db, person, { userId: actors.circle.userId, consents: ['support_plan'] });
    await aCircleMember(db, person, { userId: actors.profileOnly.userId, consents: ['profile'] });
    const carer = await anApprovedCarer(db, { schemeId, userId: actors.carer.userId });
    await anApprovedCarer(db, { schemeId, userId: actors.otherCarer.userId });
    const endedCarer = await anApprovedCarer(db, { schemeId, userId: actors.endedCarer.userId });
    const live = await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id });
    liveId = live.id;
    planId = (await aPlan(db, live)).id;
    const ended = await anArrangement(db, { schemeId, personId: person.id, carerId: endedCarer.id, status: 'ended' });
    await aPlan(db, ended);
  });
  afterAll(async () => db.close());

  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      return constraintOf(error) ?? (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    }
    return null;
  };

  describe('no lost updates', () => {
    it('refuses a second version with the same number, and moves the plan on only from the version read', async () => {
      const plan = await aPlan(
        db,
        await anArrangement(db, {
          schemeId,
          personId: (await aPerson(db, { schemeId, status: 'supported' })).id,
          carerId: (await anApprovedCarer(db, { schemeId })).id,
        }),
      );
      const version2 = {
        schemeId,
        planId: plan.id,
        version: 2,
        ...aPlanContent({ goals: 'Mine' }),
        changedSections: ['goals'],
        reason: 'Mine',
      };
      await db.inScope(actors.worker, (tx) => tx.insert(supportPlanVersions).values(version2));
      expect(
        await refusal(db.inScope(actors.worker, (tx) => tx.insert(supportPlanVersions).values({ ...version2, goals: 'Theirs' }))),
      ).toBe('support_plan_versions_version');
      const first = await db.inScope(actors.worker, (tx) =>
        tx
          .update(supportPlans)
          .set({ version: 2 })
          .where(and(eq(supportPlans.id, plan.id), eq(supportPlans.version, 1)))
          .returning(),
      );
      const stale = await db.inScope(actors.worker, (tx) =>
        tx
          .update(supportPlans)
          .set({ version: 2 })
          .where(and(eq(supportPlans.id, plan.id), eq(supportPlans.version, 1)))
          .returning(),
      );
      expect([first.length, stale.length]).toEqual([1, 0]);
    });

    it('of two saves from the same version, one wins and the other gets the conflict, merged where they do not collide', async () => {
      const plans = supportPlansService(db);
      const arrangement = await anArrangement(db, {
        schemeId,
        personId: (await aPerson(db, { schemeId, status: 'supported' })).id,
        carerId: (await anApprovedCarer(db, { schemeId })).id,
      });
      await aPlan(db, arrangement);
      const other = await anActor('scheme_manager');
      const results = await Promise.allSettled([
        plans.save(actors.worker, arrangement.id, {
          baseVersion: 1,
          content: aPlanContent({ medication: 'Inhaler morning and night', goals: 'Go to the gym' }),
          reason: 'Doctor changed it',
          take: [],
        }),
        plans.save(other, arrangement.id, {
          baseVersion: 1,
          content: aPlanContent({ routines: 'Tea at half past five', goals: 'Go to the cinema' }),
          reason: 'New routine',
          take: [],
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(PlanConflict);
      const { details } = lost.reason as PlanConflict;
      expect(details.current).toBe(2);
      expect(details.conflicts).toEqual(['goals']);
      const loserChangedRoutines = details.mine.routines === 'Tea at half past five';
      expect(details.merged.medication).toBe('Inhaler morning and night');
      expect(details.merged.routines).toBe('Tea at half past five');

      const loser = loserChangedRoutines ? other : actors.worker;
      await plans.save(loser, arrangement.id, { baseVersion: details.current, content: details.merged, reason: 'Merged', take: ['goals'] });
      const saved = await plans.page(actors.worker, arrangement.id);
      expect(saved.current?.version).toBe(3);
      expect(saved.current?.content).toMatchObject({
        medication: 'Inhaler morning and night',
        routines: 'Tea at half past five',
        goals: details.theirs.content.goals,
      });
      expect(saved.current?.changedSections).toEqual([loserChangedRoutines ? 'routines' : 'medication']);
    });
  });

  describe('who sees a plan', () => {
    const sees = async (actor: Actor) => (await db.inScope(actor, (tx) => tx.select({ id: supportPlans.id }).from(supportPlans))).length;

    it('shows it to staff, the carer of the live arrangement, the person and their circle with consent; to no one else', async () => {
      expect(await sees(actors.carer)).toBe(1);
      expect(await sees(actors.person)).toBe(2);
      expect(await sees(actors.circle)).toBe(2);
      expect(await sees(actors.otherCarer)).toBe(0);
      expect(await sees(actors.endedCarer)).toBe(0);
      expect(await sees(actors.profileOnly)).toBe(0);
      expect(await sees(actors.worker)).toBeGreaterThanOrEqual(2);
      const versions = await db.inScope(actors.profileOnly, (tx) => tx.select().from(supportPlanVersions));
      expect(versions).toEqual([]);
    });

    it('lets only staff write versions, and each party propose only as themselves', async () => {
      const version = { schemeId, planId, version: 9, ...aPlanContent(), changedSections: [], reason: 'Sneaky' };
      expect(await refusal(db.inScope(actors.carer, (tx) => tx.insert(supportPlanVersions).values(version)))).toMatch(/row-level security/);
      expect(
        await refusal(
          db.inScope(actors.person, (tx) => tx.update(supportPlans).set({ version: 9 }).where(eq(supportPlans.id, planId)).returning()),
        ),
      ).toBeNull();
      expect((await db.owner.select().from(supportPlans).where(eq(supportPlans.id, planId)))[0]!.version).toBe(1);
      const proposal = {
        schemeId,
        planId,
        section: 'goals',
        kind: 'change' as const,
        words: 'I want to go to the football',
        onVersion: 1,
        authorName: 'Me',
        authorRole: 'person' as const,
      };
      expect(
        await refusal(
          db.inScope(actors.person, (tx) => tx.insert(supportPlanProposals).values({ ...proposal, authorUserId: actors.person.userId! })),
        ),
      ).toBeNull();
      expect(
        await refusal(
          db.inScope(actors.person, (tx) => tx.insert(supportPlanProposals).values({ ...proposal, authorUserId: actors.circle.userId! })),
        ),
      ).toMatch(/row-level security/);
      expect(
        await refusal(
          db.inScope(actors.profileOnly, (tx) =>
            tx.insert(supportPlanProposals).values({ ...proposal, authorUserId: actors.profileOnly.userId!, authorRole: 'circle_member' }),
          ),
        ),
      ).toMatch(/row-level security/);
      expect(
        await refusal(
          db.inScope(actors.worker, (tx) => tx.insert(supportPlanProposals).values({ ...proposal, authorUserId: actors.worker.userId! })),
        ),
      ).toMatch(/row-level security/);
    });

    it('lets only staff decide a proposal, and anyone who sees it reply as themselves', async () => {
      const proposal = await aPlanProposal(db, { id: planId, schemeId }, { userId: actors.carer.userId!, role: 'carer' });
      const decided = await db.inScope(actors.carer, (tx) =>
        tx.update(supportPlanProposals).set({ status: 'discussing' }).where(eq(supportPlanProposals.id, proposal.id)).returning(),
      );
      expect(decided).toEqual([]);
      const message = { schemeId, proposalId: proposal.id, words: 'Yes please', authorName: 'Me', authorAs: 'The person' };
      expect(
        await refusal(
          db.inScope(actors.person, (tx) => tx.insert(supportPlanMessages).values({ ...message, authorUserId: actors.person.userId! })),
        ),
      ).toBeNull();
      expect(
        await refusal(
          db.inScope(actors.person, (tx) => tx.insert(supportPlanMessages).values({ ...message, authorUserId: actors.worker.userId! })),
        ),
      ).toMatch(/row-level security/);
      expect(
        await refusal(
          db.inScope(actors.otherCarer, (tx) =>
            tx.insert(supportPlanMessages).values({ ...message, authorUserId: actors.otherCarer.userId! }),
          ),
        ),
      ).toMatch(/row-level security/);
    });
  });

  it('audits reading the plan, with whose it is', async () => {
    await supportPlansService(db).page(actors.circle, liveId);
    const [event] = await db.owner
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, actors.circle.userId!), eq(auditEvents.recordType, 'support plan')));
    expect(event).toMatchObject({ action: 'viewed', recordId: planId, subjectUserId: actors.person.userId });
  });
});
