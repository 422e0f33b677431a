import { exec, execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerUrl } from './platform/testing/server.js';

/**
 * Limits that only catch a hang: a start takes seconds on a quiet machine and a minute on a busy one,
 * and building (when the compiled app is missing or older than the source) a few minutes more.
 */
const MINUTE = 60_000;
const START_LIMIT = 5 * MINUTE;
const TEST_LIMIT = START_LIMIT + 2 * MINUTE;

/**
 * The compiled app `npm start` runs (after the same build) as a person runs it: a real process, a real port, real HTTP.
 * Through npm itself, it runs in a process group of its own, as in a terminal (npm, its shell, then Hearth).
 */
function start(dataDir: string, port: number, how: 'node' | 'npm start' = 'node') {
  const [command, args] = how === 'node' ? [process.execPath, ['dist/main.js']] : ['npm', ['start']];
  const child = spawn(command, args, {
    env: { ...process.env, HEARTH_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: how === 'npm start',
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${START_LIMIT / MINUTE} minutes:\n${output}`)), START_LIMIT);
    child.stdout.on('data', () => {
      if (output.includes('Password for every demo sign-in')) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, ready, exited, output: () => output };
}

/** The processes still in a process group. */
async function processesIn(group: number): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,pgid=,args=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid]) => Number(pgid) === group)
    .map((fields) => fields.join(' '));
}

/** Waits until nothing is left of a process group, or a minute has passed; says what is left. */
async function leftAfterStopping(group: number) {
  for (let waited = 0; waited < MINUTE; waited += 250) {
    if ((await processesIn(group)).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return processesIn(group);
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const cookiesOf = (response: Response, jar: Map<string, string>) => {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, value] = pair!.split('=');
    jar.set(name!, value!);
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
};

describe.skipIf(Boolean(testServerUrl()))('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-start-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  let running: ChildProcess | undefined;
  beforeAll(() => promisify(exec)('npm run build --silent'), 10 * MINUTE);
  afterAll(async () => {
    if (!running?.pid) return;
    for (const line of await processesIn(running.spawnargs[0] === 'npm' ? running.pid : -1))
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    running.kill('SIGKILL');
  });

  it(
    'starts on the embedded database with the demo, signs in, and stops cleanly on SIGTERM',
    async () => {
      const first = start(dataDir, port);
      running = first.child;
      const printed = await first.ready;
      expect(printed).toContain(`Hearth is running at http://localhost:${port}`);
      expect(printed).toContain('A fictional demo scheme was loaded');
      expect(printed).toContain('manager@demo.hearth.example');

      const jar = new Map<string, string>();
      const signInPage = await fetch(`${base}/sign-in`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await signInPage.text())![1]!;
      const signedIn = await fetch(`${base}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(signInPage, jar) },
        body: new URLSearchParams({ _csrf: csrf, email: 'manager@demo.hearth.example', password: 'hearth-demo-2026' }),
      });
      expect(signedIn.status).toBe(302);
      const home = await fetch(`${base}/`, { headers: { cookie: cookiesOf(signedIn, jar) } });
      expect(await home.text()).toContain('Northbrook');

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('closing');
    },
    TEST_LIMIT,
  );

  it(
    'keeps its data on a second start through npm start, and SIGTERM to npm stops Hearth with nothing left running',
    async () => {
      const second = start(dataDir, port, 'npm start');
      running = second.child;
      const printed = await second.ready;
      expect(printed).not.toContain('A fictional demo scheme was loaded');
      expect((await fetch(`${base}/health`)).status).toBe(200);

      process.kill(second.child.pid!, 'SIGTERM');
      await second.exited;
      expect(await leftAfterStopping(second.child.pid!)).toEqual([]);
      expect(await listening(port)).toBe(false);
      expect(second.output()).toContain('Hearth has stopped; its database is closed');
    },
    TEST_LIMIT,
  );

  it(
    'stops on Ctrl+C (SIGINT to npm start’s process group), with nothing left running',
    async () => {
      const third = start(dataDir, port, 'npm start');
      running = third.child;
      await third.ready;
      process.kill(-third.child.pid!, 'SIGINT');
      await third.exited;
      expect(await leftAfterStopping(third.child.pid!)).toEqual([]);
      expect(await listening(port)).toBe(false);
      expect(third.output()).toContain('Hearth has stopped; its database is closed');
    },
    TEST_LIMIT,
  );
});
