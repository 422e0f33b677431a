import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LIST = 'drizzle/checksums.txt';

interface JournalEntry {
  tag: string;
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A checkout may turn line endings into \r\n; git keeps \n. */
const asInGit = (text: string) => text.replace(/\r\n/g, '\n');
const journalEntries = (json: string) => (JSON.parse(json) as { entries: JournalEntry[] }).entries;

/**
 * What a migration is, by name: each .sql file, and each entry of drizzle's journal (its `when`
 * decides whether the migrator runs it). drizzle-kit's snapshots are left out: no database reads them.
 */
function migrations(read: (file: string) => string | null, sqlFiles: string[]): Map<string, string> {
  const found = new Map(sqlFiles.map((file) => [file, read(file) ?? '']));
  for (const entry of journalEntries(read('drizzle/meta/_journal.json') ?? '{"entries":[]}')) {
    found.set(`drizzle/meta/_journal.json#${entry.tag}`, JSON.stringify(entry));
  }
  return found;
}

const current = () =>
  migrations(
    (file) => asInGit(readFileSync(path.join(root, file), 'utf8')),
    readdirSync(path.join(root, 'drizzle'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => `drizzle/${f}`),
  );

const listed = () =>
  new Map(
    readFileSync(path.join(root, LIST), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(/\s+/) as [string, string])
      .map(([sum, name]) => [name, sum]),
  );

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

/** The newest commit of main that this checkout contains, or null without git or main. */
function mainHere(): string | null {
  for (const ref of ['main', 'origin/main']) {
    const base = git('merge-base', 'HEAD', ref)?.trim();
    if (base) return base;
  }
  return null;
}

/** Each path added to drizzle/ on main's own line of commits since `since`, with the commit that added it. */
function addedOnMain(main: string, since: string | null): Map<string, string> {
  const log =
    git(
      'log',
      '--first-parent',
      '--diff-filter=A',
      '--name-only',
      '--format=commit %H',
      since ? `${since}..${main}` : main,
      '--',
      'drizzle/',
    ) ?? '';
  const added = new Map<string, string>();
  let commit = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('commit ')) commit = line.slice(7);
    else if (line) added.set(line, commit);
  }
  return added;
}

const addNewOne =
  'Migrations are history: put it back as it was and add a new migration for the change ' +
  '(`npm run db:generate`, or `npx drizzle-kit generate --custom --name <what>` for hand-written SQL).';
const putBack = (commit: string, name: string) =>
  name.includes('#')
    ? `(its entry as in \`git show ${commit.slice(0, 10)}:${name.split('#')[0]}\`)`
    : `(\`git checkout ${commit.slice(0, 10)} -- ${name}\` puts it back)`;

describe('migrations never change once landed', () => {
  it('match the checksums of those that had landed when the rule began', () => {
    const now = current();
    for (const [name, sum] of listed()) {
      expect(now.has(name), `${name} is gone. ${addNewOne}`).toBe(true);
      expect(sha256(now.get(name)!), `${name} has changed. ${addNewOne}`).toBe(sum);
    }
  });

  const main = mainHere();
  it.skipIf(!main)('are as they were in the commit of main that added them, and the checksum list too', () => {
    const adders = addedOnMain(main!, null);
    const listAdded = adders.get(LIST);
    if (!listAdded) return; // The rule has not landed on main yet.
    expect(
      asInGit(readFileSync(path.join(root, LIST), 'utf8')),
      `${LIST} has changed ${putBack(listAdded, LIST)}: it lists the migrations that had landed when the rule began, and never changes. ${addNewOne}`,
    ).toBe(git('show', `${listAdded}:${LIST}`));
    const list = listed();
    const sinceRule = new Set([
      ...(git('ls-tree', '--name-only', listAdded, 'drizzle/') ?? '').split('\n'),
      ...addedOnMain(main!, listAdded).keys(),
    ]);
    const now = current();
    for (const file of [...sinceRule].filter((f) => f.endsWith('.sql') && !list.has(f))) {
      const commit = adders.get(file)!;
      const landed = migrations((f) => git('show', `${commit}:${f}`), [file]);
      for (const name of [file, `drizzle/meta/_journal.json#${path.basename(file, '.sql')}`].filter((n) => landed.has(n))) {
        const where = `${name} ${putBack(commit, name)}`;
        expect(now.has(name), `${where} is gone. ${addNewOne}`).toBe(true);
        expect(now.get(name), `${where} has changed. ${addNewOne}`).toBe(landed.get(name));
      }
    }
  });
});
