import { auditEvents } from '../db/schema.js';
import type { Tx } from '../db/database.js';
import type { Actor } from '../http/types.js';

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
  return Object.fromEntries(Object.entries(changes).map(([field, value]) => [field, SECRET.test(field) ? '(changed, not recorded)' : value]));
}

/** The one way to write to the audit log: inside the same transaction as the read or change it records. */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    schemeId: actor.schemeId,
    actorUserId: actor.userId,
    actorName: actor.name,
    actorRole: actor.role,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId ?? null,
    subjectUserId: entry.subjectUserId ?? null,
    changedFields: entry.changes ? redact(entry.changes) : null,
  });
}
