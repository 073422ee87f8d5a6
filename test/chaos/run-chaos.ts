// `npm run test:chaos [-- --full]`: the desk under faults, crashes, a frozen database and fuzzed input, at CI scale
// or (with --full, or CHAOS_SCALE=full) at the full scale; each run prints a `CHAOS <name> {...}` line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const full = process.argv.includes('--full') || process.env.CHAOS_SCALE === 'full';
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const files = ['test/chaos', 'test/integration/store/frozen-postgres.test.ts', ...process.argv.slice(2).filter((a) => a !== '--full')];
const run = spawnSync(process.execPath, [vitest, 'run', ...files], { stdio: 'inherit', env: { ...process.env, ...(full ? { CHAOS_SCALE: 'full' } : {}) } });
process.exit(run.status ?? 1);
