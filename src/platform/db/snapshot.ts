import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths.js';
import type { DatabaseOptions } from './database.js';

/**
 * A new embedded database takes seconds to make (PostgreSQL's initdb, in WebAssembly) and more to
 * migrate; unpacking one already made and migrated takes about one. `npm run build` makes it once
 * for this PGlite and these migrations, and a first start on a new data folder begins from it.
 */
export function migratedSnapshotFile(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json')));
  const drizzle = path.join(projectRoot, 'drizzle');
  for (const file of readdirSync(drizzle, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path.join(drizzle, file)));
  }
  return path.join(projectRoot, 'dist', `migrated-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** A migrated, empty embedded database as a PGlite data folder archive. */
export async function dumpMigrated(compression: 'none' | 'gzip'): Promise<Blob> {
  const { migrationsFolder, openEmbeddedClient } = await import('./database.js');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await openEmbeddedClient({});
  await migrate(drizzle(client), { migrationsFolder });
  const snapshot = await client.dumpDataDir(compression);
  await client.close();
  return snapshot;
}

export async function makeMigratedSnapshot(): Promise<void> {
  const file = migratedSnapshotFile();
  if (existsSync(file)) return;
  const snapshot = Buffer.from(await (await dumpMigrated('gzip')).arrayBuffer());
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true });
  for (const old of readdirSync(folder).filter((name) => name.startsWith('migrated-'))) rmSync(path.join(folder, old));
  writeFileSync(`${file}.partial`, snapshot);
  renameSync(`${file}.partial`, file);
}

/** The options to open with: an embedded database not made yet begins from the snapshot, if the build made one. */
export function fromMigratedSnapshot(options: DatabaseOptions): DatabaseOptions {
  if ('url' in options || !options.dataDir || existsSync(path.join(options.dataDir, 'PG_VERSION'))) return options;
  const file = migratedSnapshotFile();
  return existsSync(file) ? { ...options, loadDataDir: new Blob([readFileSync(file)]) } : options;
}
