/**
 * `npm run bench:pages`: the busiest pages, each made afresh, on a PostgreSQL server with national-scale data.
 *
 *   1. Makes (or reuses) the database `hearth_bench` on the server at BENCH_DATABASE_URL
 *      (default postgres://postgres@127.0.0.1:5432/postgres): migrations, the national demo
 *      (~150 schemes, ~10,000 carers, ~13,000 people, their arrangements and bookings), and about a
 *      million daily notes. `--fresh` starts again; `--notes N` sets how many notes.
 *   2. Starts Hearth and the reference page in their own process (bench/pages-server.ts), on 127.0.0.1.
 *   3. Signs in a scheme worker and a carer of each of the 20 largest schemes, and a worker of the
 *      largest and of a small scheme. For each page, 20 users ask for it concurrently, each again as
 *      soon as it arrives, for `--seconds` (default 30; 3 s of warm-up first); then one user alone,
 *      for a third of that.
 *   4. Prints, for each page and the reference (a bare Fastify page rendered by the same Nunjucks
 *      setup): requests a second, median and 95th percentile with 20 users and with one, the database
 *      round trips a page takes, and whether it meets the targets of issue 13: with 20 users, at least
 *      20% of the reference's throughput and p95 ≤ 100 ms; alone, a median ≤ 15 ms.
 *
 * `--only text` measures the pages whose name holds it; `--changes N` has N changes a second made
 * across the 20 schemes while pages are asked for (each an update to a person, as saving a form would be).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { todayInUk } from '../src/platform/dates.js';
import { generateDemo } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';
import { loadBulkNotes } from '../src/notes/generated.js';
import { openDatabase, rowsOf, type Database } from '../src/platform/db/database.js';
import { closeAgent, csrfOf, drive, PASSWORD, request, signIn, type Driven, type Visit } from './pages-http.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 30);
const ALONE_SECONDS = Math.max(2, SECONDS / 3);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1]!.toLowerCase() : null;
const WARM_UP_SECONDS = Math.min(3, SECONDS);
const USERS = 20;
const NOTES = option('notes', 1_000_000);
const FRESH = args.includes('--fresh');
const CHANGES = option('changes', 0);
const PORT = option('port', 3900);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'hearth_bench';
const benchUrl = (() => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

const TARGETS = { share: 0.2, p95: 100, aloneMedian: 15 };

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
  const [{ schemes }] = (await rowsOf<{ schemes: number }>(db.owner, sql`select count(*)::int as schemes from schemes`)) as [
    { schemes: number },
  ];
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
  const [{ have }] = (await rowsOf<{ have: number }>(db.owner, sql`select count(*)::int as have from daily_notes`)) as [{ have: number }];
  const added = have >= NOTES ? 0 : await loadBulkNotes(db, { total: NOTES });
  log(`Daily notes: ${(have + added).toLocaleString('en-GB')} in the database (${seconds(started)} s)`);
}

// ---- 2. Server ----

async function startServer(): Promise<ChildProcess> {
  // BENCH_CPU_PROF=dir writes the server's CPU profile there (open it in Chrome's DevTools), to see where time goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/pages-server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: benchUrl,
      HEARTH_SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123',
      HEARTH_DEMO: 'off',
      PORT: String(PORT),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The bench server stopped (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
  });
  return child;
}

const roundTrips = async () => (JSON.parse((await request(PORT + 1, '/round-trips')).body) as { roundTrips: number }).roundTrips;

// ---- 3. Who ----

interface User {
  email: string;
  schemeId: string;
  cookie: string;
  carers?: number;
  csrf?: string;
  arrangementId?: string;
}
type Who = Omit<User, 'cookie'>;

const workersOf = (db: Database, order: SQL, limit: number) =>
  rowsOf<Who & { carers: number }>(
    db.owner,
    sql`
  select w.email, w."schemeId", w.carers from (
    select distinct on (m.scheme_id) u.email, m.scheme_id as "schemeId", c.n as carers
    from memberships m join users u on u.id = m.user_id
    join (select scheme_id, count(*)::int as n from carers group by scheme_id) c on c.scheme_id = m.scheme_id
    where m.role = 'scheme_worker' and m.ended_at is null
    order by m.scheme_id, u.email) w
  order by ${order}, w.email
  limit ${limit}`,
  );

/** A carer in each scheme with a live arrangement begun by today, to write today's note about it. */
const carersIn = (db: Database, schemeIds: string[], today: string) =>
  rowsOf<Who>(
    db.owner,
    sql`
  select distinct on (a.scheme_id) u.email, a.scheme_id as "schemeId", a.id as "arrangementId"
  from arrangements a join carers c on c.id = a.carer_id join users u on u.id = c.user_id
  where a.scheme_id = any(${`{${schemeIds.join(',')}}`}::uuid[]) and a.status in ('starting', 'active') and a.starts_on <= ${today}
  order by a.scheme_id, u.email, a.id`,
  );

async function signInAll(who: Who[]): Promise<User[]> {
  const users: User[] = [];
  for (const w of who) users.push({ ...w, cookie: (await signIn(PORT, w.email)).header });
  return users;
}

/** A carer's cookie and the token of their note form: fixed for the session, so every post of the bench is accepted. */
async function withNoteForm(who: Who): Promise<User> {
  const [user] = await signInAll([who]);
  const jar = { header: user!.cookie };
  const form = await request(PORT, `/notes/new?arrangement=${who.arrangementId}`, { cookie: jar.header });
  const csrf = csrfOf(form);
  if (form.status !== 200 || !csrf) throw new Error(`No note form for ${who.email} (${form.status})`);
  return { ...user!, csrf };
}

// ---- 4. Pages ----

interface Page {
  name: string;
  users: User[];
  path: (user: User) => Promise<string | null>;
  /** A form to post: the page is then a write, and a redirect (302) is its success. */
  form?: (user: User) => Record<string, string>;
}

interface People {
  workers: User[];
  carers: User[];
  largest: User[];
  small: User[];
}

function busyPages(db: Database, people: People, today: string): Page[] {
  const first = async (query: SQL) => (await rowsOf<{ id: string }>(db.owner, query))[0]?.id ?? null;
  const mostNoted = (u: User) =>
    first(sql`select a.id from arrangements a where a.scheme_id = ${u.schemeId} and a.status <> 'ended'
    order by (select count(*) from daily_notes n where n.arrangement_id = a.id) desc, a.id limit 1`);
  const person = (u: User, status: string) =>
    first(sql`select id from people where scheme_id = ${u.schemeId} and status = ${status} order by id limit 1`);
  const at = (path: string) => () => Promise.resolve(path);
  const [year, month, day] = today.split('-');
  let written = 0;
  const { workers, carers, largest, small } = people;
  return [
    { name: 'Signed-in home', users: workers, path: at('/') },
    { name: 'Caseload (/arrangements)', users: workers, path: at('/arrangements') },
    { name: 'A person’s daily notes', users: workers, path: (u) => mostNoted(u).then((id) => id && `/arrangements/${id}/notes`) },
    { name: 'Short breaks calendar', users: workers, path: at('/calendar') },
    { name: 'What is due (the worker’s own)', users: workers, path: at('/due') },
    { name: `What is due, all, largest scheme (${largest[0]?.carers ?? '?'} carers)`, users: largest, path: at('/due?worker=all') },
    { name: `What is due, all, small scheme (${small[0]?.carers ?? '?'} carers)`, users: small, path: at('/due?worker=all') },
    { name: 'Incidents', users: workers, path: at('/incidents') },
    { name: 'A person’s record', users: workers, path: (u) => person(u, 'supported').then((id) => id && `/people/${id}`) },
    { name: 'Carers list', users: workers, path: at('/carers') },
    {
      name: 'A person’s matching shortlist',
      users: workers,
      path: (u) => person(u, 'waiting').then((id) => id && `/people/${id}/matching`),
    },
    {
      name: 'Daily note written (form post)',
      users: carers,
      path: at('/notes'),
      form: (u) => ({
        _csrf: u.csrf!,
        arrangementId: u.arrangementId!,
        'writtenOn-day': day!,
        'writtenOn-month': month!,
        'writtenOn-year': year!,
        whatHappened: `Bench note ${++written}: a walk to the park, then tea.`,
        mood: '4',
        flag: 'no',
      }),
    },
  ];
}

// ---- 5. Load ----

/** Changes while pages are asked for: `perSecond` a second, round the schemes in turn, each an update to a person by a transaction in that scheme. */
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
        const schemeId = schemeIds[i % schemeIds.length];
        await client.query('begin');
        await client.query(`select set_config('app.scheme_id', $1, true)`, [schemeId]);
        await client.query('update people set updated_at = updated_at where id = (select id from people where scheme_id = $1 limit 1)', [
          schemeId,
        ]);
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

interface Measured {
  perSecond: number;
  median: number;
  p95: number;
  roundTrips: number;
  failed: string | null;
}

async function measure(
  port: number,
  visits: Visit[],
  duration: number,
  ok: number,
  changes = () => () => Promise.resolve(0),
): Promise<Measured> {
  await drive(port, visits, WARM_UP_SECONDS);
  const stop = changes();
  const before = await roundTrips();
  const result: Driven = await drive(port, visits, duration);
  const trips = (await roundTrips()) - before;
  await stop();
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const wrong = [...result.statuses].filter(([status]) => status !== ok);
  return {
    perSecond: result.latencies.length / result.seconds,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    roundTrips: trips / result.latencies.length,
    failed: wrong.length ? `answered ${wrong.map(([s, n]) => `${s} ×${n}`).join(', ')}` : null,
  };
}

// ---- Main ----

const fmt = (n: number) => n.toFixed(1);
const HEADER = ['Page', '20 users: req/s', 'median ms', 'p95 ms', 'of reference', 'Alone: median ms', 'p95 ms', 'Round trips', 'Targets'];

function table(rows: string[][]) {
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log('');
  log(line(HEADER));
  for (const r of rows) log(line(r));
  log('');
  log(
    `Targets (issue 13): with ${USERS} users, at least ${TARGETS.share * 100}% of the reference's requests a second and p95 ≤ ${TARGETS.p95} ms; one user alone, median ≤ ${TARGETS.aloneMedian} ms.`,
  );
  log('Round trips: statements Hearth sent to PostgreSQL per request, counted at node-postgres Client#query in the server');
  log('(one call is one round trip; several statements sent as one string count once); with one user, over every request measured.');
}

async function main() {
  log(
    `bench:pages on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; every page made afresh; ${USERS} users, ${SECONDS} s a page, then one user for ${fmt(ALONE_SECONDS)} s`,
  );
  if (CHANGES) log(`With ${CHANGES} changes a second across the workers' schemes.`);
  const setup = performance.now();
  const db = await prepareDatabase();
  log(`Data ready in ${seconds(setup)} s`);
  const server = await startServer();
  try {
    const today = todayInUk();
    const workerRows = await workersOf(db, sql`w.carers desc`, USERS);
    const [smallest] = await workersOf(db, sql`w.carers asc`, 1);
    const workers = await signInAll(workerRows);
    const people: People = {
      workers,
      carers: await Promise.all(
        (
          await carersIn(
            db,
            workerRows.map((w) => w.schemeId),
            today,
          )
        ).map(withNoteForm),
      ),
      largest: Array.from({ length: USERS }, () => ({ ...workers[0]!, carers: workerRows[0]!.carers })),
      small: await signInAll([smallest!]).then(([u]) => Array.from({ length: USERS }, () => ({ ...u!, carers: smallest!.carers }))),
    };
    log(
      `Signed in ${workers.length} scheme workers and ${people.carers.length} carers of the largest schemes, and a worker of a small scheme`,
    );

    const rows: string[][] = [];
    // While profiling, the reference runs for a second only, so the profile is mostly Hearth's pages.
    const referenceSeconds = process.env.BENCH_CPU_PROF ? 1 : SECONDS;
    const reference = await measure(
      PORT + 1,
      workers.map(() => ({ path: '/reference', cookie: '' })),
      referenceSeconds,
      200,
    );
    const referenceAlone = await measure(PORT + 1, [{ path: '/reference', cookie: '' }], Math.min(ALONE_SECONDS, referenceSeconds), 200);
    rows.push([
      'Reference: bare Fastify + Nunjucks',
      fmt(reference.perSecond),
      fmt(reference.median),
      fmt(reference.p95),
      '100%',
      fmt(referenceAlone.median),
      fmt(referenceAlone.p95),
      '0',
      '',
    ]);
    const schemeIds = [...new Set(workers.map((w) => w.schemeId))];
    let allMet = true;
    for (const page of busyPages(db, people, today).filter((p) => !ONLY || p.name.toLowerCase().includes(ONLY))) {
      const paths = await Promise.all(page.users.map((u) => page.path(u)));
      if (!paths.length || paths.some((p) => p === null)) {
        rows.push([page.name, '-', '-', '-', '-', '-', '-', '-', 'no data for it']);
        continue;
      }
      const visits: Visit[] = page.users.map((u, i) => ({
        path: paths[i]!,
        cookie: u.cookie,
        ...(page.form ? { form: () => page.form!(u) } : {}),
      }));
      const ok = page.form ? 302 : 200;
      const busy = await measure(PORT, visits, SECONDS, ok, () => changing(schemeIds, CHANGES));
      const alone = await measure(PORT, visits.slice(0, 1), ALONE_SECONDS, ok);
      const failed = busy.failed ?? alone.failed;
      const share = busy.perSecond / reference.perSecond;
      const met = !failed && share >= TARGETS.share && busy.p95 <= TARGETS.p95 && alone.median <= TARGETS.aloneMedian;
      allMet &&= met;
      rows.push([
        page.name,
        fmt(busy.perSecond),
        fmt(busy.median),
        fmt(busy.p95),
        `${(share * 100).toFixed(0)}%`,
        fmt(alone.median),
        fmt(alone.p95),
        fmt(alone.roundTrips),
        failed ?? (met ? 'met' : 'not met'),
      ]);
    }
    table(rows);
    log(
      rows.length === 1
        ? 'No page was measured (see --only).'
        : allMet
          ? 'Every page met its targets.'
          : 'Some pages did not meet their targets (see above).',
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    closeAgent();
    await db.close();
  }
}

await main();
