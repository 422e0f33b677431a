import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { fromMigratedSnapshot } from './platform/db/snapshot.js';
import { formatSignIns } from './demo/sign-ins.js';
import { hasAnyScheme, loadDemo } from './demo/load.js';
import { todayInUk } from './platform/dates.js';
import type { FastifyInstance } from 'fastify';
import type { Database } from './platform/db/database.js';

const started = performance.now();

/** What has been opened so far, to close on the way out. */
const open: { db?: Database; app?: FastifyInstance } = {};

async function main() {
  const config = loadConfig();
  const db = (open.db = await openDatabase(fromMigratedSnapshot(config.database)));
  await db.migrate();
  let demoLoaded = false;
  if (config.loadDemo && !(await hasAnyScheme(db))) {
    const { generateDemo } = await import('./demo/generate.js');
    await loadDemo(db, generateDemo({ scale: 'small', seed: 2026, today: todayInUk() }), { password: config.demoPassword });
    demoLoaded = true;
  }
  const app = (open.app = await buildApp(config, db));
  await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  printWelcome(
    `http://localhost:${config.port}`,
    db.kind,
    seconds,
    config.loadDemo && { loadedNow: demoLoaded, password: config.demoPassword },
  );
}

function printWelcome(address: string, kind: string, seconds: string, demo: false | { loadedNow: boolean; password: string }) {
  const lines = [
    `Hearth is running at ${address} (${kind === 'embedded' ? 'embedded PostgreSQL' : 'PostgreSQL server'}, ready in ${seconds} s)`,
  ];
  if (demo) {
    lines.push(
      demo.loadedNow ? 'A fictional demo scheme was loaded. Sign in as:' : 'Demo sign-ins, if this database has the demo scheme:',
      ...formatSignIns(demo.password),
    );
  }
  console.log(['', ...lines, ''].join('\n'));
}

const starting = main();

let closing = false;
/** Stops Hearth: once it has finished starting (so nothing is left half-done), requests in flight finish, then the database closes. */
async function stop(why: string) {
  if (closing) return;
  closing = true;
  console.log(`Hearth is closing (${why}): finishing requests in flight`);
  await starting.catch(() => undefined);
  await open.app?.close();
  await open.db?.close();
  console.log('Hearth has stopped; its database is closed');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

// `npm start` runs Hearth through a shell (sh -c "node dist/main.js") and passes Ctrl+C and SIGTERM to
// that shell alone, which ends without passing them on: started by npm, Hearth stops when its parent has gone.
if (process.env.npm_lifecycle_event === 'start') {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop('npm stopped');
  }, 500).unref();
}

starting.catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Hearth could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
