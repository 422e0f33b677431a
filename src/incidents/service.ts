import { and, asc, count, desc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { onCaseload, visibleArrangements, workerIs } from '../arrangements/access.js';
import { arrangements } from '../arrangements/schema.js';
import { openArrangement } from '../arrangements/service.js';
import type { AttentionProvider } from '../attention/attention.js';
import type { DueProvider } from '../due/due.js';
import { arrangementsToWriteAbout } from '../notes/service.js';
import { people } from '../people/schema.js';
import { audit } from '../platform/audit/audit.js';
import { totalRows, withTotal } from '../platform/db/counted.js';
import type { Database, Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { formatDate } from '../platform/layout/views.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { type IsoDate, todayInUk } from '../platform/dates.js';
import {
  needsAttention,
  notificationAdvice,
  INCIDENT_KIND_SHORT,
  SEVERITY_NAMES,
  type IncidentKind,
  type NotifiableCategory,
  type NotificationMethod,
  type Severity,
} from './rules.js';
import { incidentFollowUps, incidents } from './schema.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

export interface NewIncident {
  arrangementId: string;
  kind: IncidentKind;
  occurredOn: IsoDate;
  occurredTime: string | null;
  place: string;
  whatHappened: string;
  whoInvolved: string;
  immediateAction: string;
  severity: Severity;
  categories: NotifiableCategory[];
}

export interface IncidentFilter {
  worker?: string | undefined;
  severity?: Severity | undefined;
  kind?: IncidentKind | undefined;
  status?: 'open' | 'closed' | 'to_notify' | undefined;
  arrangement?: string | undefined;
  page: number;
}

export interface Notification {
  notifiedOn: IsoDate;
  notifiedHow: NotificationMethod;
  reference: string | null;
}

const waitingToNotify = and(eq(incidents.notifiable, true), isNull(incidents.notifiedOn))!;
const waitingForAttention = and(eq(incidents.needsAttention, true), isNull(incidents.dealtAt))!;

const listColumns = {
  id: incidents.id,
  arrangementId: incidents.arrangementId,
  kind: incidents.kind,
  severity: incidents.severity,
  occurredAt: incidents.occurredAt,
  place: incidents.place,
  notifiable: incidents.notifiable,
  notifiedOn: incidents.notifiedOn,
  needsAttention: incidents.needsAttention,
  dealtAt: incidents.dealtAt,
  closedAt: incidents.closedAt,
  personName: people.name,
  workerUserId: arrangements.workerUserId,
};

function listConditions(actor: Actor, filter: Omit<IncidentFilter, 'page'>): SQL {
  const where: (SQL | undefined)[] = [eq(incidents.schemeId, inScheme(actor).schemeId), visibleArrangements(actor)];
  if (filter.worker) where.push(eq(arrangements.workerUserId, filter.worker));
  if (filter.severity) where.push(eq(incidents.severity, filter.severity));
  if (filter.kind) where.push(eq(incidents.kind, filter.kind));
  if (filter.status === 'open') where.push(isNull(incidents.closedAt));
  if (filter.status === 'closed') where.push(isNotNull(incidents.closedAt));
  if (filter.status === 'to_notify') where.push(waitingToNotify);
  if (filter.arrangement) where.push(eq(incidents.arrangementId, filter.arrangement));
  return and(...where)!;
}

async function lockedIncident(tx: Tx, id: string) {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}

/** Incidents and safeguarding concerns: recording, the list, the record with follow-ups, notifying CQC and closing. */
export function incidentsService(db: Database, clock: () => IsoDate = todayInUk) {
  return {
    async choices(actor: Actor, arrangementId: string | undefined) {
      return db.inScope(actor, async (tx) => {
        const given = await arrangementsToWriteAbout(tx, actor, clock(), arrangementId);
        return given.length || !arrangementId ? given : arrangementsToWriteAbout(tx, actor, clock(), undefined);
      });
    },

    async record(actor: Actor, input: NewIncident) {
      return db.inScope(actor, async (tx) => {
        const [arrangement] = await arrangementsToWriteAbout(tx, actor, clock(), input.arrangementId);
        if (!arrangement) throw new InputProblem('arrangementId', 'Choose who it is about');
        const advice = notificationAdvice(input);
        const occurredAt = sql`(${`${input.occurredOn} ${input.occurredTime ?? '12:00'}`}::timestamp at time zone 'Europe/London')`;
        const [row] = await tx
          .insert(incidents)
          .values({
            schemeId: inScheme(actor).schemeId,
            arrangementId: input.arrangementId,
            kind: input.kind,
            severity: input.severity,
            occurredAt: occurredAt as never,
            place: input.place,
            whatHappened: input.whatHappened,
            whoInvolved: input.whoInvolved,
            immediateAction: input.immediateAction,
            categories: input.categories,
            notifiable: advice.needed,
            needsAttention: needsAttention(input),
            recordedByUserId: actor.userId,
            recordedByName: actor.name ?? 'Unknown',
          })
          .returning({ id: incidents.id });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'incident',
          recordId: row!.id,
          changes: { ...input, notifiable: advice.needed },
        });
        return { id: row!.id };
      });
    },

    async list(actor: Actor, filter: IncidentFilter) {
      if (!isStaff(actor) && actor.role !== 'carer') throw notFound();
      const where = listConditions(actor, filter);
      return db.inScope(actor, async (tx) => {
        // Each incident has one arrangement and each arrangement one person: the rows counted are the incidents.
        const page = await prepared(
          tx
            .select({ ...listColumns, total: totalRows() })
            .from(incidents)
            .innerJoin(arrangements, eq(arrangements.id, incidents.arrangementId))
            .innerJoin(people, eq(people.id, arrangements.personId))
            .where(where)
            .orderBy(desc(incidents.occurredAt), desc(incidents.id))
            .limit(PAGE_SIZE)
            .offset((filter.page - 1) * PAGE_SIZE),
        );
        await audit(tx, actor, { action: 'listed', recordType: 'incident', changes: { ...filter } });
        return withTotal(
          page,
          filter.page,
          async () =>
            (
              await tx
                .select({ total: count() })
                .from(incidents)
                .innerJoin(arrangements, eq(arrangements.id, incidents.arrangementId))
                .where(where)
            )[0]?.total ?? 0,
        );
      });
    },

    /** An incident's record: what happened, the advice on notifying CQC, follow-ups. */
    async incident(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const [incident] = await tx.select().from(incidents).where(eq(incidents.id, id));
        if (!incident) throw notFound();
        const record = await openArrangement(tx, actor, incident.arrangementId);
        const followUps = await tx
          .select()
          .from(incidentFollowUps)
          .where(eq(incidentFollowUps.incidentId, id))
          .orderBy(asc(incidentFollowUps.at), asc(incidentFollowUps.id));
        await audit(tx, actor, { action: 'viewed', recordType: 'incident', recordId: id, subjectUserId: record.person.userId });
        return { ...record, incident, followUps, advice: notificationAdvice(incident) };
      });
    },

    async addFollowUp(actor: Actor, id: string, note: string) {
      return db.inScope(actor, async (tx) => {
        const [incident] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id));
        if (!incident) throw notFound();
        await tx
          .insert(incidentFollowUps)
          .values({ schemeId: inScheme(actor).schemeId, incidentId: id, note, byUserId: actor.userId, byName: actor.name ?? 'Unknown' });
        await audit(tx, actor, { action: 'created', recordType: 'incident follow-up', recordId: id, changes: { note } });
      });
    },

    async recordNotification(actor: Actor, id: string, input: Notification) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const incident = await lockedIncident(tx, id);
        if (!incident.notifiable) throw new InputProblem('notifiedOn', 'This incident does not need notifying to CQC');
        if (incident.notifiedOn) throw new InputProblem('notifiedOn', 'The notification has already been recorded');
        const occurredOn = incident.occurredAt.toISOString().slice(0, 10);
        if (input.notifiedOn < occurredOn)
          throw new InputProblem('notifiedOn', `The date must be on or after ${formatDate(occurredOn)}, when it happened`);
        await tx
          .update(incidents)
          .set({
            notifiedOn: input.notifiedOn,
            notifiedHow: input.notifiedHow,
            notificationReference: input.reference,
            notificationRecordedByName: actor.name,
          })
          .where(eq(incidents.id, id));
        await audit(tx, actor, { action: 'updated', recordType: 'incident', recordId: id, changes: { ...input } });
      });
    },

    async dealtWith(actor: Actor, id: string, whatWasDone: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const incident = await lockedIncident(tx, id);
        if (!incident.needsAttention || incident.dealtAt)
          throw new InputProblem('whatWasDone', 'This is not waiting for anyone’s attention');
        await tx.update(incidents).set({ dealtAt: new Date(), dealtByName: actor.name, whatWasDone }).where(eq(incidents.id, id));
        await audit(tx, actor, { action: 'updated', recordType: 'incident', recordId: id, changes: { whatWasDone } });
      });
    },

    async close(actor: Actor, id: string, outcome: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const incident = await lockedIncident(tx, id);
        if (incident.closedAt) throw new InputProblem('outcome', 'It has already been closed');
        if (incident.notifiable && !incident.notifiedOn) throw new InputProblem('outcome', 'Record how CQC was notified before closing it');
        await tx
          .update(incidents)
          .set({
            closedAt: new Date(),
            closedByName: actor.name,
            outcome,
            // Closing says what was done: it is no longer waiting for attention.
            ...(incident.needsAttention && !incident.dealtAt ? { dealtAt: new Date(), dealtByName: actor.name, whatWasDone: outcome } : {}),
          })
          .where(eq(incidents.id, id));
        await audit(tx, actor, { action: 'ended', recordType: 'incident', recordId: id, changes: { outcome } });
      });
    },
  };
}

/** What waits on staff: serious incidents and safeguarding concerns no one has acted on yet, and notifications not yet made. */
async function waiting(db: Database, actor: Actor, worker?: string) {
  return db.inScope(actor, (tx) =>
    tx
      .select({ ...listColumns, occurredOn: sql<string>`(${incidents.occurredAt} at time zone 'Europe/London')::date::text` })
      .from(incidents)
      .innerJoin(arrangements, eq(arrangements.id, incidents.arrangementId))
      .innerJoin(people, eq(people.id, arrangements.personId))
      .where(and(eq(incidents.schemeId, inScheme(actor).schemeId), or(waitingToNotify, waitingForAttention), workerIs(worker)))
      .orderBy(asc(incidents.occurredAt))
      .limit(500),
  );
}

export function incidentsAttention(db: Database): AttentionProvider {
  return {
    list: async (actor) => {
      if (!isStaff(actor)) return [];
      return (await waiting(db, actor)).flatMap((i) => [
        ...(i.notifiable && !i.notifiedOn
          ? [
              {
                kind: 'notification',
                kindName: 'Notify CQC',
                title: `${INCIDENT_KIND_SHORT[i.kind]} of ${formatDate(i.occurredOn)} must be notified`,
                who: i.personName,
                raisedOn: i.occurredOn,
                workerUserId: i.workerUserId,
                urgent: true,
                href: `/incidents/${i.id}#notification`,
                action: 'Record the notification',
              },
            ]
          : []),
        ...(i.needsAttention && !i.dealtAt
          ? [
              {
                kind: 'incident',
                kindName: i.kind === 'safeguarding' ? 'Safeguarding concern' : `${SEVERITY_NAMES[i.severity]} incident`,
                title: i.place,
                who: i.personName,
                raisedOn: i.occurredOn,
                workerUserId: i.workerUserId,
                urgent: true,
                href: `/incidents/${i.id}`,
                action: 'Read it and say what was done',
              },
            ]
          : []),
      ]);
    },
    // One item for a notification not yet made and one for an incident not yet acted on, as the list makes.
    count: (actor) =>
      !isStaff(actor)
        ? Promise.resolve(0)
        : db.inScope(actor, async (tx) => {
            const [row] = await prepared(
              tx
                .select({
                  n: sql<number>`(count(*) filter (where ${waitingToNotify}) + count(*) filter (where ${waitingForAttention}))::int`,
                })
                .from(incidents)
                .innerJoin(arrangements, eq(arrangements.id, incidents.arrangementId))
                .where(and(eq(incidents.schemeId, inScheme(actor).schemeId), or(waitingToNotify, waitingForAttention), onCaseload(actor))),
            );
            return row?.n ?? 0;
          }),
  };
}

/**
 * "What is due": a notification to CQC not yet recorded is overdue from the day it happened ("without
 * delay"). Its title sorts by the incident's kind (the day is its date); the page adds the day.
 */
export function incidentsDue(): DueProvider {
  const kindShort = sql.join(
    Object.entries(INCIDENT_KIND_SHORT).map(([kind, short]) => sql`when ${kind} then ${short}`),
    sql` `,
  );
  return {
    kinds: { notification: 'Notify CQC' },
    items: (actor, _today, worker) =>
      !isStaff(actor)
        ? null
        : sql`
      select 'notification'::text as kind, (case ${incidents.kind}::text ${kindShort} end)::text as title, ${people.name} as who,
        ${arrangements.workerUserId} as worker_user_id, (${incidents.occurredAt} at time zone 'Europe/London')::date as due_on, 'overdue'::text as status,
        ${incidents.id} as subject_id, ${incidents.arrangementId}::text as detail
      from ${incidents} join ${arrangements} on ${arrangements.id} = ${incidents.arrangementId} join ${people} on ${people.id} = ${arrangements.personId}
      where ${and(eq(incidents.schemeId, inScheme(actor).schemeId), waitingToNotify, workerIs(worker))}`,
    show: (row) => ({
      kind: row.kind,
      kindName: 'Notify CQC',
      title: `${row.title} of ${formatDate(row.dueOn)}: notify CQC`,
      who: row.who,
      whoHref: `/arrangements/${row.detail}`,
      workerUserId: row.workerUserId,
      dueOn: row.dueOn,
      status: row.status,
      action: { text: 'Record the notification', href: `/incidents/${row.subjectId}#notification` },
    }),
  };
}

export type IncidentsService = ReturnType<typeof incidentsService>;
