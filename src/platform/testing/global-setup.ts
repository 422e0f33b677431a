import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.js';
import { dumpMigrated } from '../db/snapshot.js';
import { APP_LOGIN, serverUrlFor, TEMPLATE_DATABASE, testServerUrl } from './server.js';

/**
 * Migrates one database before the tests start; each test file then gets a copy of it quickly:
 * a PGlite snapshot, or a PostgreSQL template database when HEARTH_TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl();
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = await openDatabase({ url: serverUrlFor(serverUrl, TEMPLATE_DATABASE) });
    await template.migrate();
    await template.close();
    const again = new pg.Client({ connectionString: serverUrl });
    await again.connect();
    await again.query(
      `DO $$ BEGIN CREATE ROLE ${APP_LOGIN} LOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    await again.query(`GRANT hearth_app TO ${APP_LOGIN}`);
    await again.end();
    project.provide('embeddedSnapshot', '');
    return;
  }
  const snapshot = await dumpMigrated('none');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hearth-test-')), 'migrated.tar');
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('embeddedSnapshot', file);
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedSnapshot: string;
  }
}
