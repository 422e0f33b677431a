import { dailyNotes } from './schema.js';
import type { Database } from '../platform/db/database.js';

/** A daily note, through the owner's connection: flagged when given a reason. */
export async function aNote(
  db: Database,
  arrangement: { id: string; schemeId: string },
  options: { writtenOn?: string; mood?: number; flagReason?: string; text?: string; byName?: string } = {},
) {
  const [row] = await db.owner
    .insert(dailyNotes)
    .values({
      schemeId: arrangement.schemeId,
      arrangementId: arrangement.id,
      writtenOn: options.writtenOn ?? '2026-02-01',
      whatHappened: options.text ?? 'A quiet day at home.',
      mood: options.mood ?? 4,
      flagged: !!options.flagReason,
      flagReason: options.flagReason ?? null,
      writtenByName: options.byName ?? 'Test Carer',
    })
    .returning();
  return row!;
}
