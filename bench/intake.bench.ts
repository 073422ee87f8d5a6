// npm run bench:intake: only the intake goals of npm run bench (signed single POSTs and batches of 100 against
// pgbench's single-row insert rate, measured in the same run), for working on the intake path without the
// minutes the other phases take. Same options and figures as npm run bench's intake lines.
//   --seconds N  --connections N  --code DIR  (as npm run bench)
import { openBenchDatabase } from './bench-database.js';
import { BENCH_SERVER_URL, focusedBenchArgs, replicaEnv } from './bench-setup.js';
import { pgbenchInsertRate } from './ceilings.js';
import { deskCommand, startDeskProcess } from './desk-process.js';
import { intakeLoad } from './intake-phases.js';

const { seconds, connections, codeDir } = focusedBenchArgs();

const db = await openBenchDatabase(BENCH_SERVER_URL, codeDir);
try {
  console.log(`Intake benchmark: code ${codeDir} (node ${deskCommand(codeDir).join(' ')}), ${seconds}s a phase, ${connections} connections`);
  const pgbench = await pgbenchInsertRate(db, db.connectionString!, connections, seconds);
  const desk = await startDeskProcess(codeDir, replicaEnv(db.connectionString!, codeDir));
  try {
    const single = await intakeLoad([desk.url], 1, connections, seconds);
    const batch = await intakeLoad([desk.url], 100, connections, seconds);
    const ratio = (x: number) => (pgbench ? (x / pgbench).toFixed(3) : 'n/a');
    console.log(`pgbench single-row inserts: ${pgbench === null ? 'no pgbench binary' : `${pgbench.toFixed(0)}/s`}`);
    console.log(`signed single POSTs:   ${single.perSecond.toFixed(0)} mentions/s, ${ratio(single.perSecond)} (goal ≥ 0.3); p99 ${single.p99} ms, non-2xx/errors ${single.non2xx}`);
    console.log(`signed batches of 100: ${batch.perSecond.toFixed(0)} mentions/s, ${ratio(batch.perSecond)} (goal ≥ 1.0); p99 ${batch.p99} ms, non-2xx/errors ${batch.non2xx}`);
  } finally {
    await desk.stop();
  }
} finally {
  await db.close();
}
