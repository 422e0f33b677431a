import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { APP_LOGIN, serverUrlFor, TEMPLATE_DATABASE, testServerUrl } from './server.js';

/**
 * A page's unit of work is one connection, which answers one query at a time: node-postgres warns
 * when a query is sent while another runs on it (and pg 9 will refuse). Work must be awaited in turn
 * (src/platform/db/unit-of-work.ts), so in tests the warning is a failure.
 */
process.on('warning', (warning) => {
  if (/client is already executing a query/.test(warning.message)) throw warning;
});

/**
 * A fresh, migrated database of its own for a test file: embedded PGlite by default,
 * a new database on the PostgreSQL server when HEARTH_TEST_DATABASE_URL is set.
 */
export async function testDatabase(): Promise<Database> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const snapshot = readFileSync(inject('embeddedSnapshot'));
    return openDatabase({ loadDataDir: new Blob([snapshot]) });
  }
  const name = `hearth_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  const database = await openDatabase({ url: serverUrlFor(serverUrl, name), appUrl: serverUrlFor(serverUrl, name, APP_LOGIN) });
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
