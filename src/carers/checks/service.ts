import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { forbidden, notFound } from '../../platform/errors/errors.js';
import { InputProblem } from '../../platform/forms/forms.js';
import { inScheme, Actor } from '../../platform/http/types.js';
import { carerFor } from '../access.js';
import { isAdult } from '../household.js';
import { carers, householdMembers } from '../schema.js';
import { openRecord } from '../service.js';
import { type IsoDate, todayInUk } from '../../platform/dates.js';
import { DEFAULT_CHECK_TYPES } from './defaults.js';
import { expiryFor, type Outcome } from './expiry.js';
import { requirementsFor, type Person } from './requirements.js';
import { checkRecords, checkTypes } from './schema.js';
import { requireStaff } from '../../platform/permissions/staff.js';

export type CheckTypeRow = typeof checkTypes.$inferSelect;
export type CheckRecordRow = typeof checkRecords.$inferSelect;

export interface CheckTypeInput {
  name: string;
  kind: 'check' | 'training';
  appliesTo: 'carer' | 'every_adult';
  validMonths: number | null;
  howMany: number;
  required: boolean;
  active: boolean;
}

export interface NewCheckRecord {
  checkTypeId: string;
  householdMemberId: string | null;
  completedOn: IsoDate;
  expiresOn: IsoDate | null;
  outcome: Outcome;
  reference: string | null;
  notes: string | null;
}

/** A new scheme's checks and training, written in that scheme's scope when it is created. */
export async function addDefaultCheckTypes(tx: Tx, schemeId: string) {
  await tx.insert(checkTypes).values(DEFAULT_CHECK_TYPES.map((type) => ({ ...type, schemeId })));
}

/**
 * Each carer's requirements, for the carers matching `which` (already limited to what the actor
 * may see): check types, adults at home and records in three queries, judged by the pure rules.
 */
export async function requirementsOf(tx: Tx, which: SQL, today: IsoDate = todayInUk()) {
  const types = await tx
    .select()
    .from(checkTypes)
    .where(eq(checkTypes.active, true))
    .orderBy(asc(checkTypes.position), asc(checkTypes.name));
  const people = await tx
    .select({ id: carers.id, name: carers.name, userId: carers.userId, workerUserId: carers.workerUserId })
    .from(carers)
    .where(which);
  const members = await tx
    .select({
      id: householdMembers.id,
      carerId: householdMembers.carerId,
      name: householdMembers.name,
      dateOfBirth: householdMembers.dateOfBirth,
      movedOutOn: householdMembers.movedOutOn,
    })
    .from(householdMembers)
    .innerJoin(carers, eq(carers.id, householdMembers.carerId))
    .where(which);
  const records = await tx
    .select({
      id: checkRecords.id,
      carerId: checkRecords.carerId,
      checkTypeId: checkRecords.checkTypeId,
      householdMemberId: checkRecords.householdMemberId,
      completedOn: checkRecords.completedOn,
      expiresOn: checkRecords.expiresOn,
      outcome: checkRecords.outcome,
    })
    .from(checkRecords)
    .innerJoin(carers, eq(carers.id, checkRecords.carerId))
    .where(which);

  const adultsBy = groupBy(
    members.filter((m) => (m.movedOutOn === null || m.movedOutOn > today) && isAdult(m.dateOfBirth, today)),
    (m) => m.carerId,
  );
  const recordsBy = groupBy(records, (r) => r.carerId);
  return people.map((carer) => ({
    carer,
    requirements: requirementsFor(
      types,
      { memberId: null, name: carer.name },
      (adultsBy.get(carer.id) ?? []).map((m): Person => ({ memberId: m.id, name: m.name })),
      recordsBy.get(carer.id) ?? [],
      today,
    ),
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Checks and training: what each scheme asks for, what each carer has done, and what has lapsed. */
export function checksService(db: Database) {
  return {
    async forCarer(actor: Actor, carerId: string) {
      return db.inScope(actor, async (tx) => {
        const header = await openRecord(tx, actor, carerId);
        const [mine] = await requirementsOf(tx, eq(carers.id, carerId));
        const records = await tx
          .select({ record: checkRecords, typeName: checkTypes.name, kind: checkTypes.kind, memberName: householdMembers.name })
          .from(checkRecords)
          .innerJoin(checkTypes, eq(checkTypes.id, checkRecords.checkTypeId))
          .leftJoin(householdMembers, eq(householdMembers.id, checkRecords.householdMemberId))
          .where(eq(checkRecords.carerId, carerId))
          .orderBy(desc(checkRecords.completedOn), desc(checkRecords.createdAt));
        return { ...header, requirements: mine?.requirements ?? [], records };
      });
    },

    /** What the "record a check" form needs: the carer, the check, and who in the household it can be for. */
    async recordForm(actor: Actor, carerId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        const types = await tx
          .select()
          .from(checkTypes)
          .where(eq(checkTypes.active, true))
          .orderBy(asc(checkTypes.position), asc(checkTypes.name));
        const today = todayInUk();
        const members = (
          await tx.select().from(householdMembers).where(eq(householdMembers.carerId, carerId)).orderBy(asc(householdMembers.name))
        ).filter((m) => (m.movedOutOn === null || m.movedOutOn > today) && isAdult(m.dateOfBirth, today));
        return { carer, types, adults: members };
      });
    },

    async record(actor: Actor, carerId: string, input: NewCheckRecord) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        const [type] = await tx
          .select()
          .from(checkTypes)
          .where(and(eq(checkTypes.id, input.checkTypeId), eq(checkTypes.active, true)));
        if (!type) throw new InputProblem('checkTypeId', 'Choose which check or course this is');
        if (input.householdMemberId) {
          if (type.appliesTo === 'carer') throw new InputProblem('householdMemberId', `${type.name} is for the carer only`);
          const [member] = await tx
            .select()
            .from(householdMembers)
            .where(and(eq(householdMembers.id, input.householdMemberId), eq(householdMembers.carerId, carerId)));
          if (!member) throw new InputProblem('householdMemberId', 'Choose someone who lives in this household');
        }
        const expiresOn = input.expiresOn ?? expiryFor(input.completedOn, type.validMonths);
        if (expiresOn && expiresOn < input.completedOn)
          throw new InputProblem('expiresOn', 'The expiry date must be on or after the date it was done');
        const id = randomUUID();
        await tx
          .insert(checkRecords)
          .values({ id, schemeId: carer.schemeId, carerId, ...input, expiresOn, byUserId: actor.userId, byName: actor.name });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'check record',
          recordId: id,
          subjectUserId: carer.userId,
          changes: { carerId, checkType: type.name, ...input, expiresOn },
        });
        return { id };
      });
    },

    types: (actor: Actor) =>
      db.inScope(actor, (tx) =>
        tx.select().from(checkTypes).orderBy(desc(checkTypes.active), asc(checkTypes.position), asc(checkTypes.name)),
      ),

    async type(actor: Actor, id: string) {
      const [found] = await db.inScope(actor, (tx) => tx.select().from(checkTypes).where(eq(checkTypes.id, id)));
      if (!found) throw notFound();
      return found;
    },

    async addType(actor: Actor, input: CheckTypeInput) {
      requireManager(actor);
      return db.inScope(actor, async (tx) => {
        await uniqueName(tx, input.name, null);
        const [{ last } = { last: 0 }] = await tx.select({ last: sql<number>`coalesce(max(${checkTypes.position}), 0)` }).from(checkTypes);
        const id = randomUUID();
        await tx.insert(checkTypes).values({ id, schemeId: inScheme(actor).schemeId, ...input, position: Number(last) + 1 });
        await audit(tx, actor, { action: 'created', recordType: 'check type', recordId: id, changes: { ...input } });
        return { id };
      });
    },

    async updateType(actor: Actor, id: string, input: CheckTypeInput) {
      requireManager(actor);
      return db.inScope(actor, async (tx) => {
        await uniqueName(tx, input.name, id);
        const updated = await tx.update(checkTypes).set(input).where(eq(checkTypes.id, id)).returning({ id: checkTypes.id });
        if (!updated.length) throw notFound();
        await audit(tx, actor, { action: 'updated', recordType: 'check type', recordId: id, changes: { ...input } });
      });
    },
  };
}

function requireManager(actor: Actor) {
  if (actor.role !== 'scheme_manager') throw forbidden();
}

async function uniqueName(tx: Tx, name: string, except: string | null) {
  const same = await tx
    .select({ id: checkTypes.id })
    .from(checkTypes)
    .where(sql`lower(${checkTypes.name}) = lower(${name})`);
  if (same.some((s) => s.id !== except)) throw new InputProblem('name', 'There is already a check or course with that name');
}

export type ChecksService = ReturnType<typeof checksService>;
