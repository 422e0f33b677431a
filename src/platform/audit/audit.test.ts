import { desc, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { auditEvents } from '../db/schema.js';
import { testDatabase } from '../testing/database.js';
import { insertStatement } from './audit.js';

describe('an audit entry sent with the commit', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => db.close());

  it('is stored exactly as given, whatever its text: quotes, backslashes, dollars, any character', async () => {
    // Any character but NUL (which PostgreSQL text cannot hold), and often the ones that break quoting.
    const awkward = fc.constantFrom("'", '\\', '$', '$$', '"', ';', '\n', "E'", 'é', '😀');
    const text = fc
      .string({ unit: fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 })
      .map((s) => s.replace(/\0/g, ''));
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.option(text),
        fc.option(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 4 })),
        async (name, recordType, recordId, changes) => {
          const row = {
            schemeId: null,
            actorUserId: null,
            actorName: name,
            actorRole: null,
            action: 'viewed',
            recordType,
            recordId,
            subjectUserId: '00000000-0000-4000-8000-000000000001',
            changedFields: changes,
          };
          await db.owner.execute(sql.raw(insertStatement(row)));
          const [stored] = await db.owner.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
          expect({ ...stored, id: undefined, at: undefined }).toEqual({ ...row, id: undefined, at: undefined });
        },
      ),
      { numRuns: 60 },
    );
  });
});
