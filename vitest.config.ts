import { defineConfig } from 'vitest/config';

// Integration tests open their own database (real PostgreSQL or PGlite, per DESK_TEST_DB),
// so files run in separate forks; two cores here, so keep the pool small.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Generous: end-to-end files start PGlite and real apps, and these two-core machines are shared and noisy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
