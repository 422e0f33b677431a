import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { services, stores } from '../app.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { openPostcodeFile, SKIP_REASONS } from './files.js';
import type { LoadProgress } from './load.js';
import type { PostcodeFile } from './service.js';

/*
 * npm run postcodes -- FILE [FILE or FOLDER …]: loads the ONS Postcode Directory CSV or OS Code-Point
 * Open's CSV files (a folder: every .csv in it, as in Code-Point's Data/CSV) into the database the
 * settings name, printing progress as it goes.
 */

const USAGE = 'Usage: npm run postcodes -- FILE.csv [more files, or a folder of CSV files]';

async function filesFrom(names: string[]): Promise<PostcodeFile[]> {
  const files: PostcodeFile[] = [];
  for (const name of names) {
    const found = await stat(name).catch(() => null);
    if (!found) throw new Error(`There is no file ${name}. ${USAGE}`);
    const paths = found.isDirectory()
      ? (await readdir(name))
          .filter((f) => f.toLowerCase().endsWith('.csv'))
          .sort()
          .map((f) => path.join(name, f))
      : [name];
    files.push(...paths.map((p) => ({ name: p, open: () => openPostcodeFile(p) })));
  }
  if (!files.length) throw new Error(`No CSV files found. ${USAGE}`);
  return files;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** A line of progress about once a second. */
function progressPrinter() {
  const started = performance.now();
  let lastShown = 0;
  return (file: string, p: LoadProgress) => {
    const now = performance.now();
    if (now - lastShown < 1000) return;
    lastShown = now;
    const perSecond = Math.round(p.rows / ((now - started) / 1000));
    console.log(
      `${path.basename(file)}: ${count(p.rows)} rows read, ${count(p.loaded)} loaded, ${count(p.skipped)} left out (${count(perSecond)} rows a second)`,
    );
  };
}

async function main() {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  if (!names.length) throw new Error(USAGE);
  const files = await filesFrom(names);
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await db.migrate();
    const postcodes = services(db, stores(db, config)).postcodes;
    const started = performance.now();
    const { files: loaded, placed } = await postcodes.loadFiles(files, progressPrinter());
    for (const file of loaded) {
      if ('refused' in file) {
        console.log(`${file.name}: not loaded. ${file.refused}.`);
        continue;
      }
      const skipped = Object.entries(file.skippedFor).map(
        ([reason, n]) => `${count(n)} ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS]}`,
      );
      console.log(
        `${file.name}: ${count(file.loaded)} postcodes loaded from ${count(file.rows)} rows${skipped.length ? `; left out: ${skipped.join('; ')}` : ''}.`,
      );
      for (const e of file.examples) console.log(`  line ${count(e.line)}: ${SKIP_REASONS[e.reason]}`);
    }
    console.log(
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s. ${count(placed)} people and carers waiting for a location now have one.`,
    );
    if (loaded.every((f) => 'refused' in f)) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
