import { defineConfig } from 'vitest/config';
import LongestFirst from './src/platform/testing/longest-first.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Limits only guard against hangs: a busy machine must never fail a test for being slow.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    globalSetup: ['./src/platform/testing/global-setup.ts'],
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    // Test files share their worker's loaded modules: each file still has its own database and app,
    // and importing Hearth again for each of 80 files was over half of the run (396 s against 235 s).
    isolate: false,
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Most of a file's
    // time is waiting on its database, so two at once (PGlite 247 s → 197 s, PostgreSQL 149 s → 105 s).
    maxWorkers: 2,
  },
});
