import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/longest-first-sequencer.js';

// CI runs the whole suite on PostgreSQL (`npm test`), then again on PGlite with DESK_TEST_STORE_ONLY=1: the second
// pass leaves out what does not touch a store (the unit tests) and the production-build test (a production desk
// runs on PostgreSQL; it builds, installs and starts dist/ once), so the same code is not tested twice.
const storeOnly = process.env.DESK_TEST_STORE_ONLY === '1';

// Unit tests share their worker processes (isolate: false): in a fresh process each, they spent most of their time
// loading the same modules again (on a busy machine the unit tests took 100 s alone, 41 s sharing). A unit test that
// replaces a module (vi.mock) still gets a fresh process: in a shared one an earlier file has loaded the real module.
const UNIT = 'test/unit';
const unitFiles = readdirSync(UNIT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => join(UNIT, f));
const replacesAModule = (file: string) => /\bvi\.(mock|doMock)\(/.test(readFileSync(file, 'utf8'));
const sharedUnitFiles = unitFiles.filter((f) => !replacesAModule(f));

// Integration tests open their own database (real PostgreSQL or PGlite, per DESK_TEST_DB),
// so files run in separate forks; two cores here, so keep the pool small.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // Longest files first, so the last ones to finish are short (test/longest-first-sequencer.ts says why).
    sequence: { sequencer: LongestFirstSequencer },
    // Generous: end-to-end files start PGlite and real apps, and these two-core machines are shared and noisy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['test/**/*.test.ts'],
          exclude: ['node_modules/**', ...sharedUnitFiles, ...(storeOnly ? [`${UNIT}/**`, 'test/e2e/production-build.test.ts'] : [])],
        },
      },
      ...(storeOnly ? [] : [{ extends: true, test: { name: 'unit', include: sharedUnitFiles, isolate: false } }]),
    ],
  },
});
