import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { staffOf } from '../people/records-service.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { carerFor, visibleCarers, type CarerRow } from './access.js';
import { daysBetween, type IsoDate, todayInUk } from '../platform/dates.js';
import { moveCarer } from './moves.js';
import { carers, carerStageChanges } from './schema.js';
import { carerApprovals } from './approval-schema.js';
import { CLOSED, CURRENT, PIPELINE, type CarerStage } from './stages.js';
import { requireStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';
import { locationOf, postcodeLocator, type Locate } from '../postcodes/service.js';

/** A list filter's stage: one stage, or a group of them. */
export type StageFilter = CarerStage | 'pipeline' | 'current' | 'closed';

export interface CarerFilter {
  q?: string | undefined;
  stage?: StageFilter | undefined;
  worker?: string | undefined;
  area?: string | undefined;
  sort?: 'name' | 'waiting' | undefined;
  page: number;
}

export interface CarerDetails {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  area: string | null;
  workerUserId: string | null;
}

export interface NewEnquiry extends CarerDetails {
  enquiredOn: IsoDate;
}

const worker = alias(users, 'worker');

const stagesOf = (filter: StageFilter): CarerStage[] =>
  filter === 'pipeline' ? [...PIPELINE] : filter === 'current' ? [...CURRENT] : filter === 'closed' ? [...CLOSED] : [filter];

const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The carers a list shows: those the actor may see, matching its search and filters. */
export function carerConditions(actor: Actor, filter: Omit<CarerFilter, 'page' | 'sort'>): SQL {
  const where: SQL[] = [visibleCarers(actor)];
  if (filter.stage) where.push(inArray(carers.stage, stagesOf(filter.stage)));
  if (filter.worker === 'none') where.push(isNull(carers.workerUserId));
  else if (filter.worker) where.push(eq(carers.workerUserId, filter.worker));
  if (filter.area) where.push(eq(carers.area, filter.area));
  if (filter.q) {
    const like = likeText(filter.q);
    const compact = likeText(filter.q.replace(/\s+/g, ''));
    where.push(or(ilike(carers.name, like), ilike(carers.email, like), ilike(sql`replace(${carers.postcode}, ' ', '')`, compact))!);
  }
  return and(...where)!;
}

const listColumns = {
  id: carers.id,
  name: carers.name,
  email: carers.email,
  postcode: carers.postcode,
  area: carers.area,
  stage: carers.stage,
  stageSince: carers.stageSince,
  workerName: worker.name,
};

const withDays = <R extends { stageSince: IsoDate }>(rows: R[], today: IsoDate) =>
  rows.map((r) => ({ ...r, daysInStage: Math.max(0, daysBetween(r.stageSince, today)) }));

/** Carers' records: the list, the board, the record itself, and moving along the journey. */
export function carersService(db: Database, { locate = postcodeLocator() }: { locate?: Locate } = {}) {
  return {
    async list(actor: Actor, filter: CarerFilter) {
      const where = carerConditions(actor, filter);
      const order = filter.sort === 'waiting' ? [asc(carers.stageSince), asc(carers.name)] : [asc(carers.name), asc(carers.id)];
      return db.inScope(actor, async (tx) => {
        const [{ total } = { total: 0 }] = await prepared(tx.select({ total: count() }).from(carers).where(where));
        const rows = await prepared(
          tx
            .select(listColumns)
            .from(carers)
            .leftJoin(worker, eq(worker.id, carers.workerUserId))
            .where(where)
            .orderBy(...order)
            .limit(PAGE_SIZE)
            .offset((filter.page - 1) * PAGE_SIZE),
        );
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'carer',
          changes: {
            search: filter.q ?? null,
            stage: filter.stage ?? null,
            worker: filter.worker ?? null,
            area: filter.area ?? null,
            page: filter.page,
          },
        });
        return { total: Number(total), rows: withDays(rows, todayInUk()) };
      });
    },

    /** The pipeline as columns, longest waiting first, with how many are approved, paused or closed. */
    async board(actor: Actor, filter: Omit<CarerFilter, 'page' | 'sort' | 'stage'>, perColumn = 25) {
      const where = carerConditions(actor, filter);
      return db.inScope(actor, async (tx) => {
        const counts = await tx.select({ stage: carers.stage, total: count() }).from(carers).where(where).groupBy(carers.stage);
        const rows = await tx
          .select(listColumns)
          .from(carers)
          .leftJoin(worker, eq(worker.id, carers.workerUserId))
          .where(and(where, inArray(carers.stage, [...PIPELINE])))
          .orderBy(asc(carers.stageSince), asc(carers.name))
          .limit(perColumn * PIPELINE.length * 4);
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'carer',
          changes: { view: 'board', worker: filter.worker ?? null, area: filter.area ?? null },
        });
        const totals = new Map(counts.map((c) => [c.stage, Number(c.total)]));
        const cards = withDays(rows, todayInUk());
        return {
          columns: PIPELINE.map((stage) => ({
            stage,
            total: totals.get(stage) ?? 0,
            carers: cards.filter((c) => c.stage === stage).slice(0, perColumn),
          })),
          totals,
        };
      });
    },

    /** Who can be chosen as a carer's worker, and the areas in use: for filters and forms. */
    async choices(actor: Actor) {
      return db.inScope(actor, async (tx) => {
        const workers = await staffOf(tx);
        const areas = await prepared(
          tx
            .selectDistinct({ area: carers.area })
            .from(carers)
            .where(and(visibleCarers(actor), sql`${carers.area} is not null`))
            .orderBy(asc(carers.area)),
        );
        return { workers, areas: areas.map((a) => a.area!) };
      });
    },

    /** The scheme's workers and managers, to choose whose carers to show. */
    async workers(actor: Actor) {
      return db.inScope(actor, (tx) => staffOf(tx));
    },

    /** The signed-in carer's own record, if they have one. */
    async ownId(actor: Actor): Promise<string | null> {
      if (actor.role !== 'carer') return null;
      const [row] = await db.inScope(actor, (tx) => tx.select({ id: carers.id }).from(carers).where(visibleCarers(actor)).limit(1));
      return row?.id ?? null;
    },

    async create(actor: Actor, input: NewEnquiry) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await checkWorker(tx, actor, input.workerUserId);
        const id = randomUUID();
        await tx.insert(carers).values({
          id,
          schemeId: inScheme(actor).schemeId,
          ...input,
          ...(await locationOf(locate, tx, input.postcode)),
          stage: 'enquiry',
          stageSince: input.enquiredOn,
        });
        await tx.insert(carerStageChanges).values({
          schemeId: inScheme(actor).schemeId,
          carerId: id,
          fromStage: null,
          toStage: 'enquiry',
          effectiveOn: input.enquiredOn,
          byUserId: actor.userId,
          byName: actor.name,
        });
        await audit(tx, actor, { action: 'created', recordType: 'carer', recordId: id, changes: { ...input } });
        return { id };
      });
    },

    /** The top of every page of a carer's record: who they are, where they are in the journey, and their current terms. */
    async record(actor: Actor, id: string) {
      return db.inScope(actor, (tx) => openRecord(tx, actor, id));
    },

    async update(actor: Actor, id: string, input: CarerDetails & { signInEmail: string | null }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, id);
        await checkWorker(tx, actor, input.workerUserId);
        const { signInEmail, ...details } = input;
        const userId = signInEmail ? await carerSignIn(tx, actor, signInEmail, id) : null;
        // A new postcode moves them; one not located before may be known now.
        const moved = details.postcode !== carer.postcode || carer.latitude === null;
        await tx
          .update(carers)
          .set({ ...details, ...(moved ? await locationOf(locate, tx, details.postcode) : {}), userId, updatedAt: new Date() })
          .where(eq(carers.id, id));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'carer',
          recordId: id,
          subjectUserId: userId ?? carer.userId,
          changes: { ...details, signInEmail },
        });
      });
    },

    async move(actor: Actor, id: string, move: { to: CarerStage; reason: string | null; effectiveOn: IsoDate }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => moveCarer(tx, actor, await carerFor(tx, actor, id), { ...move, via: 'worker' }));
    },

    async history(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const header = await openRecord(tx, actor, id);
        const changes = await tx
          .select()
          .from(carerStageChanges)
          .where(eq(carerStageChanges.carerId, id))
          .orderBy(desc(carerStageChanges.effectiveOn), desc(carerStageChanges.at));
        return { ...header, changes };
      });
    },

    async approvals(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const header = await openRecord(tx, actor, id);
        const decisions = await tx
          .select()
          .from(carerApprovals)
          .where(eq(carerApprovals.carerId, id))
          .orderBy(desc(carerApprovals.decidedOn), desc(carerApprovals.createdAt));
        return { ...header, decisions };
      });
    },
  };
}

/** Reads a carer's record for a page, and records that it was read. */
export async function openRecord(tx: Tx, actor: Actor, id: string) {
  const carer = await carerFor(tx, actor, id);
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      inArray(
        users.id,
        [carer.workerUserId, carer.userId].filter((u): u is string => !!u),
      ),
    );
  const workerName = people.find((p) => p.id === carer.workerUserId)?.name ?? null;
  const signInEmail = people.find((p) => p.id === carer.userId)?.email ?? null;
  const [terms] = await tx
    .select()
    .from(carerApprovals)
    .where(and(eq(carerApprovals.carerId, id), eq(carerApprovals.decision, 'approved')))
    .orderBy(desc(carerApprovals.decidedOn), desc(carerApprovals.createdAt))
    .limit(1);
  await audit(tx, actor, { action: 'viewed', recordType: 'carer', recordId: id, subjectUserId: carer.userId });
  return {
    carer: { ...carer, workerName, signInEmail, daysInStage: Math.max(0, daysBetween(carer.stageSince, todayInUk())) },
    terms: terms ?? null,
  };
}

async function checkWorker(tx: Tx, actor: Actor, workerUserId: string | null) {
  if (!workerUserId) return;
  const [found] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, workerUserId),
        eq(memberships.schemeId, inScheme(actor).schemeId),
        inArray(memberships.role, ['scheme_manager', 'scheme_worker']),
        isNull(memberships.endedAt),
      ),
    );
  if (!found) throw new InputProblem('workerUserId', 'Choose a worker from this scheme');
}

/** The carer's own sign-in: someone with the carer role in this scheme, not linked to another carer. */
async function carerSignIn(tx: Tx, actor: Actor, email: string, carerId: string): Promise<string> {
  const [user] = await rowsOf<{ id: string | null }>(tx, sql`select hearth_user_id_by_email(${email}) as id`);
  const userId = user?.id ?? null;
  const [membership] = userId
    ? await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.userId, userId),
            eq(memberships.schemeId, inScheme(actor).schemeId),
            eq(memberships.role, 'carer'),
            isNull(memberships.endedAt),
          ),
        )
    : [];
  if (!userId || !membership)
    throw new InputProblem(
      'signInEmail',
      'No one with that email signs in to this scheme as a Shared Lives carer: add them under Team and access first',
    );
  const [other] = await tx
    .select({ id: carers.id })
    .from(carers)
    .where(and(eq(carers.userId, userId), sql`${carers.id} <> ${carerId}`));
  if (other) throw new InputProblem('signInEmail', 'That sign-in belongs to another carer’s record');
  return userId;
}

export type CarersService = ReturnType<typeof carersService>;
export type CarerRecord = Awaited<ReturnType<typeof openRecord>>;
export type { CarerRow };
