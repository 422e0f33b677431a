/**
 * `npm run bench:pages`: the busiest pages under load, on a PostgreSQL server with national-scale data.
 *
 *   1. Makes (or reuses) the database `hearth_bench` on the server at BENCH_DATABASE_URL
 *      (default postgres://postgres@127.0.0.1:5432/postgres): migrations, the national demo
 *      (~150 schemes, ~10,000 carers, ~13,000 people, their arrangements and bookings), and about a
 *      million daily notes. `--fresh` starts again; `--notes N` sets how many notes.
 *   2. Starts Hearth and the reference page in their own process (bench/pages-server.ts).
 *   3. Signs in 20 scheme workers of the largest schemes, then for each page runs the 20 of them
 *      concurrently, each asking for it again as soon as it arrives, for `--seconds` (default 30).
 *   4. Prints requests per second, median and 95th-percentile times for each page and for the
 *      reference (a bare Fastify page rendered by the same Nunjucks setup), and whether each busy page
 *      meets the targets of issue 5: p95 ≤ 30 ms, and at least a third of the reference's throughput.
 *
 * Busy pages are kept and shown again while nothing on them has changed (src/platform/http/page-cache.ts);
 * the "Kept" column says how many answers were. `--no-cache` makes every page afresh, as a first visit
 * is; `--changes N` has N changes a second made across the twenty workers' schemes while pages are
 * asked for (each one a write by someone in the scheme, which a kept page of that scheme must not outlive).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { generateDemo } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';
import { loadBulkNotes } from '../src/notes/generated.js';
import { openDatabase, rowsOf, type Database } from '../src/platform/db/database.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 30);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1]!.toLowerCase() : null;
const WARM_UP_SECONDS = Math.min(3, SECONDS);
const USERS = 20;
const NOTES = option('notes', 1_000_000);
const FRESH = args.includes('--fresh');
const NO_CACHE = args.includes('--no-cache');
const CHANGES = option('changes', 0);
const PORT = option('port', 3900);
const PASSWORD = 'hearth-demo-2026';
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'hearth_bench';
const benchUrl = (() => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

const P95_TARGET_MS = 30;
const THROUGHPUT_SHARE = 1 / 3;

const log = (line: string) => console.log(line);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

// ---- 1. Data ----

async function prepareDatabase(): Promise<Database> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [DATABASE])).rowCount! > 0;
  if (exists && FRESH) await admin.query(`drop database ${DATABASE} with (force)`);
  if (!exists || FRESH) await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const db = await openDatabase({ url: benchUrl });
  await db.migrate();
  const [{ schemes }] = await rowsOf<{ schemes: number }>(db.owner, sql`select count(*)::int as schemes from schemes`) as [{ schemes: number }];
  if (schemes < 100) {
    const started = performance.now();
    await loadDemo(db, generateDemo({ scale: 'national', seed: 2026 }), { password: PASSWORD });
    log(`Loaded the national demo in ${seconds(started)} s`);
  }
  await addNotes(db);
  await db.owner.execute(sql`analyze`);
  return db;
}

/** Daily notes up to NOTES: made inside the database (src/notes/generated.ts), so a million take seconds, not minutes. */
async function addNotes(db: Database) {
  const started = performance.now();
  const [{ have }] = await rowsOf<{ have: number }>(db.owner, sql`select count(*)::int as have from daily_notes`) as [{ have: number }];
  const added = have >= NOTES ? 0 : await loadBulkNotes(db, { total: NOTES });
  log(`Daily notes: ${(have + added).toLocaleString('en-GB')} in the database (${seconds(started)} s)`);
}

// ---- 2. Server ----

async function startServer(): Promise<ChildProcess> {
  // BENCH_CPU_PROF=dir writes the server's CPU profile there (open it in Chrome's DevTools), to see where time goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/pages-server.ts'], {
    env: {
      ...process.env, DATABASE_URL: benchUrl, HEARTH_SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123', HEARTH_DEMO: 'off', PORT: String(PORT),
      HEARTH_PAGE_CACHE: NO_CACHE ? 'off' : 'on',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The bench server stopped (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); });
  });
  return child;
}

// ---- HTTP, kept alive ----

const agent = new http.Agent({ keepAlive: true, maxSockets: USERS * 2 });

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

function request(port: number, path: string, options: { method?: string; cookie?: string; form?: Record<string, string>; body?: boolean } = {}): Promise<Answer> {
  const payload = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path, method: options.method ?? 'GET', agent,
      headers: {
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => { if (options.body !== false) chunks.push(c); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const cookiesOf = (answer: Answer, jar: Map<string, string>) => {
  for (const line of answer.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const [name, ...value] = pair!.split('=');
    jar.set(name!.trim(), value.join('='));
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
};

async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await request(PORT, '/sign-in');
  let cookie = cookiesOf(form, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (!csrf) throw new Error('No CSRF token on /sign-in');
  const signedIn = await request(PORT, '/sign-in', { method: 'POST', cookie, form: { _csrf: csrf, email, password: PASSWORD } });
  if (signedIn.status !== 302) throw new Error(`Sign-in as ${email} answered ${signedIn.status}`);
  cookie = cookiesOf(signedIn, jar);
  return cookie;
}

// ---- 3. Who, and which pages ----

interface Worker { email: string; schemeId: string; cookie: string }

async function workersOfLargestSchemes(db: Database): Promise<Omit<Worker, 'cookie'>[]> {
  return rowsOf<Omit<Worker, 'cookie'>>(db.owner, sql`
    select w.email, w."schemeId" from (
      select distinct on (m.scheme_id) u.email, m.scheme_id as "schemeId", p.n
      from memberships m join users u on u.id = m.user_id
      join (select scheme_id, count(*) as n from people group by scheme_id) p on p.scheme_id = m.scheme_id
      where m.role = 'scheme_worker' and m.ended_at is null
      order by m.scheme_id, u.email) w
    order by w.n desc, w.email
    limit ${USERS}`);
}

interface Page { name: string; path: (worker: Worker) => Promise<string | null> }

/** The busy pages of issue 5. A page whose capability is not built yet answers 404 and is reported as such. */
function busyPages(db: Database): Page[] {
  const mostNoted = async (worker: Worker) => {
    const rows = await rowsOf<{ id: string }>(db.owner, sql`
      select a.id from arrangements a where a.scheme_id = ${worker.schemeId} and a.status <> 'ended'
      order by (select count(*) from daily_notes n where n.arrangement_id = a.id) desc, a.id limit 1`).catch(() => []);
    return rows[0] ? `/arrangements/${rows[0].id}/notes` : null;
  };
  return [
    { name: 'Signed-in home (fixed cost)', path: async () => '/' },
    { name: 'Caseload (/arrangements)', path: async () => '/arrangements' },
    { name: 'A person’s daily notes', path: mostNoted },
    { name: 'Short breaks calendar', path: async () => '/calendar' },
    { name: 'What is due', path: async () => '/due' },
    { name: 'Incidents', path: async () => '/incidents' },
  ];
}

// ---- 4. Load ----

interface Result { requests: number; errors: number; kept: number; statuses: Set<number>; latencies: number[]; seconds: number }

async function drive(port: number, paths: string[], cookies: string[], duration: number): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  let kept = 0;
  const statuses = new Set<number>();
  const end = performance.now() + duration * 1000;
  const started = performance.now();
  await Promise.all(paths.map(async (path, i) => {
    while (performance.now() < end) {
      const t = performance.now();
      const answer = await request(port, path, { cookie: cookies[i], body: false });
      latencies.push(performance.now() - t);
      statuses.add(answer.status);
      if (answer.status !== 200) errors++;
      if (answer.headers['x-hearth-page'] === 'kept') kept++;
    }
  }));
  return { requests: latencies.length, errors, kept, statuses, latencies, seconds: (performance.now() - started) / 1000 };
}

/**
 * Changes while pages are asked for: `perSecond` a second, round the schemes in turn, each one an
 * update to a person of that scheme by a transaction in that scheme, as saving a form would be.
 */
function changing(schemeIds: string[], perSecond: number): () => Promise<number> {
  let stopped = false;
  let made = 0;
  const running = (async () => {
    if (perSecond <= 0) return;
    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    try {
      for (let i = 0; !stopped; i++) {
        const next = performance.now() + 1000 / perSecond;
        await client.query('begin');
        await client.query(`select set_config('app.scheme_id', $1, true)`, [schemeIds[i % schemeIds.length]]);
        await client.query('update people set updated_at = updated_at where id = (select id from people where scheme_id = $1 limit 1)', [schemeIds[i % schemeIds.length]]);
        await client.query('commit');
        made++;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      }
    } finally {
      await client.end();
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return made;
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(port: number, paths: string[], cookies: string[], changes?: () => () => Promise<number>) {
  await drive(port, paths, cookies, WARM_UP_SECONDS);
  const stop = changes?.();
  const result = await drive(port, paths, cookies, SECONDS);
  await stop?.();
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return { ...result, perSecond: result.requests / result.seconds, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

// ---- Main ----

async function main() {
  log(`bench:pages on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; ${USERS} users, ${SECONDS} s a page`);
  log(NO_CACHE ? 'Page cache off: every page made afresh.' : `Page cache on${CHANGES ? `, with ${CHANGES} changes a second across the workers' schemes` : ', with nothing changing'}.`);
  const setup = performance.now();
  const db = await prepareDatabase();
  log(`Data ready in ${seconds(setup)} s`);
  const server = await startServer();
  try {
    const workers: Worker[] = [];
    for (const w of await workersOfLargestSchemes(db)) workers.push({ ...w, cookie: await signIn(w.email) });
    log(`Signed in ${workers.length} scheme workers of the largest schemes`);
    const rows: string[][] = [];
    const reference = await measure(PORT + 1, workers.map(() => '/reference'), workers.map(() => ''));
    const fmt = (n: number) => n.toFixed(1);
    rows.push(['Reference: bare Fastify + Nunjucks', fmt(reference.perSecond), fmt(reference.median), fmt(reference.p95), '', '', '']);
    const schemeIds = [...new Set(workers.map((w) => w.schemeId))];
    let allMet = true;
    for (const page of busyPages(db).filter((p) => !ONLY || p.name.toLowerCase().includes(ONLY))) {
      const paths = await Promise.all(workers.map((w) => page.path(w)));
      if (paths.some((p) => p === null)) {
        rows.push([page.name, '-', '-', '-', '-', 'no data for it yet', '']);
        continue;
      }
      const result = await measure(PORT, paths as string[], workers.map((w) => w.cookie), () => changing(schemeIds, CHANGES));
      if (result.errors) {
        rows.push([page.name, '-', '-', '-', '-', `answered ${[...result.statuses].join(', ')}`, 'not built or failing']);
        allMet = false;
        continue;
      }
      const share = result.perSecond / reference.perSecond;
      const met = result.p95 <= P95_TARGET_MS && share >= THROUGHPUT_SHARE;
      allMet &&= met;
      rows.push([page.name, fmt(result.perSecond), fmt(result.median), fmt(result.p95), `${((result.kept / result.requests) * 100).toFixed(0)}%`, `${(share * 100).toFixed(0)}% of reference`, met ? 'met' : 'NOT met']);
    }
    const header = ['Page', 'Requests/s', 'Median ms', 'p95 ms', 'Kept', 'Throughput', `Target (p95 ≤ ${P95_TARGET_MS} ms, ≥ 33%)`];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    log('');
    log(line(header));
    for (const r of rows) log(line(r));
    log('');
    const measured = rows.length > 1;
    log(!measured ? 'No busy page was measured (see --only).' : allMet ? 'Every busy page met its targets.' : 'Some busy pages did not meet their targets (see above).');
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    agent.destroy();
    await db.close();
  }
}

await main();
