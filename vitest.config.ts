import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/longest-first-sequencer.js';

// CI runs the whole suite on PostgreSQL (`npm test`), then again on PGlite with DESK_TEST_STORE_ONLY=1: the second
// pass leaves out what does not touch a store (the unit tests) and the production-build test (a production desk
// runs on PostgreSQL; it builds, installs and starts dist/ once), so the same code is not tested twice.
const storeOnly = process.env.DESK_TEST_STORE_ONLY === '1';

// Test files share their worker processes (isolate: false): in a fresh process each, they spent most of their time
// loading the same modules again, and on PGlite compiling its WebAssembly and reading the migrated image again (on a
// busy machine the unit tests took 100 s alone, 41 s sharing; the integration tests on PGlite 440 s, 171 s sharing). A
// test that replaces a module (vi.mock) still gets a fresh process: in a shared one an earlier file has loaded the real
// module. Each file still opens its own database and desk, and closes them.
const UNIT = 'test/unit';
const testFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
const replacesAModule = (file: string) => /\bvi\.(mock|doMock)\(/.test(readFileSync(file, 'utf8'));
const sharedUnitFiles = testFiles(UNIT).filter((f) => !replacesAModule(f));
const PRODUCTION_BUILD = 'test/e2e/production-build.test.ts';
const sharedStoreFiles = ['test/integration', 'test/e2e', 'test/chaos', 'test/browser']
  .flatMap(testFiles)
  .filter((f) => !replacesAModule(f) && !(storeOnly && f === PRODUCTION_BUILD));

// Two cores here, so keep the pool small.
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
          exclude: ['node_modules/**', ...sharedUnitFiles, ...sharedStoreFiles, ...(storeOnly ? [`${UNIT}/**`, PRODUCTION_BUILD] : [])],
        },
      },
      ...(storeOnly ? [] : [{ extends: true, test: { name: 'unit', include: sharedUnitFiles, isolate: false } }]),
      { extends: true, test: { name: 'store', include: sharedStoreFiles, isolate: false } },
    ],
  },
});
