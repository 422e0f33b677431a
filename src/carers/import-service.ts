import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { countsOf, CsvRowsProblem, type CsvPreview, type CsvProblem, type ImportCounts, type PlannedRow } from '../platform/csv/define.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { visibleCarers } from './access.js';
import { todayInUk } from '../platform/dates.js';
import { carersCsv, reviewDueFor, SMOKING_CSV, type CarerCsvRow } from './csv.js';
import { carerHomes, carers, carerStageChanges } from './schema.js';
import { carerApprovals } from './approval-schema.js';
import { carerConditions, type CarerFilter } from './service.js';
import { CURRENT, STAGE_NAMES } from './stages.js';
import { ARRANGEMENT_TYPE_NAMES, NEED_NAMES } from './terms.js';
import { requireStaff } from '../platform/permissions/staff.js';

const CHUNK = 500;
const HOME_FIELDS = [
  'bedrooms',
  'spareBedrooms',
  'stepFree',
  'ownBathroom',
  'smoking',
  'pets',
  'languages',
  'faith',
  'culture',
  'interests',
  'routines',
] as const;

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

type Planned = PlannedRow<CarerCsvRow>;

/** Carers in and out of spreadsheets: every row or none comes in; out goes what the role may see. */
export function carersCsvService(db: Database) {
  return {
    /** What importing these rows would do: the check step shows it, and the import does exactly it. */
    async plan(actor: Actor, preview: CsvPreview<CarerCsvRow>) {
      requireStaff(actor);
      return db.inScope(actor, (tx) => planImport(tx, actor, preview));
    },

    /** Adds the new carers and changes the ones the file changes, planning again in the same transaction. */
    async import(actor: Actor, preview: CsvPreview<CarerCsvRow>): Promise<ImportCounts> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const plan = await planImport(tx, actor, preview);
        if (plan.problems.length) throw new CsvRowsProblem(plan.problems);
        await addCarers(
          tx,
          actor,
          plan.rows.filter((r) => r.action === 'add'),
          plan.workers,
        );
        for (const planned of plan.rows.filter((r) => r.action === 'change')) await changeCarer(tx, actor, planned, plan.workers);
        return countsOf(plan);
      });
    },

    /** Every carer the actor may see, matching the list's filters, as spreadsheet rows. */
    async export(actor: Actor, filter: Omit<CarerFilter, 'page' | 'sort'>): Promise<Record<string, unknown>[]> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const rows = await exportRecords(tx, carerConditions(actor, filter));
        await audit(tx, actor, { action: 'exported', recordType: 'carer', changes: { count: rows.length, ...filter } });
        return rows;
      });
    },
  };
}

/** Carers as the export writes them: details, stage, latest approval terms, home, and their Hearth ID. */
async function exportRecords(tx: Tx, where: SQL): Promise<Record<string, unknown>[]> {
  const worker = alias(users, 'worker');
  const rows = await tx
    .select({ carer: carers, home: carerHomes, workerEmail: worker.email })
    .from(carers)
    .leftJoin(carerHomes, eq(carerHomes.carerId, carers.id))
    .leftJoin(worker, eq(worker.id, carers.workerUserId))
    .where(where)
    .orderBy(asc(carers.name), asc(carers.id));
  const approvals = await tx
    .selectDistinctOn([carerApprovals.carerId])
    .from(carerApprovals)
    .where(and(eq(carerApprovals.decision, 'approved'), sql`${carerApprovals.carerId} in (select id from carers where ${where})`))
    .orderBy(carerApprovals.carerId, desc(carerApprovals.decidedOn), desc(carerApprovals.createdAt));
  const terms = new Map(approvals.map((a) => [a.carerId, a]));
  const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? 'Yes' : 'No');
  return rows.map(({ carer, home, workerEmail }) => {
    const t = terms.get(carer.id);
    return {
      ...carer,
      hearthId: carer.id,
      workerEmail,
      stage: STAGE_NAMES[carer.stage],
      reason: carer.stageReason,
      maxPeople: t?.maxPeople,
      arrangementTypes: t?.arrangementTypes?.map((a) => ARRANGEMENT_TYPE_NAMES[a]),
      needs: t?.needs?.map((n) => NEED_NAMES[n]),
      ...home,
      stepFree: yesNo(home?.stepFree),
      ownBathroom: yesNo(home?.ownBathroom),
      smoking: home?.smoking ? SMOKING_CSV[home.smoking] : '',
      reviewDueOn: CURRENT.includes(carer.stage) ? carer.reviewDueOn : null,
    };
  });
}

/**
 * The one computation behind the check step and the import: each row matched to a saved carer by its
 * Hearth ID, or else its email; what it adds or changes; and what stops it.
 */
async function planImport(tx: Tx, actor: Actor, preview: CsvPreview<CarerCsvRow>) {
  const saved = await exportRecords(tx, visibleCarers(actor));
  const byId = new Map(saved.map((r) => [r.hearthId as string, r]));
  const byEmail = new Map(saved.filter((r) => r.email).map((r) => [r.email as string, r]));
  const plan = carersCsv.plan(preview, (row) => {
    if (row.hearthId) {
      const record = byId.get(row.hearthId);
      return record
        ? { id: row.hearthId, record }
        : { field: 'hearthId', message: 'No carer in this scheme has this Hearth ID: leave it empty for someone new' };
    }
    const record = row.email ? byEmail.get(row.email) : undefined;
    return record ? { id: record.hearthId as string, record } : null;
  });
  const writesWorker = (r: Planned) => r.row.workerEmail && (r.action === 'add' || r.changed.includes('workerEmail'));
  const workers = await workerIds(tx, actor, plan.rows.filter(writesWorker));
  const problems: CsvProblem[] = [...plan.problems];
  for (const r of plan.rows) {
    if (writesWorker(r) && !workers.has(r.row.workerEmail!))
      problems.push({
        rowNumber: r.rowNumber,
        column: 'Scheme worker email',
        message: 'No scheme worker or manager in this scheme signs in with this email',
      });
    const owner = r.row.email ? byEmail.get(r.row.email) : undefined;
    if (r.changed.includes('email') && owner && owner.hearthId !== r.id)
      problems.push({ rowNumber: r.rowNumber, column: 'Email', message: `${String(owner.name)} in Hearth has this email already` });
  }
  return { problems: problems.sort((a, b) => a.rowNumber - b.rowNumber), rows: plan.rows, workers };
}

async function addCarers(tx: Tx, actor: Actor, rows: Planned[], workers: Map<string, string>) {
  const schemeId = inScheme(actor).schemeId;
  const today = todayInUk();
  const made = rows.map(({ row }) => ({ id: randomUUID(), row, since: row.stageSince ?? today }));
  await inChunks(made, (chunk) =>
    tx.insert(carers).values(
      chunk.map(({ id, row, since }) => ({
        id,
        schemeId,
        ...details(row, workers),
        stage: row.stage,
        stageSince: since,
        stageReason: row.reason ?? null,
        enquiredOn: row.enquiredOn ?? since,
        approvedOn: row.approvedOn ?? null,
        reviewDueOn: reviewDueFor(row),
      })),
    ),
  );
  await inChunks(
    made.filter(({ row }) => HOME_FIELDS.some((f) => row[f] !== undefined)),
    (chunk) => tx.insert(carerHomes).values(chunk.map(({ id, row }) => ({ carerId: id, schemeId, ...home(row) }))),
  );
  await inChunks(made, (chunk) =>
    tx.insert(carerStageChanges).values(
      chunk.map(({ id, row, since }) => ({
        schemeId,
        carerId: id,
        fromStage: null,
        toStage: row.stage,
        reason: row.reason ?? null,
        effectiveOn: since,
        byUserId: actor.userId,
        byName: actor.name,
      })),
    ),
  );
  await inChunks(
    made.filter(({ row }) => row.approvedOn && row.maxPeople && row.arrangementTypes?.length),
    (chunk) =>
      tx.insert(carerApprovals).values(
        chunk.map(({ id, row }) => ({
          schemeId,
          carerId: id,
          decision: 'approved' as const,
          decidedOn: row.approvedOn!,
          basis: 'earlier_record' as const,
          maxPeople: row.maxPeople!,
          arrangementTypes: row.arrangementTypes!,
          needs: row.needs ?? [],
          byUserId: actor.userId,
          byName: actor.name,
        })),
      ),
  );
  for (const { id, row } of made) {
    await audit(tx, actor, {
      action: 'created',
      recordType: 'carer',
      recordId: id,
      changes: { source: 'spreadsheet import', name: row.name, email: row.email ?? null, stage: row.stage },
    });
  }
}

/** Only what the row changes: the carer's details, and their home. */
async function changeCarer(tx: Tx, actor: Actor, { id, row, changed }: Planned, workers: Map<string, string>) {
  const all = details(row, workers);
  const set = Object.fromEntries(
    Object.entries(all).filter(([field]) => changed.includes(field === 'workerUserId' ? 'workerEmail' : field)),
  ) as Partial<typeof all>;
  const [carer] = await tx
    .update(carers)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(carers.id, id!))
    .returning({ userId: carers.userId });
  const homeChanges = Object.fromEntries(Object.entries(home(row)).filter(([field]) => changed.includes(field)));
  if (Object.keys(homeChanges).length) {
    await tx
      .insert(carerHomes)
      .values({ carerId: id!, schemeId: inScheme(actor).schemeId, ...home(row) })
      .onConflictDoUpdate({ target: carerHomes.carerId, set: { ...homeChanges, updatedAt: new Date() } });
  }
  await audit(tx, actor, {
    action: 'updated',
    recordType: 'carer',
    recordId: id,
    subjectUserId: carer?.userId ?? null,
    changes: { source: 'spreadsheet import', ...set, ...homeChanges },
  });
}

function details(row: CarerCsvRow, workers: Map<string, string>) {
  return {
    name: row.name,
    email: row.email ?? null,
    phone: row.phone ?? null,
    address: row.address ?? null,
    postcode: row.postcode ?? null,
    area: row.area ?? null,
    latitude: row.latitude ?? null,
    longitude: row.longitude ?? null,
    enquiredOn: row.enquiredOn ?? row.stageSince ?? todayInUk(),
    workerUserId: row.workerEmail ? workers.get(row.workerEmail)! : null,
  };
}

function home(row: CarerCsvRow) {
  return {
    bedrooms: row.bedrooms ?? null,
    spareBedrooms: row.spareBedrooms ?? null,
    stepFree: row.stepFree ?? null,
    ownBathroom: row.ownBathroom ?? null,
    smoking: row.smoking ?? null,
    pets: row.pets ?? null,
    languages: row.languages ?? [],
    faith: row.faith ?? null,
    culture: row.culture ?? null,
    interests: row.interests ?? [],
    routines: row.routines ?? null,
  };
}

/** Scheme workers and managers named in the rows, by email. */
async function workerIds(tx: Tx, actor: Actor, rows: Planned[]) {
  const emails = [...new Set(rows.flatMap((r) => (r.row.workerEmail ? [r.row.workerEmail] : [])))];
  if (!emails.length) return new Map<string, string>();
  const found = await tx
    .selectDistinct({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.schemeId, inScheme(actor).schemeId),
        inArray(memberships.role, ['scheme_manager', 'scheme_worker']),
        isNull(memberships.endedAt),
        inArray(users.email, emails),
      ),
    );
  return new Map(found.map((f) => [f.email, f.id]));
}

export type CarersCsvService = ReturnType<typeof carersCsvService>;
