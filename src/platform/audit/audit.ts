import pg from 'pg';
import { auditEvents } from '../db/schema.js';
import type { Tx } from '../db/database.js';
import type { Actor } from '../http/types.js';

const { escapeIdentifier, escapeLiteral } = pg;

export type AuditAction = 'viewed' | 'listed' | 'created' | 'updated' | 'ended' | 'signed in' | 'signed out' | 'exported';

export interface AuditEntry {
  action: AuditAction;
  recordType: string;
  recordId?: string | null;
  /** The person the record is about, so they can later see who looked at it. */
  subjectUserId?: string | null;
  /** What changed: field names with their new values; secret values are never kept. */
  changes?: Record<string, unknown>;
}

const SECRET = /pass(word)?|secret|token|hash|otp|key/i;

export function redact(changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(changes).map(([field, value]) => [field, SECRET.test(field) ? '(changed, not recorded)' : value]),
  );
}

/**
 * The one way to write to the audit log: inside the same transaction as the read or change it records.
 * In a page's unit of work (src/platform/db/unit-of-work.ts) the entry goes with the commit, in the
 * same round trip, so it is still written before the page is sent, and the page is not sent if it fails.
 */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const row = {
    schemeId: actor.schemeId,
    actorUserId: actor.userId,
    actorName: actor.name,
    actorRole: actor.role,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId ?? null,
    subjectUserId: entry.subjectUserId ?? null,
    changedFields: entry.changes ? redact(entry.changes) : null,
  };
  if (actor.unit?.holds(tx)) actor.unit.atCommit(insertStatement(row));
  else await tx.insert(auditEvents).values(row);
}

export type AuditRow = Omit<typeof auditEvents.$inferInsert, 'id' | 'at'>;

/** The insert with its values written in as escaped literals: a statement that can go with the commit. */
export function insertStatement(row: AuditRow): string {
  const columns = Object.keys(row) as (keyof AuditRow)[];
  const literal = (value: unknown) =>
    value === null || value === undefined ? 'null' : escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
  return `insert into audit_events (${columns.map((c) => escapeIdentifier(auditEvents[c].name)).join(', ')}) values (${columns.map((c) => literal(row[c])).join(', ')})`;
}
