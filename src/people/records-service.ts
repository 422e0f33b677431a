import { randomUUID } from 'node:crypto';
import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { sightOf } from './access.js';
import { todayInUk } from '../platform/dates.js';
import { locationOf, type Locate } from '../postcodes/service.js';
import { personHeader } from './header.js';
import { circleConsents, circleMembers, people, personStatusChanges, referrals } from './schema.js';
import { nextMoves, transition, type ArrangementType, type PersonStatus } from './status.js';
import type { ReferralSource, Urgency } from './words.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

export interface PeopleFilter {
  q?: string | undefined;
  status?: PersonStatus | undefined;
  /** A worker's user id, or 'none' for people with no worker yet. */
  worker?: string | undefined;
  urgency?: Urgency | undefined;
  area?: string | undefined;
  page: number;
}

export interface PersonDetails {
  name: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  area: string | null;
  workerUserId: string | null;
}

export interface NewReferral extends Omit<PersonDetails, 'pronouns' | 'area'> {
  source: ReferralSource;
  referrerName: string | null;
  referrerOrganisation: string | null;
  referrerContact: string | null;
  receivedOn: string;
  reason: string;
  urgency: Urgency;
  whatTheyWant: string;
}

export interface StatusInput {
  to: PersonStatus;
  on: string;
  reason: string | null;
  arrangementTypes: ArrangementType[];
}

const recordedBy = aliasedTable(users, 'recorded_by');

/** Escapes a search so % and _ are letters, not wildcards. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** People's records: the list, referrals, personal details and status. */
export function recordsService(db: Database, { today: clock = todayInUk, locate }: { today?: (() => string) | undefined; locate: Locate }) {
  return {
    async list(actor: Actor, filter: PeopleFilter) {
      const where = peopleWhere(actor, filter);
      const waitingFirst = filter.status === 'waiting' || filter.status === 'referred';
      return db.inScope(actor, async (tx) => {
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(people).where(where);
        const rows = await tx
          .select({
            id: people.id,
            name: people.name,
            preferredName: people.preferredName,
            status: people.status,
            statusSince: people.statusSince,
            postcode: people.postcode,
            area: people.area,
            urgency: referrals.urgency,
            workerName: users.name,
          })
          .from(people)
          .leftJoin(referrals, eq(referrals.personId, people.id))
          .leftJoin(users, eq(users.id, people.workerUserId))
          .where(where)
          .orderBy(...(waitingFirst ? [asc(people.statusSince), asc(people.name)] : [asc(people.name), asc(people.id)]))
          .limit(PAGE_SIZE)
          .offset((filter.page - 1) * PAGE_SIZE);
        await audit(tx, actor, { action: 'listed', recordType: 'people', changes: { ...filter } });
        return { total: Number(total), rows };
      });
    },

    /** What the list's filters offer: the scheme's workers and areas. */
    async filters(actor: Actor) {
      return db.inScope(actor, async (tx) => ({
        workers: isStaff(actor) ? await staffOf(tx) : [],
        areas: isStaff(actor)
          ? (await tx.selectDistinct({ area: people.area }).from(people).where(isNotNull(people.area)).orderBy(asc(people.area))).map(
              (r) => r.area!,
            )
          : [],
      }));
    },

    /** The person record of the signed-in person, if their scheme has linked one. */
    async ownRecordId(actor: Actor): Promise<string | null> {
      if (actor.role !== 'person' || !actor.userId) return null;
      return db.inScope(actor, async (tx) => {
        const [own] = await tx
          .select({ id: people.id })
          .from(people)
          .where(eq(people.userId, inScheme(actor).userId));
        return own?.id ?? null;
      });
    },

    async staff(actor: Actor) {
      requireStaff(actor);
      return db.inScope(actor, (tx) => staffOf(tx));
    },

    async refer(actor: Actor, input: NewReferral) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await checkWorker(tx, input.workerUserId);
        const id = randomUUID();
        const referralId = randomUUID();
        await tx.insert(people).values({
          id,
          schemeId: inScheme(actor).schemeId,
          name: input.name,
          preferredName: input.preferredName,
          dateOfBirth: input.dateOfBirth,
          email: input.email,
          phone: input.phone,
          address: input.address,
          postcode: input.postcode,
          ...(await locationOf(locate, tx, input.postcode)),
          workerUserId: input.workerUserId,
          status: 'referred',
          statusSince: input.receivedOn,
        });
        await tx.insert(referrals).values({
          id: referralId,
          schemeId: inScheme(actor).schemeId,
          personId: id,
          source: input.source,
          referrerName: input.referrerName,
          referrerOrganisation: input.referrerOrganisation,
          referrerContact: input.referrerContact,
          receivedOn: input.receivedOn,
          reason: input.reason,
          urgency: input.urgency,
          whatTheyWant: input.whatTheyWant,
          recordedByUserId: actor.userId,
        });
        await tx.insert(personStatusChanges).values({
          schemeId: inScheme(actor).schemeId,
          personId: id,
          fromStatus: null,
          toStatus: 'referred',
          on: input.receivedOn,
          recordedByUserId: actor.userId,
        });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'person',
          recordId: id,
          changes: { name: input.name, status: 'referred' },
        });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'referral',
          recordId: referralId,
          changes: { personId: id, source: input.source, urgency: input.urgency, receivedOn: input.receivedOn },
        });
        return { id };
      });
    },

    /** The overview of a person's record, for staff. */
    async overview(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const details = await detailsOf(tx, personId);
        const referral = await referralOf(tx, personId);
        const history = await historyOf(tx, personId);
        await audit(tx, actor, { action: 'viewed', recordType: 'person', recordId: personId, subjectUserId: person.userId });
        return { person, details, referral, history };
      });
    },

    async details(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        await audit(tx, actor, { action: 'viewed', recordType: 'person', recordId: personId, subjectUserId: person.userId });
        return { person, details: await detailsOf(tx, personId), signInEmail: await signInEmailOf(tx, person.userId) };
      });
    },

    async updateDetails(actor: Actor, personId: string, input: PersonDetails & { signInEmail: string | null }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        await checkWorker(tx, input.workerUserId);
        const userId = input.signInEmail ? await signInOfRole(tx, input.signInEmail, 'person', 'signInEmail') : null;
        if (userId) {
          const [taken] = await tx
            .select({ id: people.id })
            .from(people)
            .where(and(eq(people.userId, userId), sql`${people.id} <> ${personId}`));
          if (taken) throw new InputProblem('signInEmail', 'This sign-in is already linked to another person’s record');
        }
        const { signInEmail: _, ...details } = input;
        const before = await detailsOf(tx, personId);
        // A new postcode moves them; one not located before may be known now.
        const moved = details.postcode !== before.postcode || before.latitude === null;
        await tx
          .update(people)
          .set({ ...details, ...(moved ? await locationOf(locate, tx, details.postcode) : {}), userId, updatedAt: new Date() })
          .where(eq(people.id, personId));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'person',
          recordId: personId,
          subjectUserId: userId,
          changes: { ...details, userId },
        });
      });
    },

    /** The status page: where the person is, what moves are open, and the history of changes. */
    async status(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        await audit(tx, actor, { action: 'viewed', recordType: 'person status', recordId: personId, subjectUserId: person.userId });
        return {
          person,
          moves: nextMoves(person.status),
          history: await historyOf(tx, personId),
          referral: await referralOf(tx, personId),
        };
      });
    },

    /** Moves a person on (or back), with the rules of `transition`; a pending referral is accepted or declined with it. */
    async changeStatus(actor: Actor, personId: string, input: StatusInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        return recordStatusChange(tx, actor, personId, input, clock());
      });
    },
  };
}

/**
 * One change of a person's status inside the caller's transaction (the status page's, or an
 * arrangement starting or ending): the pure rules decide; the record, its history and the audit log change together.
 */
export async function recordStatusChange(tx: Tx, actor: Actor, personId: string, input: StatusInput, today: string) {
  const [current] = await tx
    .select({ status: people.status, since: people.statusSince, arrangementTypes: people.arrangementTypes, userId: people.userId })
    .from(people)
    .where(eq(people.id, personId))
    .for('update');
  if (!current) throw new InputProblem('to', 'There is no record of this person');
  const result = transition({ ...current, arrangementTypes: current.arrangementTypes as ArrangementType[] }, input, today);
  if (!result.ok) throw new InputProblem(result.field, result.message);
  const { change } = result;
  await tx
    .update(people)
    .set({ status: change.to, statusSince: change.on, arrangementTypes: change.arrangementTypes, updatedAt: new Date() })
    .where(eq(people.id, personId));
  await tx.insert(personStatusChanges).values({
    schemeId: inScheme(actor).schemeId,
    personId,
    fromStatus: change.from,
    toStatus: change.to,
    on: change.on,
    arrangementTypes: change.arrangementTypes,
    reason: change.reason,
    recordedByUserId: actor.userId,
  });
  if (change.from === 'referred')
    await decideReferral(tx, actor, personId, change.to === 'assessing' ? 'accepted' : 'declined', change.on, change.reason);
  await audit(tx, actor, {
    action: 'updated',
    recordType: 'person',
    recordId: personId,
    subjectUserId: current.userId,
    changes: { status: change.to, statusSince: change.on, reason: change.reason, arrangementTypes: change.arrangementTypes },
  });
  return change;
}

/** The list's filters and search, and for anyone but staff, only the people they may see. */
export function peopleWhere(actor: Actor, filter: Omit<PeopleFilter, 'page'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (!isStaff(actor)) conditions.push(visibleToSelfService(actor));
  if (filter.status) conditions.push(eq(people.status, filter.status));
  if (filter.worker === 'none') conditions.push(isNull(people.workerUserId));
  else if (filter.worker) conditions.push(eq(people.workerUserId, filter.worker));
  if (filter.urgency)
    conditions.push(
      sql`exists (select 1 from ${referrals} where ${referrals.personId} = ${people.id} and ${referrals.urgency} = ${filter.urgency})`,
    );
  if (filter.area) conditions.push(eq(people.area, filter.area));
  if (filter.q) {
    const postcode = filter.q.toUpperCase().replace(/\s+/g, '');
    conditions.push(
      or(
        ilike(people.name, like(filter.q)),
        ilike(people.preferredName, like(filter.q)),
        /^[A-Z0-9]{2,7}$/.test(postcode) ? sql`replace(${people.postcode}, ' ', '') like ${`${postcode}%`}` : undefined,
      )!,
    );
  }
  return and(...conditions);
}

/** People a person or circle member may see: their own record, or those who consented to them. */
function visibleToSelfService(actor: Actor): SQL {
  const { userId } = actor;
  if (!userId) return sql`false`;
  if (actor.role === 'person') return eq(people.userId, userId);
  if (actor.role === 'circle_member') {
    return inArray(
      people.id,
      sql`(select ${circleMembers.personId} from ${circleMembers}
      join ${circleConsents} on ${circleConsents.circleMemberId} = ${circleMembers.id} and ${circleConsents.withdrawnAt} is null
      where ${circleMembers.userId} = ${userId} and ${circleMembers.endedAt} is null)`,
    );
  }
  return sql`false`;
}

async function decideReferral(
  tx: Tx,
  actor: Actor,
  personId: string,
  decision: 'accepted' | 'declined',
  on: string,
  reason: string | null,
) {
  const updated = await tx
    .update(referrals)
    .set({ decision, decidedOn: on, decisionReason: reason, decidedByUserId: actor.userId })
    .where(and(eq(referrals.personId, personId), isNull(referrals.decision)))
    .returning({ id: referrals.id });
  for (const { id } of updated) {
    await audit(tx, actor, {
      action: 'updated',
      recordType: 'referral',
      recordId: id,
      changes: { decision, decidedOn: on, decisionReason: reason },
    });
  }
}

export async function staffOf(tx: Tx) {
  return prepared(
    tx
      .selectDistinct({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inArray(memberships.role, ['scheme_worker', 'scheme_manager']), isNull(memberships.endedAt)))
      .orderBy(asc(users.name), asc(users.id)),
  );
}

async function checkWorker(tx: Tx, workerUserId: string | null) {
  if (!workerUserId) return;
  if (!(await staffOf(tx)).some((s) => s.id === workerUserId)) throw new InputProblem('workerUserId', 'Choose a worker from this scheme');
}

/** The user with this email and an active role in this scheme, for linking a sign-in to a record. */
export async function signInOfRole(tx: Tx, email: string, role: 'person' | 'circle_member', field: string): Promise<string> {
  const [found] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, email.toLowerCase()), eq(memberships.role, role), isNull(memberships.endedAt)));
  if (!found) {
    const who = role === 'person' ? 'person who uses Shared Lives' : 'circle of support';
    throw new InputProblem(
      field,
      `No one has a ${who} sign-in with this email in this scheme: ask your scheme manager to add them under Team and access`,
    );
  }
  return found.id;
}

export async function signInEmailOf(tx: Tx, userId: string | null) {
  if (!userId) return null;
  const [found] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return found?.email ?? null;
}

async function detailsOf(tx: Tx, personId: string): Promise<PersonDetails & { latitude: number | null; longitude: number | null }> {
  const [row] = await tx
    .select({
      name: people.name,
      preferredName: people.preferredName,
      dateOfBirth: people.dateOfBirth,
      pronouns: people.pronouns,
      email: people.email,
      phone: people.phone,
      address: people.address,
      postcode: people.postcode,
      area: people.area,
      workerUserId: people.workerUserId,
      latitude: people.latitude,
      longitude: people.longitude,
    })
    .from(people)
    .where(eq(people.id, personId));
  return row!;
}

export async function referralOf(tx: Tx, personId: string) {
  const decidedBy = aliasedTable(users, 'decided_by');
  const [row] = await tx
    .select({
      id: referrals.id,
      source: referrals.source,
      referrerName: referrals.referrerName,
      referrerOrganisation: referrals.referrerOrganisation,
      referrerContact: referrals.referrerContact,
      receivedOn: referrals.receivedOn,
      reason: referrals.reason,
      urgency: referrals.urgency,
      whatTheyWant: referrals.whatTheyWant,
      decision: referrals.decision,
      decisionReason: referrals.decisionReason,
      decidedOn: referrals.decidedOn,
      decidedByName: decidedBy.name,
      recordedByName: recordedBy.name,
    })
    .from(referrals)
    .leftJoin(decidedBy, eq(decidedBy.id, referrals.decidedByUserId))
    .leftJoin(recordedBy, eq(recordedBy.id, referrals.recordedByUserId))
    .where(eq(referrals.personId, personId));
  return row ?? null;
}

export async function historyOf(tx: Tx, personId: string) {
  return tx
    .select({
      fromStatus: personStatusChanges.fromStatus,
      toStatus: personStatusChanges.toStatus,
      on: personStatusChanges.on,
      arrangementTypes: personStatusChanges.arrangementTypes,
      reason: personStatusChanges.reason,
      recordedByName: recordedBy.name,
      recordedAt: personStatusChanges.recordedAt,
    })
    .from(personStatusChanges)
    .leftJoin(recordedBy, eq(recordedBy.id, personStatusChanges.recordedByUserId))
    .where(eq(personStatusChanges.personId, personId))
    .orderBy(desc(personStatusChanges.on), desc(personStatusChanges.recordedAt));
}

export type RecordsService = ReturnType<typeof recordsService>;
