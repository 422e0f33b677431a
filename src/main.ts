import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { fromMigratedSnapshot } from './platform/db/snapshot.js';
import { formatSignIns } from './demo/sign-ins.js';
import { hasAnyScheme, loadDemo } from './demo/load.js';
import { todayInUk } from './platform/dates.js';

const started = performance.now();

async function main() {
  const config = loadConfig();
  const db = await openDatabase(fromMigratedSnapshot(config.database));
  await db.migrate();
  let demoLoaded = false;
  if (config.loadDemo && !(await hasAnyScheme(db))) {
    const { generateDemo } = await import('./demo/generate.js');
    await loadDemo(db, generateDemo({ scale: 'small', seed: 2026, today: todayInUk() }), { password: config.demoPassword });
    demoLoaded = true;
  }
  const app = await buildApp(config, db);
  await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  printWelcome(
    `http://localhost:${config.port}`,
    db.kind,
    seconds,
    config.loadDemo && { loadedNow: demoLoaded, password: config.demoPassword },
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests in flight');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
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

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Hearth could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
