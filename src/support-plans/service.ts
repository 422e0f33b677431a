import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { arrangements } from '../arrangements/schema.js';
import { constraintOf, openArrangement, type ArrangementRecord } from '../arrangements/service.js';
import { people } from '../people/schema.js';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import {
  changedSections,
  checkSave,
  diffPlans,
  emptyPlan,
  mergePlans,
  takeSections,
  type PlanContent,
  type PlanRisk,
  type PlanSection,
} from './plan.js';
import { supportPlanMessages, supportPlanProposals, supportPlans, supportPlanVersions } from './schema.js';
import { AUTHOR_AS, OPEN_STATUSES, type PartyRole, type ProposalKind } from './words.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

type VersionRow = typeof supportPlanVersions.$inferSelect;
type PlanRow = typeof supportPlans.$inferSelect;

export interface PlanSave {
  /** The version the writer started from: 0 for a new plan. */
  baseVersion: number;
  content: PlanContent;
  reason: string;
  /** After a conflict: the parts to take from the version saved meanwhile. */
  take: PlanSection[];
}

export interface NewProposal {
  section: PlanSection | 'whole';
  kind: ProposalKind;
  words: string;
  proposedText: string | null;
}

export interface Acceptance {
  baseVersion: number;
  /** The part's new words: text, or risks for the risks part. */
  text: string;
  risks: PlanRisk[];
  reason: string;
}

/** The version someone else saved while another was editing, with what merging the two gives. */
export class PlanConflict extends Error {
  constructor(
    readonly details: {
      current: number;
      theirs: { content: PlanContent; byName: string | null; at: Date; reason: string; version: number };
      mine: PlanContent;
      merged: PlanContent;
      conflicts: PlanSection[];
    },
  ) {
    super('The support plan was changed while it was being edited');
  }
}

/** The database refused a write from an old version: someone saved in between. */
class StaleWrite extends Error {}

const STALE_CONSTRAINTS = ['support_plan_versions_version', 'support_plans_arrangement'];

export const contentOf = (row: VersionRow): PlanContent => ({
  goals: row.goals,
  dailySupport: row.dailySupport,
  risks: row.risks,
  medication: row.medication,
  importantPeople: row.importantPeople,
  routines: row.routines,
});

/**
 * What this actor may do with the arrangement's plan: read it (staff; the carer while the
 * arrangement is live; the person; their circle with consent), and propose as which party.
 */
async function sightOf(tx: Tx, actor: Actor, record: ArrangementRecord): Promise<{ mayRead: boolean; party: PartyRole | null }> {
  const live = record.arrangement.status !== 'ended';
  if (isStaff(actor)) return { mayRead: true, party: null };
  if (actor.role === 'carer') return { mayRead: live, party: live ? 'carer' : null };
  if (actor.role !== 'person' && actor.role !== 'circle_member') return { mayRead: false, party: null };
  const [{ may } = { may: false }] = await rowsOf<{ may: boolean }>(
    tx,
    sql`select hearth_may_see_person(${record.person.id}, 'support_plan') as may`,
  );
  return { mayRead: may, party: may && live ? actor.role : null };
}

async function planOf(tx: Tx, arrangementId: string, lock = false) {
  const query = tx.select().from(supportPlans).where(eq(supportPlans.arrangementId, arrangementId));
  const [plan] = lock ? await query.for('update') : await query;
  return plan ?? null;
}

async function versionOf(tx: Tx, planId: string, version: number) {
  const [row] = await tx
    .select()
    .from(supportPlanVersions)
    .where(and(eq(supportPlanVersions.planId, planId), eq(supportPlanVersions.version, version)));
  return row ?? null;
}

async function currentOf(tx: Tx, plan: PlanRow | null) {
  return plan ? versionOf(tx, plan.id, plan.version) : null;
}

/** Opens the arrangement and the plan for someone who may read it; otherwise the plan is not found. */
async function openPlan(tx: Tx, actor: Actor, arrangementId: string) {
  const record = await openArrangement(tx, actor, arrangementId);
  const sight = await sightOf(tx, actor, record);
  if (!sight.mayRead) throw notFound();
  return { record, sight, plan: await planOf(tx, arrangementId) };
}

async function proposalOf(tx: Tx, planId: string, proposalId: string, lock = false) {
  const query = tx
    .select()
    .from(supportPlanProposals)
    .where(and(eq(supportPlanProposals.id, proposalId), eq(supportPlanProposals.planId, planId)));
  const [proposal] = lock ? await query.for('update') : await query;
  if (!proposal) throw notFound();
  return proposal;
}

const refuseEnded = (record: ArrangementRecord, field: string) => {
  if (record.arrangement.status === 'ended')
    throw new InputProblem(field, 'This arrangement has ended: its support plan can be read, not changed');
};

/**
 * Writes the next version, only from the version the writer started from: the plan's row moves
 * on only `where version = base`, and a second version with the same number is refused.
 */
async function writeVersion(
  tx: Tx,
  actor: Actor,
  record: ArrangementRecord,
  plan: PlanRow | null,
  write: {
    base: number;
    version: number;
    content: PlanContent;
    before: PlanContent;
    reason: string;
    proposalId: string | null;
  },
) {
  const planId =
    plan?.id ??
    (
      await refusedIfStale(() =>
        tx
          .insert(supportPlans)
          .values({ schemeId: inScheme(actor).schemeId, arrangementId: record.arrangement.id, version: 1 })
          .returning({ id: supportPlans.id }),
      )
    )[0]!.id;
  const changed = changedSections(write.before, write.content);
  await refusedIfStale(() =>
    tx.insert(supportPlanVersions).values({
      schemeId: inScheme(actor).schemeId,
      planId,
      version: write.version,
      ...write.content,
      changedSections: changed,
      reason: write.reason,
      proposalId: write.proposalId,
      byUserId: actor.userId,
      byName: actor.name,
    }),
  );
  if (plan) {
    const moved = await tx
      .update(supportPlans)
      .set({ version: write.version, updatedAt: new Date() })
      .where(and(eq(supportPlans.id, planId), eq(supportPlans.version, write.base)))
      .returning({ id: supportPlans.id });
    if (!moved.length) throw new StaleWrite();
  }
  await audit(tx, actor, {
    action: plan ? 'updated' : 'created',
    recordType: 'support plan',
    recordId: planId,
    subjectUserId: record.person.userId,
    changes: {
      version: write.version,
      changedSections: changed,
      reason: write.reason,
      ...(write.proposalId ? { proposalId: write.proposalId } : {}),
    },
  });
  return { planId, version: write.version };
}

async function refusedIfStale<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (STALE_CONSTRAINTS.includes(constraintOf(error) ?? '')) throw new StaleWrite();
    throw error;
  }
}

/** Someone saved since `baseVersion`: their version beside mine, merged where the two do not collide. */
async function conflictFor(tx: Tx, arrangementId: string, baseVersion: number, mine: PlanContent) {
  const plan = (await planOf(tx, arrangementId))!;
  const theirs = (await currentOf(tx, plan))!;
  const base = baseVersion > 0 ? await versionOf(tx, plan.id, baseVersion) : null;
  const { merged, conflicts } = mergePlans(base ? contentOf(base) : emptyPlan(), mine, contentOf(theirs));
  return new PlanConflict({
    current: plan.version,
    theirs: { content: contentOf(theirs), byName: theirs.byName, at: theirs.createdAt, reason: theirs.reason, version: theirs.version },
    mine,
    merged,
    conflicts,
  });
}

const versionSummary = {
  version: supportPlanVersions.version,
  changedSections: supportPlanVersions.changedSections,
  reason: supportPlanVersions.reason,
  byName: supportPlanVersions.byName,
  createdAt: supportPlanVersions.createdAt,
  proposalId: supportPlanVersions.proposalId,
};

/** Support plans, co-produced: read by all involved, proposed to by the person, their circle and the carer; versions written by staff. */
export function supportPlansService(db: Database) {
  /** Runs a write that may race another: a stale write comes back as the conflict, read afresh. */
  const racing = async <T>(
    actor: Actor,
    arrangementId: string,
    baseVersion: number,
    mine: () => PlanContent,
    work: (tx: Tx) => Promise<T>,
  ) => {
    try {
      return await db.inScope(actor, work);
    } catch (error) {
      if (error instanceof StaleWrite) throw await db.inScope(actor, (tx) => conflictFor(tx, arrangementId, baseVersion, mine()));
      throw error;
    }
  };

  return {
    /** The plan as it is now, its versions, and every proposal with its status. */
    async page(actor: Actor, arrangementId: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const sight = await sightOf(tx, actor, record);
        if (!sight.mayRead) return { ...record, sight, plan: null, current: null, versions: [], proposals: [] };
        const plan = await planOf(tx, arrangementId);
        const current = await currentOf(tx, plan);
        const versions = plan
          ? await tx
              .select(versionSummary)
              .from(supportPlanVersions)
              .where(eq(supportPlanVersions.planId, plan.id))
              .orderBy(desc(supportPlanVersions.version))
          : [];
        const proposals = plan
          ? await tx
              .select()
              .from(supportPlanProposals)
              .where(eq(supportPlanProposals.planId, plan.id))
              .orderBy(desc(supportPlanProposals.createdAt))
          : [];
        proposals.sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)));
        if (plan)
          await audit(tx, actor, {
            action: 'viewed',
            recordType: 'support plan',
            recordId: plan.id,
            subjectUserId: record.person.userId,
            changes: { version: plan.version },
          });
        return { ...record, sight, plan, current: current ? { ...current, content: contentOf(current) } : null, versions, proposals };
      });
    },

    /** One version, and what changed from the one before it, part by part. */
    async version(actor: Actor, arrangementId: string, version: number) {
      return db.inScope(actor, async (tx) => {
        const { record, plan } = await openPlan(tx, actor, arrangementId);
        const row = plan ? await versionOf(tx, plan.id, version) : null;
        if (!plan || !row) throw notFound();
        const before = version > 1 ? await versionOf(tx, plan.id, version - 1) : null;
        await audit(tx, actor, {
          action: 'viewed',
          recordType: 'support plan version',
          recordId: row.id,
          subjectUserId: record.person.userId,
          changes: { version },
        });
        return {
          ...record,
          plan,
          row,
          content: contentOf(row),
          diff: diffPlans(before ? contentOf(before) : emptyPlan(), contentOf(row)),
          latest: plan.version,
        };
      });
    },

    /** The plan to change, with the version it is at: the edit form keeps that version, hidden. */
    async forEditing(actor: Actor, arrangementId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const plan = await planOf(tx, arrangementId);
        const current = await currentOf(tx, plan);
        if (plan)
          await audit(tx, actor, {
            action: 'viewed',
            recordType: 'support plan',
            recordId: plan.id,
            subjectUserId: record.person.userId,
            changes: { version: plan.version },
          });
        return { ...record, version: plan?.version ?? 0, content: current ? contentOf(current) : emptyPlan() };
      });
    },

    /** Saves a new version from the version the worker started from; if someone saved since, a PlanConflict to merge. */
    async save(actor: Actor, arrangementId: string, input: PlanSave) {
      requireStaff(actor);
      return racing(
        actor,
        arrangementId,
        input.baseVersion,
        () => input.content,
        async (tx) => {
          const record = await openArrangement(tx, actor, arrangementId);
          refuseEnded(record, 'reason');
          const plan = await planOf(tx, arrangementId, true);
          const current = await currentOf(tx, plan);
          const now = current ? { version: current.version, content: contentOf(current) } : null;
          const content = now && input.take.length ? takeSections(input.content, now.content, input.take) : input.content;
          const checked = checkSave(now, input.baseVersion, content);
          if (!checked.ok && checked.reason === 'stale') throw await conflictFor(tx, arrangementId, input.baseVersion, input.content);
          if (!checked.ok) throw new InputProblem('reason', 'Nothing has changed: change a part of the plan to save a new version');
          return writeVersion(tx, actor, record, plan, {
            base: input.baseVersion,
            version: checked.version,
            content,
            before: now?.content ?? emptyPlan(),
            reason: input.reason,
            proposalId: null,
          });
        },
      );
    },

    /** The person, someone in their circle, or the carer, comments on or proposes a change to a part, in their words. */
    async propose(actor: Actor, arrangementId: string, input: NewProposal) {
      return db.inScope(actor, async (tx) => {
        const { record, sight, plan } = await openPlan(tx, actor, arrangementId);
        refuseEnded(record, 'words');
        if (!sight.party) throw notFound();
        if (!plan) throw new InputProblem('words', 'There is no support plan yet: your worker will write it with you first');
        const [saved] = await tx
          .insert(supportPlanProposals)
          .values({
            schemeId: inScheme(actor).schemeId,
            planId: plan.id,
            ...input,
            onVersion: plan.version,
            authorUserId: inScheme(actor).userId,
            authorName: actor.name ?? '',
            authorRole: sight.party,
          })
          .returning({ id: supportPlanProposals.id });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'support plan proposal',
          recordId: saved!.id,
          subjectUserId: record.person.userId,
          changes: { ...input },
        });
        return { id: saved!.id };
      });
    },

    /** A proposal, its conversation, and the part of the plan it is about as it is now. */
    async proposal(actor: Actor, arrangementId: string, proposalId: string) {
      return db.inScope(actor, async (tx) => {
        const { record, sight, plan } = await openPlan(tx, actor, arrangementId);
        if (!plan) throw notFound();
        const proposal = await proposalOf(tx, plan.id, proposalId);
        const messages = await tx
          .select()
          .from(supportPlanMessages)
          .where(eq(supportPlanMessages.proposalId, proposalId))
          .orderBy(asc(supportPlanMessages.createdAt));
        const current = (await currentOf(tx, plan))!;
        await audit(tx, actor, {
          action: 'viewed',
          recordType: 'support plan proposal',
          recordId: proposalId,
          subjectUserId: record.person.userId,
        });
        return { ...record, sight, plan, proposal, messages, content: contentOf(current) };
      });
    },

    /** A reply in a proposal's conversation; the worker's first reply means it is being talked about. */
    async reply(actor: Actor, arrangementId: string, proposalId: string, words: string) {
      return db.inScope(actor, async (tx) => {
        const { record, plan } = await openPlan(tx, actor, arrangementId);
        if (!plan) throw notFound();
        const proposal = await proposalOf(tx, plan.id, proposalId, isStaff(actor));
        if (!isOpen(proposal.status)) throw new InputProblem('words', 'This has been decided: to say more, make a new proposal or comment');
        const [saved] = await tx
          .insert(supportPlanMessages)
          .values({
            schemeId: inScheme(actor).schemeId,
            proposalId,
            words,
            authorUserId: inScheme(actor).userId,
            authorName: actor.name ?? '',
            authorAs: AUTHOR_AS[actor.role ?? ''] ?? 'Someone',
          })
          .returning({ id: supportPlanMessages.id });
        if (isStaff(actor) && proposal.status === 'open')
          await tx.update(supportPlanProposals).set({ status: 'discussing' }).where(eq(supportPlanProposals.id, proposalId));
        await audit(tx, actor, {
          action: 'created',
          recordType: 'support plan message',
          recordId: saved!.id,
          subjectUserId: record.person.userId,
          changes: { proposalId, words },
        });
      });
    },

    /** The worker accepts a proposed change, in the words they agreed: a new version of the plan. */
    async accept(actor: Actor, arrangementId: string, proposalId: string, input: Acceptance) {
      requireStaff(actor);
      let mine = emptyPlan();
      return racing(
        actor,
        arrangementId,
        input.baseVersion,
        () => mine,
        async (tx) => {
          const record = await openArrangement(tx, actor, arrangementId);
          refuseEnded(record, 'reason');
          const plan = await planOf(tx, arrangementId, true);
          if (!plan) throw notFound();
          const proposal = await decidable(tx, plan.id, proposalId);
          if (proposal.kind !== 'change' || proposal.section === 'whole')
            throw new InputProblem('reason', 'A comment is not accepted: mark it as read, or change the plan itself');
          const current = contentOf((await currentOf(tx, plan))!);
          mine = withSection(current, proposal.section as PlanSection, input);
          const checked = checkSave({ version: plan.version, content: current }, input.baseVersion, mine);
          if (!checked.ok && checked.reason === 'stale') throw await conflictFor(tx, arrangementId, input.baseVersion, mine);
          if (!checked.ok)
            throw new InputProblem(
              proposal.section === 'risks' ? 'risk-1' : 'text',
              'These words are the same as the plan now: change them, or say why not and decline it',
            );
          const saved = await writeVersion(tx, actor, record, plan, {
            base: input.baseVersion,
            version: checked.version,
            content: mine,
            before: current,
            reason: input.reason,
            proposalId,
          });
          await decide(tx, actor, record, proposalId, { status: 'accepted', acceptedVersion: saved.version, decisionReason: input.reason });
          return saved;
        },
      );
    },

    /** The worker declines a proposal, saying why. */
    async decline(actor: Actor, arrangementId: string, proposalId: string, reason: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const { record, plan } = await openPlan(tx, actor, arrangementId);
        await decidable(tx, plan?.id ?? '', proposalId);
        await decide(tx, actor, record, proposalId, { status: 'declined', decisionReason: reason, acceptedVersion: null });
      });
    },

    /** The worker has read a comment. */
    async noted(actor: Actor, arrangementId: string, proposalId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const { record, plan } = await openPlan(tx, actor, arrangementId);
        const proposal = await decidable(tx, plan?.id ?? '', proposalId);
        if (proposal.kind !== 'comment') throw new InputProblem('reason', 'A proposed change is accepted or declined, not only read');
        await decide(tx, actor, record, proposalId, { status: 'noted', decisionReason: null, acceptedVersion: null });
      });
    },

    /** Proposals waiting for the worker across their caseload (or everyone's). */
    async openProposals(actor: Actor, options: { everyone: boolean }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const rows = await tx
          .select({
            id: supportPlanProposals.id,
            arrangementId: supportPlans.arrangementId,
            personName: people.name,
            section: supportPlanProposals.section,
            kind: supportPlanProposals.kind,
            words: supportPlanProposals.words,
            status: supportPlanProposals.status,
            authorName: supportPlanProposals.authorName,
            authorRole: supportPlanProposals.authorRole,
            createdAt: supportPlanProposals.createdAt,
          })
          .from(supportPlanProposals)
          .innerJoin(supportPlans, eq(supportPlans.id, supportPlanProposals.planId))
          .innerJoin(arrangements, eq(arrangements.id, supportPlans.arrangementId))
          .innerJoin(people, eq(people.id, arrangements.personId))
          .where(openWhere(actor, options.everyone))
          .orderBy(asc(supportPlanProposals.createdAt), asc(supportPlanProposals.id));
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'support plan proposal',
          changes: { open: true, everyone: options.everyone },
        });
        return rows;
      });
    },

    /** How many proposals wait for this worker (for the caseload's heading). */
    async openCount(actor: Actor) {
      if (!isStaff(actor)) return 0;
      return db.inScope(actor, async (tx) => {
        const [{ n } = { n: 0 }] = await prepared(
          tx
            .select({ n: count() })
            .from(supportPlanProposals)
            .innerJoin(supportPlans, eq(supportPlans.id, supportPlanProposals.planId))
            .innerJoin(arrangements, eq(arrangements.id, supportPlans.arrangementId))
            .where(openWhere(actor, false)),
        );
        return Number(n);
      });
    },
  };
}

const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

const openWhere = (actor: Actor, everyone: boolean) =>
  and(
    inArray(supportPlanProposals.status, [...OPEN_STATUSES]),
    everyone ? undefined : eq(arrangements.workerUserId, inScheme(actor).userId),
  );

function withSection(content: PlanContent, section: PlanSection, input: Acceptance): PlanContent {
  return section === 'risks' ? { ...content, risks: input.risks } : { ...content, [section]: input.text };
}

async function decidable(tx: Tx, planId: string, proposalId: string) {
  if (!planId) throw notFound();
  const proposal = await proposalOf(tx, planId, proposalId, true);
  if (!isOpen(proposal.status)) throw new InputProblem('reason', 'This has already been decided');
  return proposal;
}

async function decide(
  tx: Tx,
  actor: Actor,
  record: ArrangementRecord,
  proposalId: string,
  decision: { status: 'accepted' | 'declined' | 'noted'; decisionReason: string | null; acceptedVersion: number | null },
) {
  await tx
    .update(supportPlanProposals)
    .set({ ...decision, decidedAt: new Date(), decidedByUserId: actor.userId, decidedByName: actor.name })
    .where(eq(supportPlanProposals.id, proposalId));
  await audit(tx, actor, {
    action: 'updated',
    recordType: 'support plan proposal',
    recordId: proposalId,
    subjectUserId: record.person.userId,
    changes: { ...decision },
  });
}

export type SupportPlansService = ReturnType<typeof supportPlansService>;
