import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';
import { carerFor } from './access.js';
import { ageOn, type IsoDate, todayInUk } from '../platform/dates.js';
import { isAdult, type Home } from './household.js';

export type { Home };
import { carerHomes, householdMembers } from './schema.js';
import { openRecord } from './service.js';
import { requireStaff } from '../platform/permissions/staff.js';

export interface HouseholdMember {
  name: string;
  relationship: string;
  dateOfBirth: IsoDate;
  movedOutOn: IsoDate | null;
}

export const EMPTY_HOME: Home = {
  bedrooms: null,
  spareBedrooms: null,
  stepFree: null,
  ownBathroom: null,
  smoking: null,
  pets: null,
  languages: [],
  faith: null,
  culture: null,
  interests: [],
  routines: null,
};

/** The members of a carer's household, with their age and whether they count as an adult today. */
export async function membersOf(tx: Tx, carerId: string, today: IsoDate = todayInUk()) {
  const rows = await tx
    .select()
    .from(householdMembers)
    .where(eq(householdMembers.carerId, carerId))
    .orderBy(asc(householdMembers.dateOfBirth));
  return rows.map((m) => ({
    ...m,
    age: ageOn(m.dateOfBirth, today),
    adult: isAdult(m.dateOfBirth, today),
    living: m.movedOutOn === null || m.movedOutOn > today,
  }));
}

export async function homeOf(tx: Tx, carerId: string): Promise<Home> {
  const [home] = await tx.select().from(carerHomes).where(eq(carerHomes.carerId, carerId));
  if (!home) return EMPTY_HOME;
  const { carerId: _c, schemeId: _s, updatedAt: _u, ...rest } = home;
  return rest;
}

/** The carer's home and the people in it: with their approval terms, the carer's matching profile. */
export function householdService(db: Database) {
  return {
    async household(actor: Actor, carerId: string) {
      return db.inScope(actor, async (tx) => {
        const header = await openRecord(tx, actor, carerId);
        return { ...header, home: await homeOf(tx, carerId), members: await membersOf(tx, carerId) };
      });
    },

    async home(actor: Actor, carerId: string) {
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        return { carer, home: await homeOf(tx, carerId) };
      });
    },

    async updateHome(actor: Actor, carerId: string, home: Home) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        await tx
          .insert(carerHomes)
          .values({ carerId, schemeId: carer.schemeId, ...home })
          .onConflictDoUpdate({ target: carerHomes.carerId, set: { ...home, updatedAt: new Date() } });
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'carer home',
          recordId: carerId,
          subjectUserId: carer.userId,
          changes: { ...home },
        });
      });
    },

    async member(actor: Actor, carerId: string, memberId: string) {
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        const [member] = await tx
          .select()
          .from(householdMembers)
          .where(and(eq(householdMembers.id, memberId), eq(householdMembers.carerId, carerId)));
        if (!member) throw notFound();
        return { carer, member };
      });
    },

    async addMember(actor: Actor, carerId: string, member: HouseholdMember) {
      requireStaff(actor);
      checkDates(member);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        const id = randomUUID();
        await tx.insert(householdMembers).values({ id, schemeId: carer.schemeId, carerId, ...member });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'household member',
          recordId: id,
          subjectUserId: carer.userId,
          changes: { carerId, ...member },
        });
        return { id };
      });
    },

    async updateMember(actor: Actor, carerId: string, memberId: string, member: HouseholdMember) {
      requireStaff(actor);
      checkDates(member);
      return db.inScope(actor, async (tx) => {
        const carer = await carerFor(tx, actor, carerId);
        const updated = await tx
          .update(householdMembers)
          .set(member)
          .where(and(eq(householdMembers.id, memberId), eq(householdMembers.carerId, carerId)))
          .returning({ id: householdMembers.id });
        if (!updated.length) throw notFound();
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'household member',
          recordId: memberId,
          subjectUserId: carer.userId,
          changes: { ...member },
        });
      });
    },
  };
}

function checkDates(member: HouseholdMember) {
  if (member.movedOutOn && member.movedOutOn < member.dateOfBirth)
    throw new InputProblem('movedOutOn', 'The date they moved out must be after their date of birth');
}

export type HouseholdService = ReturnType<typeof householdService>;
