import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/database.js';
import { approvalPanels, panelCases, panelMembers } from '../panel/schema.js';
import type { PanelPapers } from '../panel/papers.js';
import { addDays, addMonths, type IsoDate, todayInUk } from '../platform/dates.js';
import { DEFAULT_CHECK_TYPES } from './checks/defaults.js';
import { checkRecords, checkTypes } from './checks/schema.js';
import { carerStageChanges, carers, householdMembers } from './schema.js';
import type { CarerStage } from './stages.js';

/** Test data for carers, through the owner's connection: each call makes new, fictional rows. */
export async function aCarer(
  db: Database,
  options: {
    schemeId: string;
    stage?: CarerStage;
    userId?: string | null;
    workerUserId?: string | null;
    name?: string;
    area?: string | null;
    postcode?: string | null;
    stageSince?: IsoDate;
    reviewDueOn?: IsoDate | null;
  },
) {
  const stage = options.stage ?? 'enquiry';
  const today = todayInUk();
  const stageSince = options.stageSince ?? addDays(today, -10);
  const approved = stage === 'approved' || stage === 'paused';
  const [row] = await db.owner
    .insert(carers)
    .values({
      schemeId: options.schemeId,
      name: options.name ?? `Test Carer ${randomUUID().slice(0, 4)}`,
      userId: options.userId ?? null,
      workerUserId: options.workerUserId ?? null,
      area: options.area ?? null,
      postcode: options.postcode ?? null,
      stage,
      stageSince,
      stageReason: ['withdrawn', 'declined', 'paused', 'left'].includes(stage) ? 'A test reason' : null,
      enquiredOn: addDays(stageSince, -60),
      approvedOn: approved ? addDays(stageSince, -1) : null,
      reviewDueOn: options.reviewDueOn !== undefined ? options.reviewDueOn : approved ? addMonths(stageSince, 12) : null,
    })
    .returning();
  await db.owner.insert(carerStageChanges).values({
    schemeId: options.schemeId,
    carerId: row!.id,
    fromStage: null,
    toStage: stage,
    effectiveOn: stageSince,
    reason: row!.stageReason,
  });
  return row!;
}

export async function aHouseholdMember(
  db: Database,
  carer: { id: string; schemeId: string },
  options: { name?: string; dateOfBirth?: IsoDate; relationship?: string } = {},
) {
  const [row] = await db.owner
    .insert(householdMembers)
    .values({
      schemeId: carer.schemeId,
      carerId: carer.id,
      name: options.name ?? 'Test Member',
      relationship: options.relationship ?? 'partner',
      dateOfBirth: options.dateOfBirth ?? '1980-05-01',
    })
    .returning();
  return row!;
}

/** The default checks and training, as a new scheme gets them. */
export async function defaultCheckTypes(db: Database, schemeId: string) {
  return db.owner
    .insert(checkTypes)
    .values(DEFAULT_CHECK_TYPES.map((t) => ({ ...t, schemeId })))
    .returning();
}

export async function aCheckRecord(
  db: Database,
  carer: { id: string; schemeId: string },
  type: { id: string },
  options: {
    completedOn: IsoDate;
    expiresOn: IsoDate | null;
    memberId?: string | null;
    outcome?: 'satisfactory' | 'follow_up' | 'unsatisfactory';
  },
) {
  const [row] = await db.owner
    .insert(checkRecords)
    .values({
      schemeId: carer.schemeId,
      carerId: carer.id,
      checkTypeId: type.id,
      householdMemberId: options.memberId ?? null,
      completedOn: options.completedOn,
      expiresOn: options.expiresOn,
      outcome: options.outcome ?? 'satisfactory',
    })
    .returning();
  return row!;
}

export async function aPanel(db: Database, schemeId: string, options: { meetsOn?: IsoDate; memberUserIds?: string[] } = {}) {
  const [panel] = await db.owner
    .insert(approvalPanels)
    .values({ schemeId, meetsOn: options.meetsOn ?? addDays(todayInUk(), 7), place: 'Test room' })
    .returning();
  for (const userId of options.memberUserIds ?? []) await db.owner.insert(panelMembers).values({ schemeId, panelId: panel!.id, userId });
  return panel!;
}

export async function aPanelCase(db: Database, panel: { id: string; schemeId: string }, carer: { id: string; name: string }) {
  const papers: PanelPapers = {
    carerName: carer.name,
    area: null,
    enquiredOn: '2025-01-01',
    worker: null,
    summary: 'A test summary for the panel.',
    home: [],
    household: [],
    checks: [],
    preparedOn: todayInUk(),
    preparedBy: null,
  };
  const [row] = await db.owner
    .insert(panelCases)
    .values({ id: randomUUID(), schemeId: panel.schemeId, panelId: panel.id, carerId: carer.id, papers })
    .returning();
  return row!;
}
