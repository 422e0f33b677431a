import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { todayInUk } from '../platform/dates.js';
import { generateDemo } from './generate.js';
import { loadDemo } from './load.js';
import { formatSignIns } from './sign-ins.js';

const USAGE = 'Usage: npm run demo -- --scale small|national [--seed 2026]';

const argsSchema = z.object({
  scale: z.enum(['small', 'national'], { error: '--scale must be small or national' }).default('small'),
  seed: z.coerce.number({ error: '--seed must be a whole number' }).int('--seed must be a whole number').default(2026),
});

function readArgs() {
  try {
    const { values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string' } }, strict: true });
    const parsed = argsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    fail(`${parsed.error.issues[0]!.message}. ${USAGE}`);
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = readArgs();
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

const started = performance.now();
const db = await openDatabase(config.database);
try {
  await db.migrate();
  const data = generateDemo({ ...args, today: todayInUk() });
  const added = await loadDemo(db, data, { password: config.demoPassword });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Demo (${args.scale}, seed ${args.seed}) loaded in ${seconds} s into ${db.kind === 'embedded' ? 'embedded PostgreSQL' : 'the PostgreSQL server'}.`,
  );
  console.log(
    `Added ${added.schemes} of ${data.schemes.length} schemes, ${added.users} of ${data.users.length} users, ${added.memberships} of ${data.memberships.length} memberships, ${added.people} of ${data.people.people.length} people's records, ${added.carers} of ${data.carers.carers.length} carers' records, ${added.arrangements} of ${data.arrangements.arrangements.length} arrangements with ${added.notes} daily notes and ${added.incidents} incidents (rows already there are kept).`,
  );
  console.log(['Sign in as:', ...formatSignIns(config.demoPassword)].join('\n'));
} catch (error) {
  console.error(`The demo could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
