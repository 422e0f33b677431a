/**
 * The server side of `npm run bench:pages`, started by bench/pages.ts in its own process so the load
 * it measures does not share an event loop with the load it makes. Two servers:
 * - Hearth itself on PORT, on the PostgreSQL server at DATABASE_URL (sign-in attempts unlimited, so
 *   twenty users can sign in from one address);
 * - the reference on PORT + 1: a bare Fastify page rendered by the same Nunjucks setup and layout,
 *   with no database, sessions or security hooks, to say what the framework and templates cost alone.
 *   It also answers /round-trips: how many statements Hearth has sent to PostgreSQL so far, counted
 *   as calls to node-postgres' Client#query (every connection of both pools). Each call is one round
 *   trip: a string of several statements (`begin; …; select …`) goes as one message and counts once.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import nunjucks from 'nunjucks';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { navigationFor } from '../src/platform/layout/navigation.js';
import { createViews } from '../src/platform/layout/views.js';
import { STANDARD_READING } from '../src/platform/easy-read/reading.js';

// The bench only: a count around the driver's own method, so Hearth's code is measured as it is.
let roundTrips = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  return clientQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

const config = loadConfig();
const port = Number(process.env.PORT ?? 3900);
const db = await openDatabase(config.database);
const app = await buildApp({ ...config, logLevel: 'warn', secureCookies: false }, db);
await app.listen({ port, host: '127.0.0.1' });

const views = createViews();
// Compiled once, like Hearth's own templates (the environment caches those); it extends Hearth's layout.
const template = new nunjucks.Template(
  readFileSync(new URL('./views/bench-reference.njk', import.meta.url), 'utf8'),
  views,
  'bench-reference.njk',
  true,
);
const reference = Fastify({ logger: false });
const user = {
  id: 'reference',
  name: 'Reference Worker',
  email: 'reference@bench.hearth.example',
  role: 'scheme_worker',
  schemeId: 'reference',
  schemeName: 'Reference scheme',
};
const rows = Array.from({ length: 50 }, (_, i) => ({ name: `Person ${i + 1}`, carer: `Carer ${i + 1}`, since: '2026-01-05' }));
reference.get('/reference', async (request, reply) => {
  const html = template.render({
    title: 'Reference',
    rows,
    user,
    reading: STANDARD_READING,
    currentPath: '/reference',
    navigation: navigationFor('scheme_worker', '/reference'),
    csrfToken: 'reference-token',
    cspNonce: 'reference-nonce',
  });
  return reply.type('text/html; charset=utf-8').send(html);
});
reference.get('/round-trips', () => Promise.resolve({ roundTrips }));
await reference.listen({ port: port + 1, host: '127.0.0.1' });
console.log(`ready ${port} ${port + 1}`);

const stop = async () => {
  await Promise.all([app.close(), reference.close()]);
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
