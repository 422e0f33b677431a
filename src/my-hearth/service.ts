import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { people } from '../people/schema.js';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { users } from '../platform/db/schema.js';
import { notFound } from '../platform/errors/errors.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import type { Role } from '../platform/permissions/roles.js';
import { moodChecks, personMessageReplies, personMessages } from './schema.js';
import { NOT_OK_BELOW, type MessageKind } from './words.js';
import { requireStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

/** The signed-in person's own record, as their pages need it. */
export interface Me {
  id: string;
  name: string;
  preferredName: string | null;
  userId: string;
  workerUserId: string | null;
  workerName: string | null;
}

export interface TellInput {
  kind: Exclude<MessageKind, 'not_ok'>;
  words: string | null;
  symbols: string[];
}
export interface MoodInput {
  mood: number;
  words: string | null;
}

export type MessageRow = typeof personMessages.$inferSelect;
export interface Reply {
  words: string;
  byName: string;
  at: Date;
}
export type Message = MessageRow & { replies: Reply[]; mood: number | null };

async function meIn(tx: Tx, actor: Actor): Promise<Me | null> {
  if (actor.role !== 'person' || !actor.userId) return null;
  const [row] = await tx
    .select({
      id: people.id,
      name: people.name,
      preferredName: people.preferredName,
      userId: people.userId,
      workerUserId: people.workerUserId,
      workerName: users.name,
    })
    .from(people)
    .leftJoin(users, eq(users.id, people.workerUserId))
    .where(eq(people.userId, actor.userId));
  return row ? { ...row, userId: row.userId! } : null;
}

async function requireMe(tx: Tx, actor: Actor): Promise<Me> {
  const me = await meIn(tx, actor);
  if (!me) throw notFound();
  return me;
}

/** Messages with their replies and the mood that sent them, in the order asked for. */
async function withReplies(tx: Tx, rows: MessageRow[]): Promise<Message[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const replies = await tx
    .select({
      messageId: personMessageReplies.messageId,
      words: personMessageReplies.words,
      byName: personMessageReplies.byName,
      at: personMessageReplies.at,
    })
    .from(personMessageReplies)
    .where(inArray(personMessageReplies.messageId, ids))
    .orderBy(asc(personMessageReplies.at));
  const moodIds = rows.flatMap((r) => (r.moodCheckId ? [r.moodCheckId] : []));
  const moods = moodIds.length
    ? await tx.select({ id: moodChecks.id, mood: moodChecks.mood }).from(moodChecks).where(inArray(moodChecks.id, moodIds))
    : [];
  return rows.map((r) => ({
    ...r,
    replies: replies.filter((x) => x.messageId === r.id),
    mood: moods.find((m) => m.id === r.moodCheckId)?.mood ?? null,
  }));
}

async function sendMessage(
  tx: Tx,
  actor: Actor,
  me: Me,
  values: { kind: MessageKind; words: string | null; symbols: string[]; moodCheckId?: string },
) {
  const [row] = await tx
    .insert(personMessages)
    .values({
      schemeId: inScheme(actor).schemeId,
      personId: me.id,
      ...values,
      toUserId: me.workerUserId,
      toName: me.workerName,
    })
    .returning({ id: personMessages.id, sentAt: personMessages.sentAt });
  await audit(tx, actor, {
    action: 'created',
    recordType: 'person message',
    recordId: row!.id,
    subjectUserId: me.userId,
    changes: { kind: values.kind, symbols: values.symbols },
  });
  return row!;
}

export interface AttentionFilter {
  show: 'open' | 'all';
  page: number;
  size?: number;
}

/** One staff list entry: the message, whose it is, and how urgent. */
export type AttentionRow = Message & { personName: string; personUserId: string | null };

/**
 * The person's own Hearth: "Tell someone", "How I feel" and "Who looked at my record" for the
 * person; the attention list where staff read, reply and mark what the person told them dealt with.
 */
export function myHearthService(db: Database) {
  return {
    /** The signed-in person's own record, or null if the scheme has not linked one to their sign-in. */
    async me(actor: Actor): Promise<Me | null> {
      return db.inScope(actor, (tx) => meIn(tx, actor));
    },

    /** The households of the person's live arrangements, as the person may know them (see hearth_my_household). */
    async households(actor: Actor, arrangementIds: readonly string[]) {
      if (arrangementIds.length === 0) return new Map<string, Household>();
      return db.inScope(actor, async (tx) => {
        const rows = [];
        for (const id of arrangementIds) {
          const [row] = await rowsOf<{ household: Household | null }>(tx, sql`select hearth_my_household(${id}) as household`);
          rows.push({ id, household: row?.household ?? null });
        }
        return new Map(rows.flatMap((r) => (r.household ? [[r.id, r.household] as const] : [])));
      });
    },

    async tell(actor: Actor, input: TellInput) {
      return db.inScope(actor, async (tx) => sendMessage(tx, actor, await requireMe(tx, actor), input));
    },

    /** The person's own messages, newest first. */
    async myMessages(actor: Actor, limit = 20): Promise<Message[]> {
      return db.inScope(actor, async (tx) => {
        const me = await requireMe(tx, actor);
        const rows = await tx
          .select()
          .from(personMessages)
          .where(eq(personMessages.personId, me.id))
          .orderBy(desc(personMessages.sentAt))
          .limit(limit);
        return withReplies(tx, rows);
      });
    },

    /** One of the person's own messages (404 for anyone else's). */
    async myMessage(actor: Actor, id: string): Promise<Message> {
      return db.inScope(actor, async (tx) => {
        const me = await requireMe(tx, actor);
        const [row] = await tx
          .select()
          .from(personMessages)
          .where(and(eq(personMessages.id, id), eq(personMessages.personId, me.id)));
        if (!row) throw notFound();
        return (await withReplies(tx, [row]))[0]!;
      });
    },

    /** A mood check; below OK, it also reaches the scheme's attention list. */
    async checkMood(actor: Actor, input: MoodInput) {
      return db.inScope(actor, async (tx) => {
        const me = await requireMe(tx, actor);
        const [row] = await tx
          .insert(moodChecks)
          .values({ schemeId: inScheme(actor).schemeId, personId: me.id, mood: input.mood, words: input.words, byUserId: actor.userId })
          .returning({ id: moodChecks.id, at: moodChecks.at });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'mood check',
          recordId: row!.id,
          subjectUserId: me.userId,
          changes: { mood: input.mood },
        });
        const message =
          input.mood < NOT_OK_BELOW
            ? await sendMessage(tx, actor, me, { kind: 'not_ok', words: input.words, symbols: [], moodCheckId: row!.id })
            : null;
        return { id: row!.id, at: row!.at, messageId: message?.id ?? null };
      });
    },

    /** The person's recent mood checks, newest first. */
    async myMoods(actor: Actor, limit = 7) {
      return db.inScope(actor, async (tx) => {
        const me = await requireMe(tx, actor);
        return tx
          .select({ id: moodChecks.id, mood: moodChecks.mood, words: moodChecks.words, at: moodChecks.at })
          .from(moodChecks)
          .where(eq(moodChecks.personId, me.id))
          .orderBy(desc(moodChecks.at))
          .limit(limit);
      });
    },

    /**
     * Who looked at or changed the person's record: audit events about them by anyone else, one line
     * per person, action, kind of record and day (a page read is often several events), newest first.
     */
    async whoLooked(actor: Actor, paging: { page: number; size: number }) {
      return db.inScope(actor, async (tx) => {
        const me = await requireMe(tx, actor);
        const grouped = sql`
          select actor_user_id as "actorUserId", actor_name as "actorName", actor_role as "actorRole", action, record_type as "recordType",
            max(at) as at
          from audit_events
          where subject_user_id = ${me.userId} and actor_user_id is distinct from ${me.userId}
          group by actor_user_id, actor_name, actor_role, action, record_type, (at at time zone 'Europe/London')::date`;
        const [{ total } = { total: 0 }] = await rowsOf<{ total: number }>(tx, sql`select count(*)::int as total from (${grouped}) g`);
        const rows = await rowsOf<{
          actorUserId: string | null;
          actorName: string | null;
          actorRole: Role | null;
          action: string;
          recordType: string;
          at: string | Date;
        }>(tx, sql`${grouped} order by max(at) desc, record_type limit ${paging.size} offset ${(paging.page - 1) * paging.size}`);
        return { total, workerUserId: me.workerUserId, rows: rows.map((r) => ({ ...r, at: new Date(r.at) })) };
      });
    },

    /** Staff: what people told the scheme, open first (urgent, then oldest), or everything newest first. */
    async attention(actor: Actor, filter: AttentionFilter) {
      requireStaff(actor);
      const size = filter.size ?? 50;
      return db.inScope(actor, async (tx) => {
        const where: SQL | undefined = filter.show === 'open' ? isNull(personMessages.dealtWithAt) : undefined;
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(personMessages).where(where);
        const order =
          filter.show === 'open'
            ? [desc(sql`${personMessages.kind} = 'help_now'`), asc(personMessages.sentAt)]
            : [desc(personMessages.sentAt)];
        const rows = await tx
          .select({ message: personMessages, personName: people.name, personUserId: people.userId })
          .from(personMessages)
          .innerJoin(people, eq(people.id, personMessages.personId))
          .where(where)
          .orderBy(...order, asc(personMessages.id))
          .limit(size)
          .offset((filter.page - 1) * size);
        const messages = await withReplies(
          tx,
          rows.map((r) => r.message),
        );
        await audit(tx, actor, { action: 'listed', recordType: 'person message', changes: { show: filter.show, page: filter.page } });
        return {
          total: Number(total),
          rows: messages.map((m, i) => ({ ...m, personName: rows[i]!.personName, personUserId: rows[i]!.personUserId })),
        };
      });
    },

    /** Staff: how many open messages, and how many of those need help now. */
    async openCounts(actor: Actor) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const [row] = await prepared(
          tx
            .select({
              open: count(),
              urgent: sql<number>`count(*) filter (where ${personMessages.kind} = 'help_now')::int`,
            })
            .from(personMessages)
            .where(isNull(personMessages.dealtWithAt)),
        );
        return { open: Number(row?.open ?? 0), urgent: Number(row?.urgent ?? 0) };
      });
    },

    /** Staff: one message. The first member of staff to open it is who the person sees read it. */
    async attentionItem(actor: Actor, id: string): Promise<AttentionRow> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const [found] = await tx
          .select({ message: personMessages, personName: people.name, personUserId: people.userId })
          .from(personMessages)
          .innerJoin(people, eq(people.id, personMessages.personId))
          .where(eq(personMessages.id, id))
          .for('update', { of: personMessages });
        if (!found) throw notFound();
        let message = found.message;
        if (!message.seenAt) {
          [message] = (await tx
            .update(personMessages)
            .set({ seenAt: new Date(), seenByUserId: actor.userId, seenByName: actor.name ?? 'Someone at the scheme' })
            .where(eq(personMessages.id, id))
            .returning()) as [MessageRow];
        }
        await audit(tx, actor, { action: 'viewed', recordType: 'person message', recordId: id, subjectUserId: found.personUserId });
        return { ...(await withReplies(tx, [message]))[0]!, personName: found.personName, personUserId: found.personUserId };
      });
    },

    /** Staff: a reply the person reads on their message. */
    async reply(actor: Actor, id: string, words: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const message = await openMessage(tx, id);
        await tx.insert(personMessageReplies).values({
          schemeId: inScheme(actor).schemeId,
          messageId: id,
          words,
          byUserId: actor.userId,
          byName: actor.name ?? 'Someone at the scheme',
        });
        await tx
          .update(personMessages)
          .set({
            seenAt: message.seenAt ?? new Date(),
            seenByUserId: message.seenByUserId ?? actor.userId,
            seenByName: message.seenByName ?? actor.name ?? 'Someone at the scheme',
          })
          .where(eq(personMessages.id, id));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'person message',
          recordId: id,
          subjectUserId: message.personUserId,
          changes: { reply: words },
        });
      });
    },

    /** Staff: marks a message dealt with; the person sees who did, and when. */
    async dealtWith(actor: Actor, id: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const message = await openMessage(tx, id);
        if (message.dealtWithAt) return;
        const now = new Date();
        const name = actor.name ?? 'Someone at the scheme';
        await tx
          .update(personMessages)
          .set({
            dealtWithAt: now,
            dealtWithByUserId: actor.userId,
            dealtWithByName: name,
            seenAt: message.seenAt ?? now,
            seenByUserId: message.seenByUserId ?? actor.userId,
            seenByName: message.seenByName ?? name,
          })
          .where(eq(personMessages.id, id));
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'person message',
          recordId: id,
          subjectUserId: message.personUserId,
          changes: { dealtWith: true },
        });
      });
    },
  };
}

async function openMessage(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: personMessages.id,
      seenAt: personMessages.seenAt,
      seenByUserId: personMessages.seenByUserId,
      seenByName: personMessages.seenByName,
      dealtWithAt: personMessages.dealtWithAt,
      personUserId: people.userId,
    })
    .from(personMessages)
    .innerJoin(people, eq(people.id, personMessages.personId))
    .where(eq(personMessages.id, id))
    .for('update', { of: personMessages });
  if (!row) throw notFound();
  return row;
}

/** The household of a live arrangement, as the person may know it. */
export interface Household {
  firstName: string;
  area: string | null;
  pets: string | null;
  household: { firstName: string; relationship: string; age: number | null }[];
}

export type MyHearthService = ReturnType<typeof myHearthService>;
