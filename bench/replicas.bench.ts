// npm run bench:replicas: only npm run bench's two-replica goal (signed single POSTs to one replica, then the
// same load split across two on the same database), each phase with where the machine's CPU went and what the
// database's backends waited on, for working on what limits a second replica without the other phases.
//   --seconds N  --connections N  --code DIR  (as npm run bench)   --rounds N  one/two pairs, alternated (default 2)
//   --batch N  mentions a POST (default 1; 100 measures a load whose cost is mostly the desk's reading of each mention)
//   --backlog N  mentions taken in batches of 100 by the first replica before the first round, as npm run bench's intake
//                phases leave the database (events to seal, accounts, a surge on the topic) when its replica phase starts
import { openBenchDatabase } from './bench-database.js';
import { BENCH_SERVER_URL, focusedBenchArgs, replicaEnv } from './bench-setup.js';
import { deskCommand, startDeskProcess } from './desk-process.js';
import { ingestMany } from './intake-phases.js';
import { measureReplicaPhase, replicaVerdict } from './replica-phase.js';

const { values, seconds, connections, codeDir } = focusedBenchArgs({ rounds: { type: 'string', default: '2' }, batch: { type: 'string', default: '1' }, backlog: { type: 'string', default: '0' } });
const batchSize = Number(values.batch);

const db = await openBenchDatabase(BENCH_SERVER_URL, codeDir);
try {
  console.log(`Replica benchmark: code ${codeDir} (node ${deskCommand(codeDir).join(' ')}), ${seconds}s a phase, ${connections} connections, ${batchSize} mention(s) a POST`);
  const env = replicaEnv(db.connectionString!, codeDir);
  const desks = [await startDeskProcess(codeDir, env), await startDeskProcess(codeDir, env)];
  try {
    if (Number(values.backlog) > 0) await ingestMany(desks[0]!.url, Number(values.backlog));
    for (let round = 0; round < Number(values.rounds); round += 1) {
      const one = await measureReplicaPhase(db.connectionString!, desks.slice(0, 1), connections, seconds, batchSize);
      const two = await measureReplicaPhase(db.connectionString!, desks, connections, seconds, batchSize);
      console.log(`round ${round + 1}: two replicas / one: ${(two.load.perSecond / one.load.perSecond).toFixed(2)}`);
      for (const line of replicaVerdict(one, two)) console.log(`  ${line}`);
    }
  } finally {
    for (const d of desks) await d.stop();
  }
} finally {
  await db.close();
}
