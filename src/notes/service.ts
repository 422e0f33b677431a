import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { arrangementFor, carerName, onCaseload, visibleArrangements, withCarer } from '../arrangements/access.js';
import { carers } from '../carers/schema.js';
import { arrangements } from '../arrangements/schema.js';
import { openArrangement } from '../arrangements/service.js';
import { people } from '../people/schema.js';
import type { AttentionProvider } from '../attention/attention.js';
import type { HighlightProvider } from '../home/routes.js';
import { audit } from '../platform/audit/audit.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { formatDate } from '../platform/layout/views.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { type IsoDate, todayInUk } from '../platform/dates.js';
import type { Mood } from './moods.js';
import { dailyNotes } from './schema.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';
import { prepared, preparedRows } from '../platform/db/prepared.js';

export interface NewNote {
  arrangementId: string;
  writtenOn: IsoDate;
  whatHappened: string;
  mood: Mood;
  flagged: boolean;
  flagReason: string | null;
}

/** Where a page of notes starts: after (older than) or before (newer than) a note, by its day and id. */
export interface Cursor {
  direction: 'older' | 'newer';
  writtenOn: IsoDate;
  id: string;
}

export interface CaseloadFilter {
  /** A worker's user id, or undefined for everyone's. */
  worker?: string | undefined;
  flagged?: boolean | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  cursor?: Cursor | undefined;
}

const noteColumns = {
  id: dailyNotes.id,
  arrangementId: dailyNotes.arrangementId,
  writtenOn: dailyNotes.writtenOn,
  whatHappened: dailyNotes.whatHappened,
  mood: dailyNotes.mood,
  flagged: dailyNotes.flagged,
  flagReason: dailyNotes.flagReason,
  writtenByName: dailyNotes.writtenByName,
  writtenAt: dailyNotes.writtenAt,
  dealtAt: dailyNotes.dealtAt,
  dealtByName: dailyNotes.dealtByName,
  whatWasDone: dailyNotes.whatWasDone,
};

export type NoteRow = Omit<typeof dailyNotes.$inferSelect, 'schemeId' | 'writtenByUserId' | 'dealtByUserId' | 'mood'> & { mood: Mood };

/**
 * One page of notes, newest first, by keyset: the next page starts after the last note shown, so a
 * page deep in a million notes costs what the first does (the indexes are on day and id, newest first).
 * Asks for one more than a page to know whether there is another.
 */
export function pageQuery(tx: Tx, where: SQL, cursor: Cursor | undefined) {
  const key = sql`(${dailyNotes.writtenOn}, ${dailyNotes.id})`;
  const newer = cursor?.direction === 'newer';
  const from = cursor
    ? newer
      ? sql`${key} > (${cursor.writtenOn}::date, ${cursor.id}::uuid)`
      : sql`${key} < (${cursor.writtenOn}::date, ${cursor.id}::uuid)`
    : undefined;
  const order = newer ? [asc(dailyNotes.writtenOn), asc(dailyNotes.id)] : [desc(dailyNotes.writtenOn), desc(dailyNotes.id)];
  return tx
    .select(noteColumns)
    .from(dailyNotes)
    .where(and(where, from))
    .orderBy(...order)
    .limit(PAGE_SIZE + 1);
}

async function pageOf(tx: Tx, where: SQL, cursor: Cursor | undefined) {
  const newer = cursor?.direction === 'newer';
  const rows = await prepared(pageQuery(tx, where, cursor));
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE) as NoteRow[];
  if (newer) page.reverse();
  return {
    notes: page,
    // Older notes exist past the last row when going back and there was one more, or whenever we came forward from a cursor.
    older: page.length && (newer || more) ? page.at(-1)! : null,
    newer: page.length && (newer ? more : !!cursor) ? page[0]! : null,
  };
}

/** An arrangement's names without its id, to put beside a note's own id. */
const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

/** The names of the person and carer of each arrangement on a page, in one query. */
async function namesOf(tx: Tx, arrangementIds: string[]) {
  if (!arrangementIds.length)
    return new Map<string, { id: string; personName: string; carerName: string | null; workerUserId: string | null }>();
  const rows = await prepared(
    tx
      .select({ id: arrangements.id, personName: people.name, carerName, workerUserId: arrangements.workerUserId })
      .from(arrangements)
      .innerJoin(people, eq(people.id, arrangements.personId))
      .leftJoin(carers, withCarer)
      .where(inArray(arrangements.id, [...new Set(arrangementIds)])),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The arrangements this actor may write about today (a note, an incident): a carer's own that have
 * started and not ended; for staff, the one they came from (given), if it has not ended.
 */
export async function arrangementsToWriteAbout(tx: Tx, actor: Actor, today: IsoDate, given: string | undefined) {
  const chosen = given ? eq(arrangements.id, given) : isStaff(actor) ? sql`false` : undefined;
  return tx
    .select({
      id: arrangements.id,
      personName: people.name,
      type: arrangements.type,
      startsOn: arrangements.startsOn,
      workerUserId: arrangements.workerUserId,
    })
    .from(arrangements)
    .innerJoin(people, eq(people.id, arrangements.personId))
    .where(and(visibleArrangements(actor), ne(arrangements.status, 'ended'), lte(arrangements.startsOn, today), chosen))
    .orderBy(asc(people.name), asc(arrangements.id));
}

/** The caseload list's conditions: the scheme (or a carer's own arrangements), a worker's caseload, flagged, dates. */
export function caseloadConditions(tx: Tx, actor: Actor, filter: CaseloadFilter): SQL {
  const where: (SQL | undefined)[] = [eq(dailyNotes.schemeId, inScheme(actor).schemeId)];
  if (actor.role === 'carer')
    where.push(inArray(dailyNotes.arrangementId, tx.select({ id: arrangements.id }).from(arrangements).where(visibleArrangements(actor))));
  if (filter.worker)
    where.push(
      inArray(
        dailyNotes.arrangementId,
        tx.select({ id: arrangements.id }).from(arrangements).where(eq(arrangements.workerUserId, filter.worker)),
      ),
    );
  if (filter.flagged) where.push(eq(dailyNotes.flagged, true));
  if (filter.from) where.push(gte(dailyNotes.writtenOn, filter.from));
  if (filter.to) where.push(lte(dailyNotes.writtenOn, filter.to));
  return and(...where)!;
}

/** Daily notes: written by carers, read by workers across their caseload, and by the person and their circle. */
export function notesService(db: Database, clock: () => IsoDate = todayInUk) {
  return {
    /** What the note form needs: the arrangements to choose from (a carer's live ones, or the one staff came from). */
    async choices(actor: Actor, arrangementId: string | undefined) {
      return db.inScope(actor, async (tx) => {
        const given = await arrangementsToWriteAbout(tx, actor, clock(), arrangementId);
        return given.length || !arrangementId ? given : arrangementsToWriteAbout(tx, actor, clock(), undefined);
      });
    },

    async write(actor: Actor, input: NewNote) {
      return db.inScope(actor, async (tx) => {
        const arrangement = await arrangementFor(tx, actor, input.arrangementId).catch(() => {
          throw new InputProblem('arrangementId', 'Choose who the note is about');
        });
        if (arrangement.status === 'ended')
          throw new InputProblem('arrangementId', 'This arrangement has ended: notes can no longer be added');
        if (input.writtenOn < arrangement.startsOn)
          throw new InputProblem(
            'writtenOn',
            `The date must be on or after ${formatDate(arrangement.startsOn)}, when the arrangement started`,
          );
        const [row] = await tx
          .insert(dailyNotes)
          .values({
            schemeId: inScheme(actor).schemeId,
            ...input,
            flagReason: input.flagged ? input.flagReason : null,
            writtenByUserId: actor.userId,
            writtenByName: actor.name ?? 'Unknown',
          })
          .returning({ id: dailyNotes.id });
        await audit(tx, actor, { action: 'created', recordType: 'daily note', recordId: row!.id, changes: { ...input } });
        return { id: row!.id, arrangementId: arrangement.id, flagged: input.flagged };
      });
    },

    /** An arrangement's notes, a page at a time; for the person's circle, only with their consent to share daily notes. */
    async forArrangement(actor: Actor, arrangementId: string, cursor: Cursor | undefined) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        // Staff and the carer read an arrangement's notes; the person and their circle only with the person's consent.
        const shared =
          isStaff(actor) ||
          actor.role === 'carer' ||
          (
            await rowsOf<{ shared: boolean }>(
              tx,
              sql`select hearth_may_see_person(${record.arrangement.personId}, 'daily_notes') as shared`,
            )
          )[0]?.shared === true;
        const page = shared
          ? await pageOf(tx, eq(dailyNotes.arrangementId, arrangementId), cursor)
          : { notes: [], older: null, newer: null };
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'daily note',
          recordId: arrangementId,
          subjectUserId: record.person.userId,
          changes: { arrangementId, cursor: cursor ?? null },
        });
        return { ...record, shared, ...page };
      });
    },

    /** Notes across the scheme (or a worker's caseload), newest first, with filters; fast at a million notes. */
    async caseload(actor: Actor, filter: CaseloadFilter) {
      if (!isStaff(actor) && actor.role !== 'carer') throw notFound();
      return db.inScope(actor, async (tx) => {
        const page = await pageOf(tx, caseloadConditions(tx, actor, filter), filter.cursor);
        const names = await namesOf(
          tx,
          page.notes.map((n) => n.arrangementId),
        );
        await audit(tx, actor, { action: 'listed', recordType: 'daily note', changes: { ...filter, cursor: filter.cursor ?? null } });
        return { ...page, notes: page.notes.map((n) => ({ ...n, ...withoutId(names.get(n.arrangementId)!) })) };
      });
    },

    async note(actor: Actor, id: string) {
      return db.inScope(actor, async (tx) => {
        const [note] = await tx.select(noteColumns).from(dailyNotes).where(eq(dailyNotes.id, id));
        if (!note) throw notFound();
        const record = await openArrangement(tx, actor, note.arrangementId);
        await audit(tx, actor, { action: 'viewed', recordType: 'daily note', recordId: id, subjectUserId: record.person.userId });
        return { ...record, note: note as NoteRow };
      });
    },

    /** A flagged note is dealt with: who did what. It leaves the attention list; the note keeps the answer. */
    async dealtWith(actor: Actor, id: string, whatWasDone: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const [note] = await tx
          .select({ flagged: dailyNotes.flagged, dealtAt: dailyNotes.dealtAt })
          .from(dailyNotes)
          .where(eq(dailyNotes.id, id))
          .for('update');
        if (!note || !note.flagged) throw notFound();
        if (note.dealtAt) throw new InputProblem('whatWasDone', 'Someone has already said what was done about this note');
        await tx
          .update(dailyNotes)
          .set({ dealtAt: new Date(), dealtByUserId: actor.userId, dealtByName: actor.name, whatWasDone })
          .where(eq(dailyNotes.id, id));
        await audit(tx, actor, { action: 'updated', recordType: 'daily note', recordId: id, changes: { whatWasDone } });
      });
    },

    /** For the carer's home page: each arrangement they write notes for, and whether today's is written. */
    async today(actor: Actor) {
      if (actor.role !== 'carer') return [];
      const today = clock();
      return db.inScope(actor, async (tx) => {
        const own = await arrangementsToWriteAbout(tx, actor, today, undefined);
        if (!own.length) return [];
        const written = await tx
          .selectDistinct({ arrangementId: dailyNotes.arrangementId })
          .from(dailyNotes)
          .where(
            and(
              inArray(
                dailyNotes.arrangementId,
                own.map((a) => a.id),
              ),
              eq(dailyNotes.writtenOn, today),
            ),
          );
        const done = new Set(written.map((w) => w.arrangementId));
        return own.map((a) => ({ ...a, writtenToday: done.has(a.id) }));
      });
    },
  };
}

/** Flagged notes not yet dealt with, for "Needs attention". */
export function notesAttention(db: Database): AttentionProvider {
  // `flagged` as it is, not `= $1`: a prepared statement's plan must see the partial index's own condition.
  const open = (actor: Actor) =>
    and(eq(dailyNotes.schemeId, inScheme(actor).schemeId), sql`${dailyNotes.flagged}`, isNull(dailyNotes.dealtAt));
  return {
    list: (actor) =>
      db.inScope(actor, async (tx) => {
        if (!isStaff(actor)) return [];
        const rows = await tx
          .select({
            id: dailyNotes.id,
            writtenOn: dailyNotes.writtenOn,
            flagReason: dailyNotes.flagReason,
            arrangementId: dailyNotes.arrangementId,
          })
          .from(dailyNotes)
          .where(open(actor))
          .orderBy(asc(dailyNotes.writtenOn))
          .limit(500);
        const names = await namesOf(
          tx,
          rows.map((r) => r.arrangementId),
        );
        return rows.map((r) => {
          const about = names.get(r.arrangementId)!;
          return {
            kind: 'note',
            kindName: 'Flagged daily note',
            title: r.flagReason ?? 'Flagged',
            who: about.personName,
            raisedOn: r.writtenOn,
            workerUserId: about.workerUserId,
            urgent: false,
            href: `/notes/${r.id}`,
            action: 'Read the note and say what was done',
          };
        });
      }),
    // The scheme's open flags first (a few, by their partial index), then whose they are: joined the
    // other way round, the planner reads every note of each arrangement on the caseload.
    count: (actor) =>
      !isStaff(actor)
        ? Promise.resolve(0)
        : db.inScope(actor, async (tx) => {
            const [row] = await preparedRows<{ n: number }>(
              tx,
              ['n'],
              sql`with open as materialized (select ${dailyNotes.arrangementId} as id from ${dailyNotes} where ${open(actor)})
        select count(*)::int as n from open join ${arrangements} on ${arrangements.id} = open.id where ${onCaseload(actor) ?? sql`true`}`,
            );
            return row?.n ?? 0;
          }),
  };
}

export type NotesService = ReturnType<typeof notesService>;

/** The carer's home page: "Write today's note about Ada", one tap; a quieter button once today's is written. */
export function notesHighlights(notes: NotesService): HighlightProvider {
  return async (actor) =>
    (await notes.today(actor)).map((a) => ({
      text: a.writtenToday ? `Add another note about ${a.personName}` : `Write today’s note about ${a.personName}`,
      href: `/notes/new?arrangement=${a.id}`,
      secondary: a.writtenToday,
    }));
}
