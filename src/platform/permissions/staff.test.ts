import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../db/database.js';
import { testDatabase } from '../testing/database.js';
import { ROLES } from './roles.js';
import { actingAsStaff, isStaff } from './staff.js';

describe('who is staff', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => db.close());

  it('is the same for services and for row-level security, for every role and for no role', async () => {
    for (const role of [...ROLES, null]) {
      const [row] = await db.inScope({ schemeId: null, userId: null, role }, (tx) =>
        rowsOf<{ staff: boolean | null }>(tx, sql`select ${actingAsStaff} as staff`),
      );
      expect({ role, staff: row!.staff ?? false }).toEqual({ role, staff: isStaff({ role }) });
    }
    expect(ROLES.filter((role) => isStaff({ role }))).toEqual(['scheme_manager', 'scheme_worker']);
  });
});
