// npm run bench:claim: only npm run bench's one-case race (100 concurrent claims on one case, at the service, in
// this process, on a bench database), repeated, with the winner's and the losers' times apart. The race runs the
// code of the checkout this file is in (there is no --code: copy bench/ into the other checkout to compare).
//   --races N     races, each on a new case (default 20; the first is reported apart: a fresh pool and cold code)
//   --claimers N  concurrent claims a race (default 100)
//   --history N   mentions taken in before the races, as npm run bench's intake phases leave (default 2000); the
//                 racing desks start after it, as npm run bench's does: their connections plan on the history, not
//                 on an empty database (a plan made at none was what hid migration 0095's JIT compiles from this bench)
//   --replicas N  desks in this process, each with its own pool and rounds, the claims alternating between them
//                 (default 1; 2 races two replicas, whose only arbiter is the conditional save)
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startDesk } from '../src/app/start-desk.js';
import { loadConfig } from '../src/config/load-config.js';
import { loadPolicy } from '../src/config/load-policy.js';
import type { Db } from '../src/store/db.js';
import { openBenchDatabase } from './bench-database.js';
import { benchPolicyFile } from './bench-policy.js';
import { BENCH_SERVER_URL, benchCodeDir } from './bench-setup.js';
import { claimRaces, describeRace } from './claim-race.js';
import { readBacklog } from './race-surroundings.js';
import { INTAKE_SECRET } from './intake-phases.js';
import { seedHistory } from './seed-history.js';

const { values } = parseArgs({ options: { races: { type: 'string', default: '20' }, claimers: { type: 'string', default: '100' }, history: { type: 'string', default: '2000' }, replicas: { type: 'string', default: '1' } } });
const races = Number(values.races);
const claimers = Number(values.claimers);

const db = await openBenchDatabase(BENCH_SERVER_URL, benchCodeDir(undefined));
const policy = await loadPolicy(benchPolicyFile());
/** A desk in this process on a pool of its own (`handle`), without worker or pollers. */
const startInProcess = (handle: Db) => startDesk({
  config: loadConfig({ PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET, DATABASE_URL: db.connectionString!, LOG_LEVEL: 'silent' }),
  policy, logger: pino({ level: 'silent' }), db: handle, startWorker: false, startPollers: false,
});
const seedHandle = db.openSecondHandle();
const seeder = await startInProcess(seedHandle);
await seedHistory(seeder.ctx, Number(values.history)).finally(() => seeder.stop().then(() => seedHandle.close()));
const desks = await Promise.all(Array.from({ length: Number(values.replicas) }, () => startInProcess(db.openSecondHandle())));
try {
  const series = await claimRaces(desks.map((d) => d.ctx), claimers, races);
  const { events } = await readBacklog(db.connectionString!);
  console.log(`${claimers} concurrent claims on one case over ${desks.length} replica(s), ${races} races after ${values.history} mentions, ${events} events (code ${benchCodeDir(undefined)})`);
  console.log(`first    ${describeRace(series.first)}`);
  for (const [i, f] of series.warm.entries()) console.log(`race ${String(i + 2).padEnd(3)} ${describeRace(f)}`);
  console.log(`p99 over races 2-${races}: median ${series.warmP99.toFixed(1)} ms, worst ${series.worstWarmP99.toFixed(1)} ms (goal ≤ 50); every race one winner and one event: ${series.oneWinnerEach}`);
} finally {
  for (const d of desks) await d.stop();
  await db.close();
}
