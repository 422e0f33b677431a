import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import { countsOf, CsvRowsProblem, type CsvPreview, type CsvProblem, type ImportCounts, type PlannedRow } from '../platform/csv/define.js';
import type { Database, Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { todayInUk } from '../platform/dates.js';
import { exportRow, peopleCsv, type PersonCsvRow } from './csv.js';
import { communicationNeeds, people, personStatusChanges } from './schema.js';
import type { PeopleFilter } from './records-service.js';
import { peopleWhere } from './records-service.js';
import { requireStaff } from '../platform/permissions/staff.js';

const CHUNK = 500;

type Planned = PlannedRow<PersonCsvRow>;

/** People to and from spreadsheets: every row checked before any is saved, then all saved or none. */
export function peopleCsvService(db: Database, clock: () => string = todayInUk) {
  return {
    /** What importing these rows would do: the check step shows it, and the import does exactly it. */
    async plan(actor: Actor, preview: CsvPreview<PersonCsvRow>) {
      requireStaff(actor);
      return db.inScope(actor, (tx) => planImport(tx, preview));
    },

    /** Adds the new people and changes those the file changes, planning again in the same transaction. */
    async import(actor: Actor, preview: CsvPreview<PersonCsvRow>): Promise<ImportCounts> {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const plan = await planImport(tx, preview);
        if (plan.problems.length) throw new CsvRowsProblem(plan.problems);
        await addPeople(
          tx,
          actor,
          plan.rows.filter((r) => r.action === 'add'),
          plan.workers,
          clock(),
        );
        for (const planned of plan.rows.filter((r) => r.action === 'change')) await changePerson(tx, actor, planned, plan.workers);
        return countsOf(plan);
      });
    },

    /** Every person the list's filters find, as a spreadsheet: only staff may, and only their scheme's. */
    async export(actor: Actor, filter: Omit<PeopleFilter, 'page'>) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const found = await exportRecords(tx, peopleWhere(actor, filter));
        await audit(tx, actor, { action: 'exported', recordType: 'people', changes: { ...filter, rows: found.length } });
        return found;
      });
    },
  };
}

/** People as the export writes them, with their Hearth ID and who saw them last (for the audit). */
async function exportRecords(tx: Tx, where: SQL | undefined) {
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
    .where(where)
    .orderBy(asc(people.name), asc(people.id));
  return found.map((p) => exportRow({ ...p, communicationRecorded: p.recorded !== null }));
}

/**
 * The one computation behind the check step and the import: each row matched to a saved person by
 * its Hearth ID; what it adds or changes; and what stops it (a worker Hearth does not know, someone
 * new who looks like someone already in Hearth).
 */
async function planImport(tx: Tx, preview: CsvPreview<PersonCsvRow>) {
  const workers = new Map(
    (
      await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .where(and(inArray(memberships.role, ['scheme_manager', 'scheme_worker']), isNull(memberships.endedAt)))
    ).map((w) => [w.email, w.id]),
  );
  const saved = await exportRecords(tx, undefined);
  const byId = new Map(saved.map((r) => [r.hearthId!, r]));
  const plan = peopleCsv.plan(preview, (row) => {
    if (!row.hearthId) return null;
    const record = byId.get(row.hearthId);
    return record
      ? { id: row.hearthId, record }
      : { field: 'hearthId', message: 'No one in this scheme has this Hearth ID: leave it empty for someone new' };
  });
  const problems: CsvProblem[] = [...plan.problems];
  const twins = new Map(
    saved.filter((p) => p.dateOfBirth).map((p) => [identity(p.name!, p.dateOfBirth!.split('/').reverse().join('-')), p.hearthId!] as const),
  );
  const inFile = new Map<string, number>();
  for (const r of plan.rows) {
    const problem = (column: string, message: string) => problems.push({ rowNumber: r.rowNumber, column, message });
    if (r.row.workerEmail && (r.action === 'add' || r.changed.includes('workerEmail')) && !workers.has(r.row.workerEmail))
      problem('Worker email', 'No scheme worker or manager in this scheme signs in with this email');
    if (r.action !== 'add' || !r.row.dateOfBirth) continue;
    const key = identity(r.row.name, r.row.dateOfBirth);
    const twin = twins.get(key);
    if (twin) problem('Name', `Already in Hearth with the same name and date of birth: add their Hearth ID (${twin}) to update them`);
    const earlier = inFile.get(key);
    if (earlier) problem('Name', `Same name and date of birth as row ${earlier}`);
    else inFile.set(key, r.rowNumber);
  }
  return { problems: problems.sort((a, b) => a.rowNumber - b.rowNumber), rows: plan.rows, workers };
}

const identity = (name: string, dateOfBirth: string | null) => `${name.trim().toLowerCase().replace(/\s+/g, ' ')}|${dateOfBirth}`;

async function addPeople(tx: Tx, actor: Actor, rows: Planned[], workers: Map<string, string>, today: string) {
  const schemeId = inScheme(actor).schemeId;
  const fresh = rows.map(({ row }) => ({ row, id: randomUUID(), since: row.statusSince ?? today }));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    await tx.insert(people).values(
      chunk.map(({ row, id, since }) => ({
        id,
        schemeId,
        ...details(row, workers),
        status: row.status,
        statusSince: since,
        arrangementTypes: row.arrangementTypes,
      })),
    );
    await tx.insert(personStatusChanges).values(
      chunk.map(({ row, id, since }) => ({
        schemeId,
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
    if (row.communication) await saveCommunication(tx, actor, id, row);
    await audit(tx, actor, {
      action: 'created',
      recordType: 'person',
      recordId: id,
      changes: { ...details(row, workers), status: row.status, imported: true },
    });
  }
}

/** Only what the row changes: the person's details, and their communication needs. */
async function changePerson(tx: Tx, actor: Actor, { id, row, changed }: Planned, workers: Map<string, string>) {
  const set = Object.fromEntries(
    Object.entries(details(row, workers)).filter(([field]) => changed.includes(field === 'workerUserId' ? 'workerEmail' : field)),
  );
  const [person] = await tx
    .update(people)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(people.id, id!))
    .returning({ userId: people.userId });
  const communication = changed.includes('communication') || changed.includes('preferredContact');
  if (communication) await saveCommunication(tx, actor, id!, row);
  await audit(tx, actor, {
    action: 'updated',
    recordType: 'person',
    recordId: id,
    subjectUserId: person?.userId ?? null,
    changes: {
      ...set,
      ...(communication ? { communication: row.communication, preferredContact: row.preferredContact } : {}),
      imported: true,
    },
  });
}

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

/** Communication needs and the preferred way of contact, kept together (an empty needs cell never records "none"). */
async function saveCommunication(tx: Tx, actor: Actor, personId: string, row: PersonCsvRow) {
  const values = {
    needs: row.communication!.needs,
    otherNeeds: row.communication!.otherNeeds,
    preferredContact: row.preferredContact ?? null,
  };
  await tx
    .insert(communicationNeeds)
    .values({ personId, schemeId: inScheme(actor).schemeId, ...values, updatedByUserId: actor.userId })
    .onConflictDoUpdate({ target: communicationNeeds.personId, set: { ...values, updatedByUserId: actor.userId, updatedAt: new Date() } });
}

export type PeopleCsvService = ReturnType<typeof peopleCsvService>;
