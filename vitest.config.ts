import { defineConfig } from 'vitest/config';

// Integration tests open their own database (real PostgreSQL or PGlite, per DESK_TEST_DB),
// so files run in separate forks; two cores here, so keep the pool small.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
