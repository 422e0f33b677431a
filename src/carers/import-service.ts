import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { CsvRowsProblem, type CsvProblem } from '../platform/csv/define.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { visibleCarers } from './access.js';
import { todayInUk } from '../platform/dates.js';
import { reviewDueFor, SMOKING_CSV, type CarerCsvRow } from './csv.js';
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

/** Carers in and out of spreadsheets: every row or none comes in; out goes what the role may see. */
export function carersCsvService(db: Database) {
  return {
    async import(actor: Actor, rows: CarerCsvRow[]): Promise<{ count: number }> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const workers = await workerIds(tx, actor, rows);
        const problems = await clashes(tx, actor, rows, workers);
        if (problems.length) throw new CsvRowsProblem(problems);
        const today = todayInUk();
        const made = rows.map((row) => ({ id: randomUUID(), row, since: row.stageSince ?? today }));
        await inChunks(made, (chunk) =>
          tx.insert(carers).values(
            chunk.map(({ id, row, since }) => ({
              id,
              schemeId: inScheme(actor).schemeId,
              name: row.name,
              email: row.email ?? null,
              phone: row.phone ?? null,
              address: row.address ?? null,
              postcode: row.postcode ?? null,
              area: row.area ?? null,
              latitude: row.latitude ?? null,
              longitude: row.longitude ?? null,
              workerUserId: row.workerEmail ? workers.get(row.workerEmail)! : null,
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
          (chunk) =>
            tx.insert(carerHomes).values(
              chunk.map(({ id, row }) => ({
                carerId: id,
                schemeId: inScheme(actor).schemeId,
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
              })),
            ),
        );
        await inChunks(made, (chunk) =>
          tx.insert(carerStageChanges).values(
            chunk.map(({ id, row, since }) => ({
              schemeId: inScheme(actor).schemeId,
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
                schemeId: inScheme(actor).schemeId,
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
        return { count: made.length };
      });
    },

    /** Every carer the actor may see, matching the list's filters, as spreadsheet rows. */
    async export(actor: Actor, filter: Omit<CarerFilter, 'page' | 'sort'>): Promise<Record<string, unknown>[]> {
      requireStaff(actor);
      const worker = alias(users, 'worker');
      return db.inScope(actor, async (tx) => {
        const where = carerConditions(actor, filter);
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
        await audit(tx, actor, { action: 'exported', recordType: 'carer', changes: { count: rows.length, ...filter } });
        return rows.map(({ carer, home, workerEmail }) => {
          const t = terms.get(carer.id);
          const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? 'Yes' : 'No');
          return {
            ...carer,
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
      });
    },
  };
}

/** Scheme workers and managers named in the file, by email. */
async function workerIds(tx: Tx, actor: Actor, rows: CarerCsvRow[]) {
  const emails = [...new Set(rows.flatMap((r) => (r.workerEmail ? [r.workerEmail] : [])))];
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

/** Rows that clash with what the scheme already has: a carer's email in use, a worker Hearth does not know. */
async function clashes(tx: Tx, actor: Actor, rows: CarerCsvRow[], workers: Map<string, string>): Promise<CsvProblem[]> {
  const emails = [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))];
  const taken = new Set<string>();
  for (let i = 0; i < emails.length; i += CHUNK) {
    const found = await tx
      .select({ email: carers.email })
      .from(carers)
      .where(and(visibleCarers(actor), inArray(carers.email, emails.slice(i, i + CHUNK))));
    for (const f of found) taken.add(f.email!);
  }
  return rows.flatMap((row, index) => [
    ...(row.email && taken.has(row.email)
      ? [{ rowNumber: index + 2, column: 'Email', message: 'A carer with this email is already in the scheme' }]
      : []),
    ...(row.workerEmail && !workers.has(row.workerEmail)
      ? [
          {
            rowNumber: index + 2,
            column: 'Scheme worker email',
            message: 'No scheme worker or manager in this scheme signs in with this email',
          },
        ]
      : []),
  ]);
}

export type CarersCsvService = ReturnType<typeof carersCsvService>;
