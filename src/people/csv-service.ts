import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import { CsvRowsProblem, type CsvProblem } from '../platform/csv/define.js';
import type { Database, Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { formatDate } from '../platform/layout/views.js';
import { todayInUk } from '../platform/dates.js';
import { exportRow, rowProblems, type PersonCsvRow } from './csv.js';
import { communicationNeeds, people, personStatusChanges } from './schema.js';
import { STATUS_NAMES } from './status.js';
import type { PeopleFilter } from './records-service.js';
import { peopleWhere } from './records-service.js';
import { requireStaff } from '../platform/permissions/staff.js';

const CHUNK = 500;

/** People to and from spreadsheets: every row checked before any is saved, then all saved or none. */
export function peopleCsvService(db: Database, clock: () => string = todayInUk) {
  return {
    async check(actor: Actor, rows: PersonCsvRow[]): Promise<CsvProblem[]> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => (await plan(tx, rows)).problems);
    },

    async import(actor: Actor, rows: PersonCsvRow[]): Promise<{ count: number }> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const { problems, workers, existing } = await plan(tx, rows);
        if (problems.length) throw new CsvRowsProblem(problems);
        const today = clock();
        const fresh = rows.filter((r) => !r.hearthId).map((row) => ({ row, id: randomUUID(), since: row.statusSince ?? today }));
        for (let i = 0; i < fresh.length; i += CHUNK) {
          const chunk = fresh.slice(i, i + CHUNK);
          await tx.insert(people).values(
            chunk.map(({ row, id, since }) => ({
              id,
              schemeId: inScheme(actor).schemeId,
              ...details(row, workers),
              status: row.status,
              statusSince: since,
              arrangementTypes: row.arrangementTypes,
            })),
          );
          await tx.insert(personStatusChanges).values(
            chunk.map(({ row, id, since }) => ({
              schemeId: inScheme(actor).schemeId,
              personId: id,
              toStatus: row.status,
              on: since,
              arrangementTypes: row.arrangementTypes,
              reason: 'Imported from a spreadsheet',
              recordedByUserId: actor.userId,
            })),
          );
        }
        for (const { row, id } of fresh) {
          await saveCommunication(tx, actor, id, row);
          await audit(tx, actor, {
            action: 'created',
            recordType: 'person',
            recordId: id,
            changes: { ...details(row, workers), status: row.status, imported: true },
          });
        }
        for (const row of rows.filter((r) => r.hearthId)) {
          const changes = details(row, workers);
          await tx
            .update(people)
            .set({ ...changes, updatedAt: new Date() })
            .where(eq(people.id, row.hearthId!));
          await saveCommunication(tx, actor, row.hearthId!, row);
          await audit(tx, actor, {
            action: 'updated',
            recordType: 'person',
            recordId: row.hearthId!,
            subjectUserId: existing.get(row.hearthId!)!.userId,
            changes: { ...changes, imported: true },
          });
        }
        return { count: rows.length };
      });
    },

    /** Every person the list's filters find, as a spreadsheet: only staff may, and only their scheme's. */
    async export(actor: Actor, filter: Omit<PeopleFilter, 'page'>) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const found = await tx
          .select({
            id: people.id,
            name: people.name,
            preferredName: people.preferredName,
            dateOfBirth: people.dateOfBirth,
            pronouns: people.pronouns,
            phone: people.phone,
            email: people.email,
            address: people.address,
            postcode: people.postcode,
            area: people.area,
            status: people.status,
            statusSince: people.statusSince,
            arrangementTypes: people.arrangementTypes,
            workerEmail: users.email,
            needs: communicationNeeds.needs,
            otherNeeds: communicationNeeds.otherNeeds,
            preferredContact: communicationNeeds.preferredContact,
            recorded: communicationNeeds.personId,
          })
          .from(people)
          .leftJoin(users, eq(users.id, people.workerUserId))
          .leftJoin(communicationNeeds, eq(communicationNeeds.personId, people.id))
          .where(peopleWhere(actor, filter))
          .orderBy(asc(people.name), asc(people.id));
        await audit(tx, actor, { action: 'exported', recordType: 'people', changes: { ...filter, rows: found.length } });
        return found.map((p) => exportRow({ ...p, communicationRecorded: p.recorded !== null }));
      });
    },
  };
}

/** Every problem of every row against what is saved, and what saving needs to know. */
async function plan(tx: Tx, rows: PersonCsvRow[]) {
  const problems: CsvProblem[] = [];
  const workers = new Map(
    (
      await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .where(and(inArray(memberships.role, ['scheme_manager', 'scheme_worker']), isNull(memberships.endedAt)))
    ).map((w) => [w.email, w.id]),
  );
  const saved = await tx
    .select({
      id: people.id,
      name: people.name,
      dateOfBirth: people.dateOfBirth,
      status: people.status,
      statusSince: people.statusSince,
      arrangementTypes: people.arrangementTypes,
      userId: people.userId,
    })
    .from(people);
  const existing = new Map(saved.map((p) => [p.id, p]));
  const known = new Map(saved.filter((p) => p.dateOfBirth).map((p) => [identity(p.name, p.dateOfBirth), p]));
  const inFile = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const problem = (column: string, message: string) => problems.push({ rowNumber, column, message });
    problems.push(...rowProblems(row, rowNumber));
    if (row.workerEmail && !workers.has(row.workerEmail))
      problem('Worker email', 'No scheme worker or manager in this scheme signs in with this email');
    if (row.hearthId) {
      const current = existing.get(row.hearthId);
      if (!current) return problem('Hearth ID', 'No one in this scheme has this Hearth ID: leave it empty for someone new');
      const sameTypes = [...current.arrangementTypes].sort().join() === [...row.arrangementTypes].sort().join();
      if (current.status !== row.status || (row.statusSince && row.statusSince !== current.statusSince) || !sameTypes) {
        problem(
          'Status',
          `Hearth has ${STATUS_NAMES[current.status].toLowerCase()} since ${formatDate(current.statusSince)}: change status on their page, where each move is checked`,
        );
      }
      return;
    }
    if (!row.dateOfBirth) return;
    const key = identity(row.name, row.dateOfBirth);
    const twin = known.get(key);
    if (twin) problem('Name', `Already in Hearth with the same name and date of birth: add their Hearth ID (${twin.id}) to update them`);
    const earlier = inFile.get(key);
    if (earlier) problem('Name', `Same name and date of birth as row ${earlier}`);
    else inFile.set(key, rowNumber);
  });
  return { problems: problems.sort((a, b) => a.rowNumber - b.rowNumber), workers, existing };
}

const identity = (name: string, dateOfBirth: string | null) => `${name.trim().toLowerCase().replace(/\s+/g, ' ')}|${dateOfBirth}`;

function details(row: PersonCsvRow, workers: Map<string, string>) {
  return {
    name: row.name,
    preferredName: row.preferredName ?? null,
    dateOfBirth: row.dateOfBirth ?? null,
    pronouns: row.pronouns ?? null,
    phone: row.phone ?? null,
    email: row.email ?? null,
    address: row.address ?? null,
    postcode: row.postcode ?? null,
    area: row.area ?? null,
    workerUserId: row.workerEmail ? workers.get(row.workerEmail)! : null,
  };
}

/** An empty needs cell leaves needs as they are (or not asked yet): it never records "none". */
async function saveCommunication(tx: Tx, actor: Actor, personId: string, row: PersonCsvRow) {
  if (!row.communication) {
    if (row.preferredContact) {
      await tx
        .update(communicationNeeds)
        .set({ preferredContact: row.preferredContact, updatedByUserId: actor.userId, updatedAt: new Date() })
        .where(eq(communicationNeeds.personId, personId));
    }
    return;
  }
  const values = { ...row.communication, preferredContact: row.preferredContact ?? null };
  await tx
    .insert(communicationNeeds)
    .values({ personId, schemeId: inScheme(actor).schemeId, ...values, updatedByUserId: actor.userId })
    .onConflictDoUpdate({ target: communicationNeeds.personId, set: { ...values, updatedByUserId: actor.userId, updatedAt: new Date() } });
}

export type PeopleCsvService = ReturnType<typeof peopleCsvService>;
