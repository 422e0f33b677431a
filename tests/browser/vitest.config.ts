import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Browser tests: a real Hearth on 127.0.0.1 and Debian's Chromium. Each file runs its own Hearth
 * (embedded database, its own port) and browser, so two files run at once: most of a file's time
 * is waiting on pages, not the processor.
 */
export default defineConfig({
  root: repoRoot,
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['./src/platform/testing/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
