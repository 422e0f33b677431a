import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../testing/database.js';
import { NO_ONE, rowsOf, type Database } from './database.js';

describe('database', () => {
  let db: Database;
  beforeAll(async () => { db = await testDatabase(); });
  afterAll(async () => { await db.close(); });

  it('runs scoped work as the application role, which is not a superuser', async () => {
    const rows = await db.inScope(NO_ONE, (tx) =>
      rowsOf(tx, sql`select current_user as who, (select rolsuper from pg_roles where rolname = current_user) as super`));
    expect(rows[0]).toEqual({ who: 'hearth_app', super: false });
  });

  it('answers a ping', async () => {
    expect(await db.ping()).toBe(true);
  });
});
