/**
 * `npm start`'s first step: runs `npm run build` only when something it is made from is newer than
 * the last build (`dist/.built`, written as the build's last step). tsc's own up-to-date check
 * (`tsc -b`) loads the compiler first, about a second of every restart; comparing file times takes
 * a few milliseconds. Plain JavaScript, so it runs before anything is compiled.
 */
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['src', 'drizzle', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time of a file or of anything in a folder, in milliseconds; 0 when it is missing. */
function newest(relative) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(full, { recursive: true, withFileTypes: true })) {
    latest = Math.max(latest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

const built = newest('dist/.built');
if (!built || INPUTS.some((input) => newest(input) > built)) {
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
