import type { Database } from '../platform/db/database.js';
import { needsAttention, notificationAdvice, type IncidentKind, type NotifiableCategory, type Severity } from './rules.js';
import { incidents } from './schema.js';

/** An incident, through the owner's connection, with what the rules decide about attention and notifying. */
export async function anIncident(
  db: Database,
  arrangement: { id: string; schemeId: string },
  options: { kind?: IncidentKind; severity?: Severity; categories?: NotifiableCategory[]; occurredAt?: Date } = {},
) {
  const event = { kind: options.kind ?? 'incident', severity: options.severity ?? 'low', categories: options.categories ?? [] };
  const [row] = await db.owner
    .insert(incidents)
    .values({
      schemeId: arrangement.schemeId,
      arrangementId: arrangement.id,
      ...event,
      occurredAt: options.occurredAt ?? new Date('2026-02-02T10:00:00Z'),
      place: 'At home',
      whatHappened: 'Slipped in the kitchen',
      whoInvolved: 'The person and the carer',
      immediateAction: 'First aid',
      notifiable: notificationAdvice(event).needed,
      needsAttention: needsAttention(event),
      recordedByName: 'Test Carer',
    })
    .returning();
  return row!;
}
