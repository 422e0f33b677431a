import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { incidentsAttention } from '../incidents/service.js';
import { anIncident } from '../incidents/testing.js';
import { notesAttention } from '../notes/service.js';
import { aNote } from '../notes/testing.js';
import { aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { testDatabase } from '../platform/testing/database.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { forWhom } from './attention.js';
import { attentionService } from './service.js';

describe('needs attention: the home page’s count', () => {
  let db: Database;
  const actors: Record<'manager' | 'worker' | 'otherWorker' | 'carer', Actor> = {} as never;

  beforeAll(async () => {
    db = await testDatabase();
    const schemeId = (await aScheme(db)).id;
    const roles = { manager: 'scheme_manager', worker: 'scheme_worker', otherWorker: 'scheme_worker', carer: 'carer' } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      const user = await aUser(db, { role, schemeId });
      actors[key] = { userId: user.id, schemeId, role, name: key };
    }
    // Three arrangements: the worker's, the other worker's, and one with no worker yet; each with
    // flagged notes, a serious incident, and one CQC must be told about (two items in the list).
    for (const workerUserId of [actors.worker.userId, actors.otherWorker.userId, null]) {
      const carer = await anApprovedCarer(db, { schemeId });
      const person = await aPerson(db, { schemeId, status: 'supported' });
      const arrangement = await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id, workerUserId });
      await aNote(db, arrangement, { flagReason: 'A worry' });
      await aNote(db, arrangement, { flagReason: 'Another worry' });
      await aNote(db, arrangement);
      await anIncident(db, arrangement, { severity: 'serious' });
      await anIncident(db, arrangement, { severity: 'serious', categories: ['serious_injury'] });
      await anIncident(db, arrangement);
    }
  });
  afterAll(async () => db.close());

  it('counts, where they are kept, exactly what the list gives each person', async () => {
    const providers = [notesAttention(db), incidentsAttention(db)];
    const service = attentionService(db, providers);
    for (const actor of Object.values(actors)) {
      const listed = (await Promise.all(providers.map((p) => p.list(actor)))).flat();
      expect(await service.count(actor)).toBe(forWhom(actor, listed).length);
    }
    // The worker's own three arrangements' worth, and the unassigned one's; the manager's, all three.
    expect(await service.count(actors.worker)).toBe(2 * (2 + 3));
    expect(await service.count(actors.manager)).toBe(3 * (2 + 3));
    expect(await service.count(actors.carer)).toBe(0);
  });
});
