import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { govukDist, projectRoot, srcDir } from '../paths.js';

const entry = path.join(srcDir, 'platform/layout/styles/hearth.scss');
const cacheDir = path.join(projectRoot, 'node_modules/.cache/hearth');

/**
 * Hearth's stylesheet, compiled from Sass once per change of its source or of GOV.UK Frontend,
 * and kept in node_modules/.cache so later starts skip the compile (and loading Sass, a third of a second).
 */
export async function stylesheet(): Promise<string> {
  const { version } = JSON.parse(readFileSync(path.join(govukDist, '../package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(version).update(readFileSync(entry)).digest('hex').slice(0, 16);
  const cached = path.join(cacheDir, `hearth-${key}.css`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { compile } = await import('sass');
  const css = compile(entry, { loadPaths: [govukDist], style: 'compressed', quietDeps: true, silenceDeprecations: ['import'] }).css;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, css);
  } catch {
    // A read-only install still works; it compiles on each start.
  }
  return css;
}
