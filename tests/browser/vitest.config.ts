import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from '../../src/platform/testing/longest-first.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Browser tests: a real Hearth on 127.0.0.1 and Debian's Chromium. Each file runs its own Hearth
 * (embedded database, its own port) and browser, so two files run at once: within a file, Hearth and
 * Chromium take turns (a page is made, then loaded and checked). Three at once on two cores was
 * twice as slow a file, and the staff walks ran out of time.
 */
export default defineConfig({
  root: repoRoot,
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['./src/platform/testing/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    maxWorkers: 2,
    // Files share their worker's loaded modules (each still starts its own Hearth and browser): importing
    // Hearth and the harness again took about nine seconds a file.
    isolate: false,
  },
});
