import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyoneAroundArrangements } from '../arrangements/testing.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import { HttpProblem } from '../platform/errors/errors.js';
import type { Actor } from '../platform/http/types.js';
import { testDatabase } from '../platform/testing/database.js';
import { notesService } from './service.js';
import { aNote } from './testing.js';

/**
 * Who may read an arrangement's daily notes, in its two forms: the notes service's rule (staff, the
 * arrangement's carer, the person, and their circle with consent to share daily notes) and the
 * row-level security policy on daily_notes. For every kind of actor, both let through the notes of
 * the same arrangements.
 */
describe('who reads an arrangement’s daily notes: the service’s rule agrees with row-level security', () => {
  let db: Database;
  let actors: Actor[] = [];
  const arrangementIds: string[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    const everyone = await everyoneAroundArrangements(db);
    actors = everyone.actors;
    for (const arrangement of everyone.arrangements) {
      await aNote(db, arrangement);
      arrangementIds.push(arrangement.id);
    }
  });
  afterAll(async () => db.close());

  it('for every kind of actor', async () => {
    const notes = notesService(db);
    const byService = async (actor: Actor, id: string) => {
      try {
        return (await notes.forArrangement(actor, id, undefined)).shared;
      } catch (error) {
        if (error instanceof HttpProblem && error.statusCode === 404) return false;
        throw error;
      }
    };
    let readers = 0;
    for (const actor of actors) {
      const byPolicy = new Set(
        (await db.inScope(actor, (tx) => rowsOf<{ id: string }>(tx, sql`select distinct arrangement_id as id from daily_notes`))).map(
          (r) => r.id,
        ),
      );
      const service: string[] = [];
      for (const id of arrangementIds) if (await byService(actor, id)) service.push(id);
      expect({ role: actor.role, ids: service.sort() }).toEqual({ role: actor.role, ids: [...byPolicy].sort() });
      if (byPolicy.size) readers++;
    }
    expect(readers).toBeGreaterThanOrEqual(5);
  });
});
