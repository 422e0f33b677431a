import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { users } from '../platform/db/schema.js';
import { notFound } from '../platform/errors/errors.js';
import { communicationNeeds, people } from './schema.js';
import { ARRANGEMENT_NAMES, STATUS_NAMES, type ArrangementType, type PersonStatus } from './status.js';
import { CONTACT_NAMES, NEED_NAMES, type CommunicationNeed, type ContactMethod } from './words.js';
import { prepared } from '../platform/db/prepared.js';

export interface CommunicationRecord {
  needs: CommunicationNeed[];
  otherNeeds: string | null;
  preferredContact: ContactMethod | null;
  notes: string | null;
}

/** What the communication flag shows: the Accessible Information Standard's "flag" on every page about the person. */
export interface CommunicationFlag {
  /** False until someone has asked the person: staff then see a prompt to ask. */
  recorded: boolean;
  needs: string[];
  contact: string | null;
  notes: string | null;
}

export function communicationFlag(record: CommunicationRecord | null | undefined): CommunicationFlag {
  if (!record) return { recorded: false, needs: [], contact: null, notes: null };
  return {
    recorded: true,
    needs: record.needs.map((need) => (need === 'other' && record.otherNeeds ? record.otherNeeds : NEED_NAMES[need])),
    contact: record.preferredContact ? CONTACT_NAMES[record.preferredContact] : null,
    notes: record.notes,
  };
}

export interface PersonHeader {
  id: string;
  name: string;
  preferredName: string | null;
  userId: string | null;
  status: PersonStatus;
  statusName: string;
  statusSince: string;
  arrangementTypes: ArrangementType[];
  arrangementNames: string[];
  workerName: string | null;
  communication: CommunicationFlag;
}

/**
 * The top of every page about a person: name, status and the communication flag.
 * Other capabilities (matching, arrangements, the carer's view) show it through the people service.
 */
export async function personHeader(tx: Tx, personId: string): Promise<PersonHeader> {
  const [row] = await prepared(
    tx
      .select({
        id: people.id,
        name: people.name,
        preferredName: people.preferredName,
        userId: people.userId,
        status: people.status,
        statusSince: people.statusSince,
        arrangementTypes: people.arrangementTypes,
        workerName: users.name,
        needs: communicationNeeds.needs,
        otherNeeds: communicationNeeds.otherNeeds,
        preferredContact: communicationNeeds.preferredContact,
        notes: communicationNeeds.notes,
        communicationRecorded: communicationNeeds.personId,
      })
      .from(people)
      .leftJoin(users, eq(users.id, people.workerUserId))
      .leftJoin(communicationNeeds, eq(communicationNeeds.personId, people.id))
      .where(eq(people.id, personId)),
  );
  if (!row) throw notFound();
  const types = row.arrangementTypes as ArrangementType[];
  return {
    id: row.id,
    name: row.name,
    preferredName: row.preferredName,
    userId: row.userId,
    status: row.status,
    statusName: STATUS_NAMES[row.status],
    statusSince: row.statusSince,
    arrangementTypes: types,
    arrangementNames: types.map((t) => ARRANGEMENT_NAMES[t]),
    workerName: row.workerName,
    communication: communicationFlag(
      row.communicationRecorded
        ? { needs: row.needs ?? [], otherNeeds: row.otherNeeds, preferredContact: row.preferredContact, notes: row.notes }
        : null,
    ),
  };
}
