import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { carerFor } from '../carers/access.js';
import { recordDecision } from '../carers/decisions.js';
import { moveCarer } from '../carers/moves.js';
import { panelPapersFor } from '../carers/papers.js';
import { carers } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import type { ApprovalTerms } from '../carers/terms.js';
import { formatDate } from '../platform/layout/views.js';
import type { IsoDate } from '../platform/dates.js';
import type { PanelPapers } from './papers.js';
import { approvalPanels, panelCases, panelMembers, panelViews } from './schema.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';

export type PanelView = 'approve' | 'decline' | 'defer';

export interface NewPanel {
  meetsOn: IsoDate;
  place: string | null;
  memberUserIds: string[];
  chairUserId: string | null;
}

export interface Recommendation {
  recommendation: PanelView;
  terms: ApprovalTerms | null;
  reason: string | null;
  recommendedOn: IsoDate;
}

export interface SchemeDecision {
  decision: 'approved' | 'declined';
  terms: ApprovalTerms | null;
  reason: string | null;
  decidedOn: IsoDate;
}

/**
 * Approval panels: staff set a date, choose members and add carers' cases with papers; members
 * read the papers of their own panels and give their views; staff record the recommendation;
 * a manager records the scheme's decision.
 */
export function panelService(db: Database) {
  return {
    async list(actor: Actor) {
      return db.inScope(actor, async (tx) => {
        const panels = await tx
          .select({ id: approvalPanels.id, meetsOn: approvalPanels.meetsOn, place: approvalPanels.place, cases: count(panelCases.id) })
          .from(approvalPanels)
          .leftJoin(panelCases, eq(panelCases.panelId, approvalPanels.id))
          .groupBy(approvalPanels.id)
          .orderBy(desc(approvalPanels.meetsOn));
        await audit(tx, actor, { action: 'listed', recordType: 'approval panel' });
        return panels;
      });
    },

    /** Panel members of this scheme: who can be asked to sit on a panel. */
    async memberChoices(actor: Actor) {
      return db.inScope(actor, (tx) =>
        tx
          .select({ id: users.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.role, 'panel_member'), isNull(memberships.endedAt)))
          .orderBy(asc(users.name)),
      );
    },

    async create(actor: Actor, input: NewPanel) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const id = randomUUID();
        await tx.insert(approvalPanels).values({ id, schemeId: inScheme(actor).schemeId, meetsOn: input.meetsOn, place: input.place });
        const seats = [...new Set([...input.memberUserIds, ...(input.chairUserId ? [input.chairUserId] : [])])];
        await checkPanelMembers(tx, seats);
        if (seats.length) {
          await tx.insert(panelMembers).values(
            seats.map((userId) => ({
              schemeId: inScheme(actor).schemeId,
              panelId: id,
              userId,
              role: userId === input.chairUserId ? ('chair' as const) : ('member' as const),
            })),
          );
        }
        await audit(tx, actor, { action: 'created', recordType: 'approval panel', recordId: id, changes: { ...input } });
        return { id };
      });
    },

    async panel(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const [panel] = await tx.select().from(approvalPanels).where(eq(approvalPanels.id, id));
        if (!panel) throw notFound();
        const members = await tx
          .select({ userId: panelMembers.userId, name: users.name, role: panelMembers.role })
          .from(panelMembers)
          .innerJoin(users, eq(users.id, panelMembers.userId))
          .where(eq(panelMembers.panelId, id))
          .orderBy(desc(panelMembers.role), asc(users.name));
        const cases = await tx
          .select({
            id: panelCases.id,
            carerId: panelCases.carerId,
            carerName: sql<string>`${panelCases.papers}->>'carerName'`,
            recommendation: panelCases.recommendation,
          })
          .from(panelCases)
          .where(eq(panelCases.panelId, id))
          .orderBy(asc(sql`${panelCases.papers}->>'carerName'`));
        await audit(tx, actor, { action: 'viewed', recordType: 'approval panel', recordId: id });
        return { panel, members, cases };
      });
    },

    /** Carers ready for a panel: at Checks, or at Approval panel after a deferral, and not already on this one. */
    async candidates(actor: Actor, panelId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const [panel] = await tx.select().from(approvalPanels).where(eq(approvalPanels.id, panelId));
        if (!panel) throw notFound();
        const already = tx.select({ id: panelCases.carerId }).from(panelCases).where(eq(panelCases.panelId, panelId));
        const ready = await tx
          .select({ id: carers.id, name: carers.name, stage: carers.stage, openOn: approvalPanels.meetsOn })
          .from(carers)
          .leftJoin(panelCases, and(eq(panelCases.carerId, carers.id), isNull(panelCases.recommendation)))
          .leftJoin(approvalPanels, eq(approvalPanels.id, panelCases.panelId))
          .where(and(inArray(carers.stage, ['checks', 'panel']), notInArray(carers.id, already)))
          .orderBy(asc(carers.name));
        return { panel, ready };
      });
    },

    async addCase(actor: Actor, panelId: string, input: { carerId: string; summary: string }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const [panel] = await tx.select().from(approvalPanels).where(eq(approvalPanels.id, panelId));
        if (!panel) throw notFound();
        const carer = await carerFor(tx, actor, input.carerId).catch(() => {
          throw new InputProblem('carerId', 'Choose a carer who is ready for a panel');
        });
        if (carer.stage !== 'checks' && carer.stage !== 'panel')
          throw new InputProblem('carerId', 'Choose a carer who is ready for a panel');
        const [already] = await tx
          .select({ id: panelCases.id })
          .from(panelCases)
          .where(and(eq(panelCases.panelId, panelId), eq(panelCases.carerId, carer.id)));
        if (already) throw new InputProblem('carerId', 'They are already on this panel');
        const papers = await panelPapersFor(tx, actor, carer.id, input.summary);
        const [open] = await tx
          .select({ id: panelCases.id, panelId: panelCases.panelId })
          .from(panelCases)
          .where(and(eq(panelCases.carerId, carer.id), isNull(panelCases.recommendation)));
        const id = open ? await moveCase(tx, actor, { ...open, carerUserId: carer.userId }, panelId, papers) : randomUUID();
        if (!open) {
          await tx.insert(panelCases).values({ id, schemeId: carer.schemeId, panelId, carerId: carer.id, papers });
          await audit(tx, actor, {
            action: 'created',
            recordType: 'panel case',
            recordId: id,
            subjectUserId: carer.userId,
            changes: { panelId, carerId: carer.id, summary: input.summary },
          });
        }
        if (carer.stage === 'checks')
          await moveCarer(tx, actor, carer, {
            to: 'panel',
            via: 'panel',
            effectiveOn: papers.preparedOn,
            fields: { stage: 'carerId', date: 'carerId' },
          });
        return { id, moved: !!open };
      });
    },

    /** A case as the viewer may see it: members the papers and views; staff also the decision. */
    async case(actor: Actor, caseId: string) {
      return db.inScope(actor, async (tx) => {
        const [found] = await tx
          .select({ case: panelCases, panel: approvalPanels })
          .from(panelCases)
          .innerJoin(approvalPanels, eq(approvalPanels.id, panelCases.panelId))
          .where(eq(panelCases.id, caseId));
        if (!found) throw notFound();
        const views = await tx
          .select({ userId: panelViews.userId, name: users.name, view: panelViews.view, comments: panelViews.comments, at: panelViews.at })
          .from(panelViews)
          .innerJoin(users, eq(users.id, panelViews.userId))
          .where(eq(panelViews.caseId, caseId))
          .orderBy(asc(users.name));
        const [seat] = await tx
          .select({ role: panelMembers.role })
          .from(panelMembers)
          .where(and(eq(panelMembers.panelId, found.panel.id), eq(panelMembers.userId, inScheme(actor).userId)));
        const decisions = isStaff(actor) ? await tx.select().from(carerApprovals).where(eq(carerApprovals.panelCaseId, caseId)) : [];
        const [carer] = isStaff(actor)
          ? await tx.select({ stage: carers.stage, since: carers.stageSince }).from(carers).where(eq(carers.id, found.case.carerId))
          : [];
        await audit(tx, actor, { action: 'viewed', recordType: 'panel case', recordId: caseId, changes: { carerId: found.case.carerId } });
        return {
          ...found,
          views,
          sitsOn: !!seat,
          decision: decisions[0] ?? null,
          carerStage: carer?.stage ?? null,
          // The recommendation can be no earlier than the panel, nor than the carer reaching Approval panel.
          recommendableFrom: carer && carer.since > found.panel.meetsOn ? carer.since : found.panel.meetsOn,
        };
      });
    },

    /** A panel member's own view of a case, until the panel's recommendation is recorded. */
    async giveView(actor: Actor, caseId: string, input: { view: PanelView; comments: string }) {
      if (actor.role !== 'panel_member') throw forbidden();
      return db.inScope(actor, async (tx) => {
        const [found] = await tx
          .select({ schemeId: panelCases.schemeId, recommendation: panelCases.recommendation, panelId: panelCases.panelId })
          .from(panelCases)
          .where(eq(panelCases.id, caseId));
        if (!found) throw notFound();
        if (found.recommendation)
          throw new InputProblem('view', 'The panel’s recommendation has been recorded: views can no longer change');
        await tx
          .insert(panelViews)
          .values({ schemeId: found.schemeId, caseId, userId: inScheme(actor).userId, view: input.view, comments: input.comments })
          .onConflictDoUpdate({
            target: [panelViews.caseId, panelViews.userId],
            set: { view: input.view, comments: input.comments, at: new Date() },
          });
        await audit(tx, actor, { action: 'updated', recordType: 'panel view', recordId: caseId, changes: { ...input } });
      });
    },

    async recommend(actor: Actor, caseId: string, input: Recommendation) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const found = await caseFor(tx, caseId);
        if (found.recommendation) throw new InputProblem('recommendation', 'The panel’s recommendation has already been recorded');
        if (input.recommendation === 'approve' && !input.terms) throw new InputProblem('maxPeople', 'Say what terms the panel recommends');
        if (input.recommendation !== 'approve' && !input.reason) throw new InputProblem('reason', 'Give the panel’s reasons');
        const carer = await carerFor(tx, actor, found.carerId);
        if (carer.stage !== 'panel') throw new InputProblem('recommendation', 'This carer is not waiting for a panel');
        const [panel] = await tx
          .select({ meetsOn: approvalPanels.meetsOn })
          .from(approvalPanels)
          .where(eq(approvalPanels.id, found.panelId));
        if (input.recommendedOn < panel!.meetsOn)
          throw new InputProblem('recommendedOn', `The panel meets on ${formatDate(panel!.meetsOn)}: its recommendation cannot be earlier`);
        await tx
          .update(panelCases)
          .set({
            recommendation: input.recommendation,
            recommendedTerms: input.recommendation === 'approve' ? input.terms : null,
            recommendationReason: input.reason,
            recommendedOn: input.recommendedOn,
          })
          .where(eq(panelCases.id, caseId));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'panel case',
          recordId: caseId,
          subjectUserId: carer.userId,
          changes: { ...input },
        });
        if (input.recommendation !== 'defer')
          await moveCarer(tx, actor, carer, {
            to: 'decision',
            via: 'recommendation',
            effectiveOn: input.recommendedOn,
            fields: { stage: 'recommendation', date: 'recommendedOn' },
          });
      });
    },

    /** The scheme's decision: only on a recommendation, and with reasons where it differs from it. */
    async decide(actor: Actor, caseId: string, input: SchemeDecision) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        const found = await caseFor(tx, caseId);
        if (found.recommendation !== 'approve' && found.recommendation !== 'decline') {
          throw new InputProblem('decision', 'Record the panel’s recommendation before the scheme’s decision');
        }
        const carer = await carerFor(tx, actor, found.carerId);
        if (carer.stage !== 'decision') throw new InputProblem('decision', 'This carer is not waiting for a decision');
        checkDecision(found.recommendation, input);
        if (input.decidedOn < (found.recommendedOn ?? input.decidedOn))
          throw new InputProblem('decidedOn', 'The decision must be on or after the panel’s recommendation');
        await recordDecision(tx, actor, carer, {
          panelCaseId: caseId,
          ...input,
          terms: input.decision === 'approved' ? input.terms : null,
        });
      });
    },

    /** A carer waiting for the scheme's decision with no panel case in Hearth to record it on (they came in at Decision). */
    async awaitingDecision(actor: Actor, carerId: string) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        return { id: carer.id, name: carer.name };
      });
    },

    /**
     * The scheme's decision on a carer whose panel recommended before the scheme used Hearth: one who
     * came in at Decision. A recommendation made in Hearth takes its decision on its panel case instead.
     */
    async decideOnEarlierPanel(actor: Actor, carerId: string, input: SchemeDecision) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        if (carer.stage !== 'decision') throw new InputProblem('decision', 'This carer is not waiting for a decision');
        const [awaiting] = await tx
          .select({ id: panelCases.id })
          .from(panelCases)
          .leftJoin(carerApprovals, eq(carerApprovals.panelCaseId, panelCases.id))
          .where(and(eq(panelCases.carerId, carerId), eq(panelCases.recommended, true), isNull(carerApprovals.id)));
        if (awaiting)
          throw new InputProblem('decision', 'Record the scheme’s decision on their panel case, with the panel’s recommendation');
        checkDecision(null, input);
        await recordDecision(tx, actor, carer, { panelCaseId: null, ...input, terms: input.decision === 'approved' ? input.terms : null });
      });
    },

    /** Panels a carer has been to, for their record. */
    casesForCarer: (actor: Actor, carerId: string) =>
      db.inScope(actor, (tx) =>
        tx
          .select({
            id: panelCases.id,
            meetsOn: approvalPanels.meetsOn,
            recommendation: panelCases.recommendation,
            recommendedOn: panelCases.recommendedOn,
          })
          .from(panelCases)
          .innerJoin(approvalPanels, eq(approvalPanels.id, panelCases.panelId))
          .where(eq(panelCases.carerId, carerId))
          .orderBy(desc(approvalPanels.meetsOn)),
      ),
  };
}

/**
 * A case not yet heard goes to another panel: new papers, the new panel's list only, and the views of
 * members who do not sit on the new panel set aside (its members give their own).
 */
async function moveCase(
  tx: Tx,
  actor: Actor,
  open: { id: string; panelId: string; carerUserId: string | null },
  panelId: string,
  papers: PanelPapers,
) {
  await tx.update(panelCases).set({ panelId, papers }).where(eq(panelCases.id, open.id));
  const seated = tx.select({ userId: panelMembers.userId }).from(panelMembers).where(eq(panelMembers.panelId, panelId));
  const setAside = await tx
    .delete(panelViews)
    .where(and(eq(panelViews.caseId, open.id), notInArray(panelViews.userId, seated)))
    .returning({ userId: panelViews.userId, view: panelViews.view, comments: panelViews.comments });
  await audit(tx, actor, {
    action: 'updated',
    recordType: 'panel case',
    recordId: open.id,
    subjectUserId: open.carerUserId,
    changes: { movedFromPanelId: open.panelId, panelId, summary: papers.summary, viewsSetAside: setAside },
  });
  return open.id;
}

/** Reasons where the scheme declines, or differs from the panel's recommendation; terms when it approves. */
function checkDecision(recommendation: PanelView | null, input: SchemeDecision) {
  const differs = recommendation !== null && (recommendation === 'approve') !== (input.decision === 'approved');
  if ((differs || input.decision === 'declined') && !input.reason) {
    throw new InputProblem(
      'reason',
      differs ? 'Give the reasons the scheme’s decision differs from the panel’s recommendation' : 'Give the reasons for declining',
    );
  }
  if (input.decision === 'approved' && !input.terms) throw new InputProblem('maxPeople', 'Set the terms they are approved on');
}

async function caseFor(tx: Tx, caseId: string) {
  const [found] = await tx.select().from(panelCases).where(eq(panelCases.id, caseId));
  if (!found) throw notFound();
  return found;
}

async function checkPanelMembers(tx: Tx, userIds: string[]) {
  if (!userIds.length) return;
  const found = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.userId, userIds), eq(memberships.role, 'panel_member'), isNull(memberships.endedAt)));
  if (new Set(found.map((f) => f.userId)).size !== userIds.length)
    throw new InputProblem('memberUserIds', 'Choose panel members from this scheme');
}

export type PanelService = ReturnType<typeof panelService>;
