/**
 * `npm run bench:postcodes`: loading a national postcode file of 1.7 million rows (the UK's live
 * postcodes), in both layouts, on the PostgreSQL server and on the embedded database.
 *
 *   1. Writes two files of made-up postcodes to a temporary folder: the ONS Postcode Directory's
 *      layout (its header and some fifty columns a row, about a gigabyte) and OS Code-Point Open's.
 *   2. On the PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432; the
 *      database hearth_bench_postcodes is made afresh and dropped after) and on PGlite (a new data
 *      folder): loads the ONS file into the empty table, then the Code-Point file over it (every
 *      postcode moves a little: a reload that rewrites every row). Each load runs in a process of
 *      its own, so its memory is its own.
 *   3. Prints rows a second, seconds and the peak memory (RSS) the load added to the process, against
 *      the target of issue 14 on the PostgreSQL server: ≤ 60 s and ≤ 300 MB extra.
 *
 * `-- --rows 200000` for a quicker run; `--only server` or `--only embedded`.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { openPostcodeFile } from '../src/postcodes/files.js';
import { loadPostcodeFile } from '../src/postcodes/load.js';
import { codePointLine, madeUpPostcode, ONS_HEADER, onsLine } from '../src/postcodes/testing.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const ROWS = Number(option('rows') ?? 1_700_000);
const ONLY = option('only');
const SERVER = option('server') ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'hearth_bench_postcodes';
const TARGET = { seconds: 60, extraMb: 300 };
const MB = 1024 * 1024;

interface Measured {
  seconds: number;
  rows: number;
  loaded: number;
  skipped: number;
  extraMb: number;
  cpuSeconds: number;
}

/** A made-up place in Great Britain for the i-th postcode, as latitude and longitude and as a grid reference. */
const place = (i: number) => {
  const [x, y] = [(i * 7919) % 10_007, (i * 104_729) % 10_009];
  return { latitude: 50.5 + (4.5 * y) / 10_009, longitude: -4 + (5 * x) / 10_007, eastings: 200_000 + 40 * x, northings: 100_000 + 70 * y };
};

async function writeLines(file: string, lines: (i: number) => string, header?: string) {
  const out = createWriteStream(file, { highWaterMark: 4 * MB });
  if (header && !out.write(`${header}\n`)) await once(out, 'drain');
  for (let i = 0; i < ROWS; i++) if (!out.write(`${lines(i)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** In a process of its own: opens the database, loads one file, and reports what it took. */
async function child(target: string, file: string) {
  const db: Database = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
  await db.migrate();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await loadPostcodeFile(db.owner, openPostcodeFile(file));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const used = process.cpuUsage(cpu);
  await db.close();
  const measured: Measured = {
    seconds,
    rows: result.rows,
    loaded: result.loaded,
    skipped: result.skipped,
    extraMb: (peak - baseline) / MB,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
  console.log(JSON.stringify(measured));
}

async function measure(target: string, file: string): Promise<Measured> {
  const script = fileURLToPath(import.meta.url);
  const run = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, '--child', target, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(run, 'exit')) as [number];
  if (code !== 0) throw new Error(`the load of ${file} into ${target} failed (exit ${code})`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measured;
}

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: `${SERVER.replace(/\/$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const line = (label: string, m: Measured, target?: typeof TARGET) => {
  const verdict = target ? (m.seconds <= target.seconds && m.extraMb <= target.extraMb ? '  meets the target' : '  MISSES the target') : '';
  return `${label.padEnd(44)} ${Math.round(m.rows / m.seconds)
    .toLocaleString('en-GB')
    .padStart(9)} rows/s ${m.seconds.toFixed(1).padStart(7)} s ${m.extraMb.toFixed(0).padStart(6)} MB extra ${m.cpuSeconds
    .toFixed(1)
    .padStart(6)} CPU s${verdict}`;
};

async function main() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-postcodes-'));
  const ons = path.join(folder, 'ONSPD.csv');
  const codePoint = path.join(folder, 'codepo_gb.csv');
  try {
    console.log(`Writing ${ROWS.toLocaleString('en-GB')} made-up postcodes in each layout to ${folder} …`);
    await writeLines(
      ons,
      (i) => onsLine({ postcode: madeUpPostcode(i), latitude: place(i).latitude.toFixed(6), longitude: place(i).longitude.toFixed(6) }),
      ONS_HEADER,
    );
    await writeLines(codePoint, (i) =>
      codePointLine({ postcode: madeUpPostcode(i), eastings: place(i).eastings, northings: place(i).northings }),
    );
    console.log(
      `ONS layout ${(statSync(ons).size / MB).toFixed(0)} MB; Code-Point layout ${(statSync(codePoint).size / MB).toFixed(0)} MB.`,
    );
    console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the start.\n`);
    const results: string[] = [];
    if (ONLY !== 'embedded') {
      await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${DATABASE}`);
      try {
        const url = `${SERVER.replace(/\/$/, '')}/${DATABASE}`;
        results.push(line('PostgreSQL server, ONS layout, empty table', await measure(url, ons), TARGET));
        results.push(line('PostgreSQL server, Code-Point over it', await measure(url, codePoint), TARGET));
      } finally {
        await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      }
      console.log(results.join('\n'));
    }
    if (ONLY !== 'server') {
      const dataDir = path.join(folder, 'pglite');
      results.push(line('PGlite, ONS layout, empty table', await measure(dataDir, ons)));
      console.log(results.at(-1));
      results.push(line('PGlite, Code-Point over it', await measure(dataDir, codePoint)));
      console.log(results.at(-1));
    }
    console.log(
      `\nTarget on the PostgreSQL server: ≤ ${TARGET.seconds} s and ≤ ${TARGET.extraMb} MB extra memory for ${ROWS.toLocaleString('en-GB')} rows.`,
    );
    console.log(`Load average ${os.loadavg()[0]!.toFixed(1)} at the end.`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (args[0] === '--child') await child(args[1]!, args[2]!);
else await main();
