import { randomUUID } from 'node:crypto';
import { matchProposals } from '../matching/schema.js';
import { aliasedTable, and, asc, count, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { carers } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import type { ArrangementType } from '../carers/terms.js';
import { personHeader } from '../people/header.js';
import { recordStatusChange, staffOf } from '../people/records-service.js';
import { people } from '../people/schema.js';
import { STATUS_NAMES } from '../people/status.js';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { users } from '../platform/db/schema.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { formatDate } from '../platform/layout/views.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { totalRows, withTotal } from '../platform/db/counted.js';
import { arrangementFor, carerName, type ArrangementRow, visibleArrangements, withCarer } from './access.js';
import { type IsoDate, todayInUk } from '../platform/dates.js';
import { arrangements, arrangementStatusChanges } from './schema.js';
import {
  changeStatus,
  endArrangement,
  LIVE,
  typesOf,
  withinTerms,
  type ArrangementStatus,
  type CarerStanding,
  type EndRequest,
  type Funder,
  type PersonNext,
} from './status.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

export interface ArrangementFilter {
  /** A worker's user id, 'none' for no worker, or undefined for everyone's. */
  worker?: string | undefined;
  type?: ArrangementType | undefined;
  /** One status, or 'live' for all but ended. */
  status?: ArrangementStatus | 'live' | undefined;
  person?: string | undefined;
  carer?: string | undefined;
  page: number;
}

export interface NewArrangement {
  personId: string;
  carerId: string;
  type: ArrangementType;
  startsOn: IsoDate;
  plannedEndOn: IsoDate | null;
  workerUserId: string | null;
  funder: Funder;
  funderDetail: string | null;
  matchId: string | null;
}

export type Ending = EndRequest & { personNext: PersonNext | null };

const worker = aliasedTable(users, 'worker');

const summaryColumns = {
  id: arrangements.id,
  personId: arrangements.personId,
  personName: people.name,
  carerId: arrangements.carerId,
  carerName,
  type: arrangements.type,
  status: arrangements.status,
  statusSince: arrangements.statusSince,
  startsOn: arrangements.startsOn,
  endedOn: arrangements.endedOn,
  workerName: worker.name,
};

function listConditions(actor: Actor, filter: Omit<ArrangementFilter, 'page'>): SQL {
  const where: SQL[] = [visibleArrangements(actor)];
  if (filter.worker === 'none') where.push(isNull(arrangements.workerUserId));
  else if (filter.worker) where.push(eq(arrangements.workerUserId, filter.worker));
  if (filter.type) where.push(eq(arrangements.type, filter.type));
  if (filter.status === 'live') where.push(ne(arrangements.status, 'ended'));
  else if (filter.status) where.push(eq(arrangements.status, filter.status));
  if (filter.person) where.push(eq(arrangements.personId, filter.person));
  if (filter.carer) where.push(eq(arrangements.carerId, filter.carer));
  return and(...where)!;
}

/** Arrangements: the caseload, starting one, its record, status changes and ending. */
export function arrangementsService(db: Database, clock: () => IsoDate = todayInUk) {
  return {
    async list(actor: Actor, filter: ArrangementFilter) {
      const where = listConditions(actor, filter);
      return db.inScope(actor, async (tx) => {
        // Joined one to one, so the rows counted are the arrangements.
        const page = await prepared(
          tx
            .select({ ...summaryColumns, total: totalRows() })
            .from(arrangements)
            .leftJoin(people, eq(people.id, arrangements.personId))
            .leftJoin(carers, withCarer)
            .leftJoin(worker, eq(worker.id, arrangements.workerUserId))
            .where(where)
            .orderBy(asc(sql`${arrangements.status} = 'ended'`), asc(people.name), asc(arrangements.startsOn), asc(arrangements.id))
            .limit(PAGE_SIZE)
            .offset((filter.page - 1) * PAGE_SIZE),
        );
        await audit(tx, actor, { action: 'listed', recordType: 'arrangement', changes: { ...filter } });
        return withTotal(
          page,
          filter.page,
          async () => (await tx.select({ total: count() }).from(arrangements).where(where))[0]?.total ?? 0,
        );
      });
    },

    /** Whose name a filtered list is about: the person's or the carer's, if the actor may see the record. */
    async filterNames(actor: Actor, filter: { person?: string | undefined; carer?: string | undefined }) {
      if (!isStaff(actor)) return { person: null, carer: null };
      return db.inScope(actor, async (tx) => ({
        person: filter.person
          ? ((await tx.select({ name: people.name }).from(people).where(eq(people.id, filter.person)))[0]?.name ?? null)
          : null,
        carer: filter.carer
          ? ((await tx.select({ name: carers.name }).from(carers).where(eq(carers.id, filter.carer)))[0]?.name ?? null)
          : null,
      }));
    },

    async workers(actor: Actor) {
      requireStaff(actor);
      return db.inScope(actor, (tx) => staffOf(tx));
    },

    /** Who can be chosen when starting an arrangement: people in introductions or supported, and approved carers with their terms. */
    async choices(actor: Actor) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const candidates = await tx
          .select({ id: people.id, name: people.name, status: people.status })
          .from(people)
          .where(inArray(people.status, ['introductions', 'supported']))
          .orderBy(asc(people.name), asc(people.id));
        const approved = await tx
          .select({ id: carers.id, name: carers.name })
          .from(carers)
          .where(eq(carers.stage, 'approved'))
          .orderBy(asc(carers.name), asc(carers.id));
        return { people: candidates, carers: approved, workers: await staffOf(tx) };
      });
    },

    async create(actor: Actor, input: NewArrangement) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const [person] = await tx
          .select({ name: people.name, status: people.status, statusSince: people.statusSince })
          .from(people)
          .where(eq(people.id, input.personId))
          .for('update');
        if (!person) throw new InputProblem('personId', 'Choose the person from the list');
        if (person.status !== 'introductions' && person.status !== 'supported') {
          throw new InputProblem(
            'personId',
            `${person.name} is at “${STATUS_NAMES[person.status]}”: an arrangement starts after introductions, so record that introductions have started on their status page first`,
          );
        }
        const begins = input.startsOn < today ? input.startsOn : today;
        if (begins < person.statusSince) {
          throw new InputProblem(
            'startsOn',
            `The start date must be on or after ${formatDate(person.statusSince)}, when ${person.name}’s ${STATUS_NAMES[person.status].toLowerCase()} began`,
          );
        }
        const standing = await standingOf(tx, input.carerId);
        if (!standing) throw new InputProblem('carerId', 'Choose the carer from the list');
        const allowed = withinTerms(standing, input.type);
        if (!allowed.ok) throw new InputProblem('carerId', allowed.message);
        if (input.workerUserId && !(await staffOf(tx)).some((s) => s.id === input.workerUserId))
          throw new InputProblem('workerUserId', 'Choose a worker from this scheme');
        if (input.matchId) {
          const [match] = await tx
            .select({
              personId: matchProposals.personId,
              carerId: matchProposals.carerId,
              agreedOn: matchProposals.agreedOn,
              stoppedAt: matchProposals.stoppedAt,
            })
            .from(matchProposals)
            .where(eq(matchProposals.id, input.matchId));
          if (!match || match.personId !== input.personId || match.carerId !== input.carerId || !match.agreedOn || match.stoppedAt) {
            throw new InputProblem('matchId', 'The agreed match must be between this person and this carer');
          }
        }
        const id = randomUUID();
        await withinTermsOrProblem(() =>
          tx.insert(arrangements).values({ id, schemeId: inScheme(actor).schemeId, ...input, status: 'starting', statusSince: begins }),
        );
        await tx.insert(arrangementStatusChanges).values({
          schemeId: inScheme(actor).schemeId,
          arrangementId: id,
          fromStatus: null,
          toStatus: 'starting',
          on: begins,
          byUserId: actor.userId,
          byName: actor.name,
        });
        await audit(tx, actor, { action: 'created', recordType: 'arrangement', recordId: id, changes: { ...input } });
        await followPerson(tx, actor, input.personId, begins, today, null);
        return { id };
      });
    },

    /** The arrangement's record: who, what, since when, and its history. */
    async record(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, id);
        const history = await tx
          .select({
            fromStatus: arrangementStatusChanges.fromStatus,
            toStatus: arrangementStatusChanges.toStatus,
            on: arrangementStatusChanges.on,
            reason: arrangementStatusChanges.reason,
            byName: arrangementStatusChanges.byName,
            at: arrangementStatusChanges.at,
          })
          .from(arrangementStatusChanges)
          .where(eq(arrangementStatusChanges.arrangementId, id))
          .orderBy(desc(arrangementStatusChanges.on), desc(arrangementStatusChanges.at));
        return { ...record, history };
      });
    },

    async changeStatus(actor: Actor, id: string, input: { to: ArrangementStatus; on: IsoDate; reason: string | null }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const current = await arrangementFor(tx, actor, id, { lock: true });
        const checked = changeStatus({ status: current.status, since: current.statusSince }, input, clock());
        if (!checked.ok) throw new InputProblem(checked.field, checked.message);
        await moveArrangement(tx, actor, current, { ...checked.value, ended: null });
      });
    },

    /** Whether ending this arrangement ends the person's support: then the worker says what happens next. */
    async endsSupport(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const current = await arrangementFor(tx, actor, id);
        return endsTheirSupport(tx, current);
      });
    },

    async end(actor: Actor, id: string, input: Ending) {
      requireStaff(actor);
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const current = await arrangementFor(tx, actor, id, { lock: true });
        const checked = endArrangement({ status: current.status, since: current.statusSince, startsOn: current.startsOn }, input, today);
        if (!checked.ok) throw new InputProblem(checked.field, checked.message);
        const last = await endsTheirSupport(tx, current);
        if (last && !input.personNext) throw new InputProblem('personNext', 'Choose what happens next for them');
        await moveArrangement(tx, actor, current, {
          to: 'ended',
          on: checked.value.on,
          reason: checked.value.reason,
          ended: checked.value,
        });
        await followPerson(
          tx,
          actor,
          current.personId,
          checked.value.on,
          today,
          last ? { next: input.personNext!, reason: checked.value.reason } : null,
        );
      });
    },
  };
}

/** Reads an arrangement for a page, with the person's header and the carer's and worker's names, and records the read. */
export async function openArrangement(tx: Tx, actor: Actor, id: string) {
  // The arrangement as the actor may see it (arrangementFor's rule) and its names, in one query.
  const [found] = await prepared(
    tx
      .select({ arrangement: arrangements, carerName, workerName: worker.name })
      .from(arrangements)
      .leftJoin(carers, withCarer)
      .leftJoin(worker, eq(worker.id, arrangements.workerUserId))
      .where(and(eq(arrangements.id, id), visibleArrangements(actor))),
  );
  if (!found) throw notFound();
  const { arrangement, ...names } = found;
  const person = await personHeader(tx, arrangement.personId);
  await audit(tx, actor, { action: 'viewed', recordType: 'arrangement', recordId: id, subjectUserId: person.userId });
  return {
    arrangement: { ...arrangement, carerName: names.carerName ?? 'Their Shared Lives carer', workerName: names.workerName },
    person,
  };
}

/** The carer's approval as it stands now, and how many live-in arrangements they have. */
async function standingOf(tx: Tx, carerId: string): Promise<CarerStanding | null> {
  const [carer] = await tx.select({ name: carers.name, stage: carers.stage }).from(carers).where(eq(carers.id, carerId));
  if (!carer) return null;
  const [latest] = await tx
    .select()
    .from(carerApprovals)
    .where(eq(carerApprovals.carerId, carerId))
    .orderBy(desc(carerApprovals.decidedOn), desc(carerApprovals.createdAt))
    .limit(1);
  const [{ liveIn } = { liveIn: 0 }] = await tx
    .select({ liveIn: count() })
    .from(arrangements)
    .where(and(eq(arrangements.carerId, carerId), eq(arrangements.type, 'live_in'), ne(arrangements.status, 'ended')));
  const approved = carer.stage === 'approved' && latest?.decision === 'approved';
  return {
    name: carer.name,
    approved,
    maxPeople: approved ? latest.maxPeople : null,
    arrangementTypes: approved ? (latest.arrangementTypes ?? []) : [],
    liveIn: Number(liveIn),
  };
}

const TERMS_CONSTRAINTS: Record<string, string> = {
  arrangements_within_capacity:
    'The carer has no room for another person living with them: someone else has just started an arrangement with them',
  arrangements_type_approved: 'The carer is not approved for this kind of arrangement',
  arrangements_carer_approved: 'The carer is not approved at the moment',
  arrangements_same_scheme: 'Choose the carer from the list',
};

/** The database's refusal (another worker got there first) as the same kind of answer as the service's own check. */
async function withinTermsOrProblem(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    const refused = constraintOf(error);
    if (refused && TERMS_CONSTRAINTS[refused]) throw new InputProblem('carerId', TERMS_CONSTRAINTS[refused]);
    throw error;
  }
}

/** The name of the constraint (or trigger check) an error from either database reports, if any. */
export function constraintOf(error: unknown): string | null {
  for (let e = error as { constraint?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.constraint === 'string') return e.constraint;
    const named = typeof e.message === 'string' ? /^(arrangements_[a-z_]+):/.exec(e.message) : null;
    if (named) return named[1]!;
  }
  return null;
}

async function moveArrangement(
  tx: Tx,
  actor: Actor,
  current: ArrangementRow,
  move: { to: ArrangementStatus; on: IsoDate; reason: string | null; ended: EndRequest | null },
) {
  const ending = move.ended
    ? { endedOn: move.ended.on, endKind: move.ended.kind, endReason: move.ended.reason, whatsNext: move.ended.whatsNext }
    : {};
  await tx
    .update(arrangements)
    .set({ status: move.to, statusSince: move.on, ...ending, updatedAt: new Date() })
    .where(eq(arrangements.id, current.id));
  await tx.insert(arrangementStatusChanges).values({
    schemeId: current.schemeId,
    arrangementId: current.id,
    fromStatus: current.status,
    toStatus: move.to,
    on: move.on,
    reason: move.reason,
    byUserId: actor.userId,
    byName: actor.name,
  });
  await audit(tx, actor, {
    action: move.to === 'ended' ? 'ended' : 'updated',
    recordType: 'arrangement',
    recordId: current.id,
    changes: { status: move.to, statusSince: move.on, reason: move.reason, ...ending },
  });
}

/** Whether this is the person's last live arrangement while their record says they are supported. */
async function endsTheirSupport(tx: Tx, current: ArrangementRow): Promise<boolean> {
  if (current.status === 'ended') return false;
  const [person] = await tx.select({ status: people.status }).from(people).where(eq(people.id, current.personId));
  const [{ others } = { others: 0 }] = await tx
    .select({ others: count() })
    .from(arrangements)
    .where(and(eq(arrangements.personId, current.personId), ne(arrangements.status, 'ended'), ne(arrangements.id, current.id)));
  return person?.status === 'supported' && Number(others) === 0;
}

/**
 * The person's status follows their arrangements: supported with the kinds of their live ones;
 * when the last ends, back to waiting or moved on, as the worker said. Through the people's own
 * rules and history (recordStatusChange), dated no earlier than their current status.
 */
async function followPerson(
  tx: Tx,
  actor: Actor,
  personId: string,
  on: IsoDate,
  today: IsoDate,
  ended: { next: PersonNext; reason: string } | null,
) {
  const [person] = await tx
    .select({ status: people.status, since: people.statusSince, types: people.arrangementTypes })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) return;
  const live = await tx
    .select({ type: arrangements.type, status: arrangements.status })
    .from(arrangements)
    .where(and(eq(arrangements.personId, personId), inArray(arrangements.status, [...LIVE])));
  const types = typesOf(live);
  const date = on < person.since ? person.since : on > today ? today : on;
  const same = types.length === person.types.length && types.every((t) => person.types.includes(t));
  if (types.length && (person.status === 'introductions' || (person.status === 'supported' && !same))) {
    await recordStatusChange(tx, actor, personId, { to: 'supported', on: date, reason: null, arrangementTypes: types }, today);
  } else if (!types.length && person.status === 'supported' && ended) {
    await recordStatusChange(tx, actor, personId, { to: ended.next, on: date, reason: ended.reason, arrangementTypes: [] }, today);
  }
}

export type ArrangementsService = ReturnType<typeof arrangementsService>;
export type ArrangementRecord = Awaited<ReturnType<typeof openArrangement>>;
