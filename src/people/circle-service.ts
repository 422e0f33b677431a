import { randomUUID } from 'node:crypto';
import { aliasedTable, and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { users } from '../platform/db/schema.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { sightOf } from './access.js';
import { personHeader } from './header.js';
import { signInEmailOf, signInOfRole } from './records-service.js';
import { circleConsents, circleMembers } from './schema.js';
import type { CircleRelationship, ConsentArea } from './words.js';
import { requireStaff } from '../platform/permissions/staff.js';

export interface CircleMemberInput {
  name: string;
  relationship: CircleRelationship;
  relationshipDetail: string | null;
  phone: string | null;
  email: string | null;
  signInEmail: string | null;
  consents: ConsentArea[];
}

const recordedBy = aliasedTable(users, 'consent_recorded_by');

/** The circle of support, and what the person agrees to share with each of them. */
export function circleService(db: Database) {
  return {
    async circle(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const members = await membersOf(tx, personId, { includeEnded: true });
        await audit(tx, actor, { action: 'viewed', recordType: 'circle of support', recordId: personId, subjectUserId: person.userId });
        return { person, members: members.filter((m) => !m.endedAt), ended: members.filter((m) => m.endedAt) };
      });
    },

    async member(actor: Actor, personId: string, memberId?: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        if (!memberId) return { person, member: null };
        const member = (await membersOf(tx, personId, { includeEnded: false })).find((m) => m.id === memberId);
        if (!member) throw notFound();
        return { person, member: { ...member, signInEmail: await signInEmailOf(tx, member.userId) } };
      });
    },

    async addMember(actor: Actor, personId: string, input: CircleMemberInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const userId = await linkedUser(tx, personId, input.signInEmail, null);
        const id = randomUUID();
        const { signInEmail: _, consents, ...fields } = input;
        await tx.insert(circleMembers).values({ id, schemeId: inScheme(actor).schemeId, personId, ...fields, userId });
        await giveConsents(tx, actor, personId, id, consents);
        await audit(tx, actor, {
          action: 'created',
          recordType: 'circle member',
          recordId: id,
          subjectUserId: person.userId,
          changes: { personId, ...fields, userId, consents },
        });
        return { id };
      });
    },

    async updateMember(actor: Actor, personId: string, memberId: string, input: CircleMemberInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const userId = await linkedUser(tx, personId, input.signInEmail, memberId);
        const { signInEmail: _, consents, ...fields } = input;
        const [updated] = await tx
          .update(circleMembers)
          .set({ ...fields, userId })
          .where(and(eq(circleMembers.id, memberId), eq(circleMembers.personId, personId), isNull(circleMembers.endedAt)))
          .returning({ id: circleMembers.id });
        if (!updated) throw notFound();
        const current = await currentConsents(tx, memberId);
        const withdrawn = [...current].filter((area) => !consents.includes(area));
        if (withdrawn.length) await withdraw(tx, actor, memberId, withdrawn);
        await giveConsents(
          tx,
          actor,
          personId,
          memberId,
          consents.filter((area) => !current.has(area)),
        );
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'circle member',
          recordId: memberId,
          subjectUserId: person.userId,
          changes: { ...fields, userId, consents },
        });
      });
    },

    /** Someone leaves the circle: every consent given to them is withdrawn with it. */
    async endMember(actor: Actor, personId: string, memberId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const [ended] = await tx
          .update(circleMembers)
          .set({ endedAt: new Date() })
          .where(and(eq(circleMembers.id, memberId), eq(circleMembers.personId, personId), isNull(circleMembers.endedAt)))
          .returning({ name: circleMembers.name });
        if (!ended) throw notFound();
        await withdraw(tx, actor, memberId, [...(await currentConsents(tx, memberId))]);
        await audit(tx, actor, {
          action: 'ended',
          recordType: 'circle member',
          recordId: memberId,
          subjectUserId: person.userId,
          changes: { name: ended.name },
        });
      });
    },
  };
}

async function linkedUser(tx: Tx, personId: string, email: string | null, memberId: string | null) {
  if (!email) return null;
  const userId = await signInOfRole(tx, email, 'circle_member', 'signInEmail');
  const [taken] = await tx
    .select({ id: circleMembers.id })
    .from(circleMembers)
    .where(
      and(
        eq(circleMembers.personId, personId),
        eq(circleMembers.userId, userId),
        isNull(circleMembers.endedAt),
        memberId ? sql`${circleMembers.id} <> ${memberId}` : undefined,
      ),
    );
  if (taken) throw new InputProblem('signInEmail', 'This sign-in is already linked to someone else in this circle');
  return userId;
}

async function currentConsents(tx: Tx, memberId: string) {
  const rows = await tx
    .select({ area: circleConsents.area })
    .from(circleConsents)
    .where(and(eq(circleConsents.circleMemberId, memberId), isNull(circleConsents.withdrawnAt)));
  return new Set(rows.map((r) => r.area));
}

async function giveConsents(tx: Tx, actor: Actor, personId: string, memberId: string, areas: ConsentArea[]) {
  if (!areas.length) return;
  await tx.insert(circleConsents).values(
    areas.map((area) => ({
      schemeId: inScheme(actor).schemeId,
      personId,
      circleMemberId: memberId,
      area,
      recordedByUserId: actor.userId,
    })),
  );
  await audit(tx, actor, { action: 'created', recordType: 'consent', recordId: memberId, changes: { given: areas } });
}

async function withdraw(tx: Tx, actor: Actor, memberId: string, areas: ConsentArea[]) {
  if (!areas.length) return;
  await tx
    .update(circleConsents)
    .set({ withdrawnAt: new Date(), withdrawnByUserId: actor.userId })
    .where(and(eq(circleConsents.circleMemberId, memberId), inArray(circleConsents.area, areas), isNull(circleConsents.withdrawnAt)));
  await audit(tx, actor, { action: 'ended', recordType: 'consent', recordId: memberId, changes: { withdrawn: areas } });
}

export async function membersOf(tx: Tx, personId: string, options: { includeEnded: boolean; userId?: string }) {
  const members = await tx
    .select({
      id: circleMembers.id,
      name: circleMembers.name,
      relationship: circleMembers.relationship,
      relationshipDetail: circleMembers.relationshipDetail,
      phone: circleMembers.phone,
      email: circleMembers.email,
      userId: circleMembers.userId,
      endedAt: circleMembers.endedAt,
    })
    .from(circleMembers)
    .where(
      and(
        eq(circleMembers.personId, personId),
        options.includeEnded ? undefined : isNull(circleMembers.endedAt),
        options.userId ? eq(circleMembers.userId, options.userId) : undefined,
      ),
    )
    .orderBy(asc(circleMembers.name));
  const consents = members.length
    ? await tx
        .select({
          circleMemberId: circleConsents.circleMemberId,
          area: circleConsents.area,
          recordedAt: circleConsents.recordedAt,
          recordedByName: recordedBy.name,
        })
        .from(circleConsents)
        .leftJoin(recordedBy, eq(recordedBy.id, circleConsents.recordedByUserId))
        .where(
          and(
            inArray(
              circleConsents.circleMemberId,
              members.map((m) => m.id),
            ),
            isNull(circleConsents.withdrawnAt),
          ),
        )
        .orderBy(asc(circleConsents.area))
    : [];
  return members.map((m) => ({ ...m, consents: consents.filter((c) => c.circleMemberId === m.id) }));
}

export type CircleService = ReturnType<typeof circleService>;
