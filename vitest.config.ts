import { defineConfig } from 'vitest/config';
import LongestFirst from './src/platform/testing/longest-first.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./src/platform/testing/global-setup.ts'],
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    // Test files share their worker's loaded modules: each file still has its own database and app,
    // and importing Hearth again for each of 80 files was over half of the run (396 s against 235 s).
    isolate: false,
  },
});
