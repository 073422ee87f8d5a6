import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/longest-first-sequencer.js';

// CI runs the whole suite on PostgreSQL (`npm test`), then again on PGlite with DESK_TEST_STORE_ONLY=1: the second
// pass leaves out what does not touch a store (the unit tests) and the production-build test (a production desk
// runs on PostgreSQL; it builds, installs and starts dist/ once), so the same code is not tested twice.
const storeOnly = process.env.DESK_TEST_STORE_ONLY === '1';

// Integration tests open their own database (real PostgreSQL or PGlite, per DESK_TEST_DB),
// so files run in separate forks; two cores here, so keep the pool small.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: storeOnly ? ['test/unit/**', 'test/e2e/production-build.test.ts', 'node_modules/**'] : ['node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    // Longest files first, so the last ones to finish are short (test/longest-first-sequencer.ts says why).
    sequence: { sequencer: LongestFirstSequencer },
    // Generous: end-to-end files start PGlite and real apps, and these two-core machines are shared and noisy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
