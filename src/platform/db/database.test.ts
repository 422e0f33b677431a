import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../testing/database.js';
import { NO_ONE, rowsOf, type Database } from './database.js';

describe('database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs scoped work as the application role, which is not a superuser', async () => {
    const rows = await db.inScope(NO_ONE, (tx) =>
      rowsOf(tx, sql`select current_user as who, (select rolsuper from pg_roles where rolname = current_user) as super`),
    );
    expect(rows[0]).toEqual({ who: 'hearth_app', super: false });
  });

  it('answers a ping', async () => {
    expect(await db.ping()).toBe(true);
  });
});

describe.runIf(Boolean(process.env.HEARTH_TEST_DATABASE_URL))('on a PostgreSQL server', () => {
  it('serves requests through a login that is not a superuser and cannot leave the application role’s rights', async () => {
    const db = await testDatabase();
    const [who] = await db.inScope(NO_ONE, (tx) =>
      rowsOf<{ session_user: string; super: boolean }>(
        tx,
        sql`select session_user, (select rolsuper from pg_roles where rolname = session_user) as super`,
      ),
    );
    expect(who).toEqual({ session_user: 'hearth_test_app', super: false });
    const escaped = await db
      .inScope(NO_ONE, async (tx) => {
        await tx.execute(sql`reset role`);
        return tx.execute(sql`select * from audit_events`);
      })
      .catch((error: { cause?: Error }) => error.cause?.message);
    expect(escaped).toMatch(/permission denied/);
    await db.close();
  });
});
