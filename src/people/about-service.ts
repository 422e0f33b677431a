import { aliasedTable, and, desc, eq, max } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { users } from '../platform/db/schema.js';
import { notFound } from '../platform/errors/errors.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { sightOf } from './access.js';
import type { Reading } from '../platform/easy-read/reading.js';
import { personHeader, type CommunicationRecord } from './header.js';
import { readingFromNeeds } from './reading.js';
import { communicationNeeds, onePageProfiles, people } from './schema.js';
import { requireStaff } from '../platform/permissions/staff.js';

export interface ProfileInput {
  likeAndAdmire: string;
  importantToMe: string;
  howToSupportMe: string;
  writtenWith: string;
  inOwnWords: boolean;
}

const recordedBy = aliasedTable(users, 'recorded_by');

/** "About me": the one-page profile, in versions, and communication needs. */
export function aboutService(db: Database) {
  return {
    /** The profile as it is now, or an earlier version, with the list of versions. */
    async profile(actor: Actor, personId: string, version?: number) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const versions = await tx
          .select({
            version: onePageProfiles.version,
            createdAt: onePageProfiles.createdAt,
            recordedByName: recordedBy.name,
            writtenWith: onePageProfiles.writtenWith,
            inOwnWords: onePageProfiles.inOwnWords,
          })
          .from(onePageProfiles)
          .leftJoin(recordedBy, eq(recordedBy.id, onePageProfiles.recordedByUserId))
          .where(eq(onePageProfiles.personId, personId))
          .orderBy(desc(onePageProfiles.version));
        const wanted = version ?? versions[0]?.version;
        const shown = wanted === undefined ? null : await profileVersion(tx, personId, wanted);
        if (version !== undefined && !shown) throw notFound();
        await audit(tx, actor, { action: 'viewed', recordType: 'one-page profile', recordId: personId, subjectUserId: person.userId });
        return { person, profile: shown, versions, latest: versions[0]?.version ?? null };
      });
    },

    /** Saves a new version: earlier versions are kept as they were. */
    async saveProfile(actor: Actor, personId: string, input: ProfileInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const [person] = await tx.select({ userId: people.userId }).from(people).where(eq(people.id, personId)).for('update');
        const [{ latest } = { latest: 0 }] = await tx
          .select({ latest: max(onePageProfiles.version) })
          .from(onePageProfiles)
          .where(eq(onePageProfiles.personId, personId));
        const version = (latest ?? 0) + 1;
        await tx
          .insert(onePageProfiles)
          .values({ schemeId: inScheme(actor).schemeId, personId, version, ...input, recordedByUserId: actor.userId });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'one-page profile',
          recordId: personId,
          subjectUserId: person!.userId,
          changes: { version, ...input },
        });
        return { version };
      });
    },

    async communication(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        await audit(tx, actor, { action: 'viewed', recordType: 'communication needs', recordId: personId, subjectUserId: person.userId });
        return { person, record: await communicationOf(tx, personId) };
      });
    },

    /**
     * How Hearth shows itself to the signed-in person until they choose (Easy Read, larger text, read
     * aloud), from their own communication needs; nobody else has any. Not audited: it is the person's own
     * record, read on their behalf to lay out their pages, and nothing of it is shown.
     */
    async ownReading(actor: Actor): Promise<Reading> {
      if (actor.role !== 'person' || !actor.userId) return readingFromNeeds([]);
      const [row] = await db.inScope(actor, (tx) =>
        tx
          .select({ needs: communicationNeeds.needs })
          .from(communicationNeeds)
          .innerJoin(people, eq(people.id, communicationNeeds.personId))
          .where(eq(people.userId, inScheme(actor).userId))
          .limit(1),
      );
      return readingFromNeeds(row?.needs ?? []);
    },

    async saveCommunication(actor: Actor, personId: string, input: CommunicationRecord) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        const [person] = await tx.select({ userId: people.userId }).from(people).where(eq(people.id, personId));
        const values = { ...input, otherNeeds: input.needs.includes('other') ? input.otherNeeds : null };
        await tx
          .insert(communicationNeeds)
          .values({ personId, schemeId: inScheme(actor).schemeId, ...values, updatedByUserId: actor.userId })
          .onConflictDoUpdate({
            target: communicationNeeds.personId,
            set: { ...values, updatedByUserId: actor.userId, updatedAt: new Date() },
          });
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'communication needs',
          recordId: personId,
          subjectUserId: person!.userId,
          changes: values,
        });
      });
    },
  };
}

export async function profileVersion(tx: Tx, personId: string, version?: number) {
  const query = tx
    .select({
      version: onePageProfiles.version,
      likeAndAdmire: onePageProfiles.likeAndAdmire,
      importantToMe: onePageProfiles.importantToMe,
      howToSupportMe: onePageProfiles.howToSupportMe,
      writtenWith: onePageProfiles.writtenWith,
      inOwnWords: onePageProfiles.inOwnWords,
      createdAt: onePageProfiles.createdAt,
      recordedByName: recordedBy.name,
    })
    .from(onePageProfiles)
    .leftJoin(recordedBy, eq(recordedBy.id, onePageProfiles.recordedByUserId));
  const [row] =
    version === undefined
      ? await query.where(eq(onePageProfiles.personId, personId)).orderBy(desc(onePageProfiles.version)).limit(1)
      : await query.where(and(eq(onePageProfiles.personId, personId), eq(onePageProfiles.version, version)));
  return row ?? null;
}

export async function communicationOf(tx: Tx, personId: string): Promise<CommunicationRecord | null> {
  const [row] = await tx
    .select({
      needs: communicationNeeds.needs,
      otherNeeds: communicationNeeds.otherNeeds,
      preferredContact: communicationNeeds.preferredContact,
      notes: communicationNeeds.notes,
    })
    .from(communicationNeeds)
    .where(eq(communicationNeeds.personId, personId));
  return row ?? null;
}

export type AboutService = ReturnType<typeof aboutService>;
