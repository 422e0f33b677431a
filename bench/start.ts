/**
 * `npm run bench:start`: how long Hearth takes from the start command to its first answered page.
 *
 *   1. Builds the compiled app (`npm run build`), so that no start below waits for a build.
 *   2. `--runs` times (default 3): runs `npm start` (its up-to-date check, then the compiled app) on a
 *      new, empty data folder and times it until `/health` answers 200 (first start: database,
 *      migrations, demo), stops it, then starts it again on the same folder and times that (restart).
 *   3. Prints each time, the medians, and whether they meet the targets of issue 13 on a quiet
 *      2-core machine: first start ≤ 10 s, restart ≤ 2 s.
 *
 * `--command "npx tsx src/main.ts"` times another start command instead (for a before and after).
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const RUNS = Number(option('runs') ?? 3);
const COMMAND = option('command') ?? 'npm start --silent';
const TARGETS = { first: 10, restart: 2 };
const GIVE_UP_MS = 5 * 60_000;

/**
 * Processor seconds used so far by a process group and its finished children (Linux's /proc): on a
 * shared machine, what a start costs whatever else is running; on a quiet one, close to its time.
 */
function cpuSeconds(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}

/** Seconds and processor seconds from spawning the command until `/health` answers 200; the command is stopped after. */
async function timeToFirstPage(dataDir: string, port: number): Promise<{ seconds: number; cpu: number }> {
  const started = performance.now();
  const child = spawn(COMMAND, {
    shell: true,
    detached: true,
    env: { ...process.env, HEARTH_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (child.exitCode !== null) throw new Error(`the start command exited ${child.exitCode}:\n${errors}`);
      if (await answers(`http://127.0.0.1:${port}/health`))
        return { seconds: (performance.now() - started) / 1000, cpu: cpuSeconds(child.pid!) };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no answer within ${GIVE_UP_MS / 1000} s:\n${errors}`);
  } finally {
    await stop(child.pid!);
  }
}

/** Stops the command and everything it started (npx, a shell): their process group, and waits until all are gone. */
async function stop(group: number) {
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-group, name);
      return true;
    } catch {
      return false;
    }
  };
  signal('SIGTERM');
  while (signal(0)) await new Promise((resolve) => setTimeout(resolve, 25));
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** A port nothing listens on now: one the system chose for a moment. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!option('command')) execSync('npm run build --silent', { stdio: 'inherit' });
console.log(
  `Timing \`${COMMAND}\` to its first answered page, ${RUNS} times each (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}).`,
);
const times = { first: [] as number[], restart: [] as number[] };
const cpu = { first: [] as number[], restart: [] as number[] };
const measure = async (kind: 'first' | 'restart', dataDir: string, port: number) => {
  const { seconds, cpu: used } = await timeToFirstPage(dataDir, port);
  times[kind].push(seconds);
  cpu[kind].push(used);
  return `${kind === 'first' ? 'first start' : 'restart'} ${times[kind].at(-1)!.toFixed(2)} s (processor ${cpu[kind].at(-1)!.toFixed(2)} s)`;
};
for (let run = 1; run <= RUNS; run++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-start-'));
  const port = await freePort();
  try {
    console.log(`  run ${run}: ${await measure('first', dataDir, port)}, ${await measure('restart', dataDir, port)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
for (const kind of ['first', 'restart'] as const) {
  const value = median(times[kind]);
  const label = kind === 'first' ? 'First start (new data folder)' : 'Restart (same data folder)   ';
  console.log(
    `${label}: median ${value.toFixed(2)} s (processor ${median(cpu[kind]).toFixed(2)} s), target ≤ ${TARGETS[kind]} s: ${value <= TARGETS[kind] ? 'met' : 'not met'}`,
  );
}
console.log(
  `Load average now ${os.loadavg()[0]!.toFixed(1)}: on a busy machine the times are longer than on a quiet one; the processor seconds are not.`,
);
