// npm run bench: every goal of issue 13 as a ratio to a ceiling measured in the same run on the same
// machine (pgbench, a bare Node HTTP server, a bare Bolt app). The machine is shared and noisy: read
// the ratios, not the absolute figures. Never a test: nothing here passes or fails.
//   --seconds N      length of each load phase (default 5)
//   --connections N  concurrent connections for the load phases and pgbench (default 10)
//   --open-cases N   open cases for the memory goal (default 100000)
//   --code DIR       the desk's code to run as the replicas (default: this checkout), for before/after runs;
//                    its dist/main.js when built (npm run build), else src/main.ts through tsx
//   --dashboard-cases N  generated cases for the dashboard's goal (default 100000; the goal is set at 1000000),
//                    kept in database desk_bench_dashboard_N; --dashboard-reuse measures a kept one again
//   --until PHASE    stop after PHASE (intake, replicas, claim, chat, memory, dashboard): the phases before it run as
//                    in the full bench, so a phase is measured in the state the full bench leaves for it
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startDesk } from '../src/app/start-desk.js';
import { loadConfig } from '../src/config/load-config.js';
import { loadPolicy } from '../src/config/load-policy.js';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { openBenchDatabase } from './bench-database.js';
import { benchPolicyFile } from './bench-policy.js';
import { BENCH_SERVER_URL, benchCodeDir, LOAD_OPTIONS, replicaEnv } from './bench-setup.js';
import { bareHttpRate, pgbenchInsertRate, startBareBolt } from './ceilings.js';
import { claimRaces, describeRace } from './claim-race.js';
import { measureDashboard, reportDashboard } from './dashboard-phase.js';
import { deskCommand, startDeskProcess, type DeskProcess } from './desk-process.js';
import { INTAKE_SECRET, intakeRequest, percentile } from './intake-phases.js';
import { describeIntakeBound } from './intake-bounds.js';
import { readingCpuMicros } from './reading-cost.js';
import { seedOpenCases } from './memory-phase.js';
import { measureReplicaPhase, replicaVerdict } from './replica-phase.js';
import { describeSurroundings, watchSurroundings } from './race-surroundings.js';
import { cardLatencies, claimAckP99, SLACK_SIGNING_SECRET } from './slack-phases.js';

const { values } = parseArgs({
  options: {
    ...LOAD_OPTIONS,
    'open-cases': { type: 'string', default: '100000' },
    'dashboard-cases': { type: 'string', default: '100000' }, 'dashboard-reuse': { type: 'boolean', default: false },
    until: { type: 'string', default: 'dashboard' },
  },
});
const PHASES = ['intake', 'replicas', 'claim', 'chat', 'memory', 'dashboard'] as const;
const lastPhase = PHASES.indexOf(values.until as (typeof PHASES)[number]);
if (lastPhase < 0) throw new Error(`--until takes one of ${PHASES.join(', ')}`);
/** Whether `phase` runs: every phase up to --until. */
const runs = (phase: (typeof PHASES)[number]) => PHASES.indexOf(phase) <= lastPhase;
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const openCases = Number(values['open-cases']);
const codeDir = benchCodeDir(values.code);

/** Races of 100 claims for the one-case goal: the first is reported apart. */
const CLAIM_RACES = 6;

const lines: string[] = [];
const report = (goal: string, figure: string, ceiling: string, ratio: string) => {
  const line = `${goal.padEnd(52)} ${figure.padStart(18)}  ${ceiling.padStart(26)}  ${ratio}`;
  lines.push(line);
  console.log(line);
};
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

const db = await openBenchDatabase(BENCH_SERVER_URL, codeDir);
const dbUrl = db.connectionString!;
const fake = await startFakeSlackApi({ usergroups: { S0COMMS: ['U0FAY'] }, users: [{ id: 'U0FAY', real_name: 'Fay Quinn' }] });
const baseEnv = replicaEnv(dbUrl, codeDir);
const slackEnv = { ...baseEnv, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET, SLACK_API_URL: fake.url };
const started: DeskProcess[] = [];
const start = async (env: Record<string, string>) => {
  const d = await startDeskProcess(codeDir, env);
  started.push(d);
  return d;
};
const stop = async (d: DeskProcess) => {
  started.splice(started.indexOf(d), 1);
  await d.stop();
};

/** Every phase up to --until, in order: each one runs in the state the ones before it left. */
async function phases(): Promise<void> {
  console.log(`Mention Desk benchmark: code ${codeDir} (node ${deskCommand(codeDir).join(' ')}), ${seconds}s a phase, ${connections} connections, PostgreSQL ${new URL(BENCH_SERVER_URL).host}`);
  console.log(`${'goal'.padEnd(52)} ${'figure'.padStart(18)}  ${'ceiling (same run)'.padStart(26)}  ratio (goal)`);
  const pgbench = await pgbenchInsertRate(db, dbUrl, connections, seconds);
  const bare = await bareHttpRate([intakeRequest(1)], connections, seconds);
  const pgbenchText = pgbench === null ? 'no pgbench binary' : `pgbench ${fmt(pgbench)} inserts/s`;
  report('ceiling: bare Node HTTP server', `${fmt(bare)} req/s`, '', '');

  // Intake, one replica without chat.
  const intakeDesk = await start(baseEnv);
  report('memory: RSS idle (one replica, no chat)', `${fmt(intakeDesk.rssMiB())} MiB`, '150 MiB', `${fmt(intakeDesk.rssMiB() / 150, 2)} (goal ≤ 1)`);
  // Each intake phase also prints the CPU a mention cost and the rate that allows on this machine's cores.
  const singlePhase = await measureReplicaPhase(dbUrl, [intakeDesk], connections, seconds, 1);
  const single = singlePhase.load;
  report('signed single POSTs', `${fmt(single.perSecond)} mentions/s`, pgbenchText, pgbench ? `${fmt(single.perSecond / pgbench, 3)} (goal ≥ 0.3)` : 'n/a');
  console.log(`    p99 ${single.p99} ms, non-2xx/errors ${single.non2xx}; vs bare HTTP ${fmt(single.perSecond / bare, 3)}`);
  console.log(`    ${describeIntakeBound(singlePhase, pgbench, 0.3)}`);
  const batchPhase = await measureReplicaPhase(dbUrl, [intakeDesk], connections, seconds, 100);
  const batch = batchPhase.load;
  report('signed batches of 100', `${fmt(batch.perSecond)} mentions/s`, pgbenchText, pgbench ? `${fmt(batch.perSecond / pgbench, 3)} (goal ≥ 1.0)` : 'n/a');
  console.log(`    p99 ${batch.p99} ms, non-2xx/errors ${batch.non2xx}`);
  console.log(`    ${describeIntakeBound(batchPhase, pgbench, 1)}`);
  // Reading is work every mention needs before it is stored (safeguarding at once), whatever the store costs.
  const readingMs = readingCpuMicros(await loadPolicy(benchPolicyFile())) / 1000;
  const readingMost = (singlePhase.cpu.cores * 1000) / readingMs;
  console.log(`    reading a mention alone (this checkout's reader, the default policy's lexicons and model, the corpus's texts, this process): ${fmt(readingMs, 2)} ms CPU; at that alone ${singlePhase.cpu.cores} cores carry at most ${fmt(readingMost)} mentions/s${pgbench ? `, ${fmt(readingMost / pgbench, 3)} of pgbench` : ''}`);
  if (!runs('replicas')) return;

  // Two replicas on one database: the same load split across two processes. A second replica can add only what
  // the machine has spare: the CPU each phase used is printed beside it, and the CPU a mention costs, which does
  // not depend on what else the machine was doing.
  const second = await start(baseEnv);
  const one = await measureReplicaPhase(dbUrl, [intakeDesk], connections, seconds);
  const two = await measureReplicaPhase(dbUrl, [intakeDesk, second], connections, seconds);
  report('two replicas, single POSTs (sum)', `${fmt(two.load.perSecond)} mentions/s`, `one replica ${fmt(one.load.perSecond)}/s`, `${fmt(two.load.perSecond / one.load.perSecond, 2)} (goal > 1)`);
  for (const line of replicaVerdict(one, two)) console.log(`    ${line}`);
  await stop(second);
  if (!runs('claim')) return;

  // 100 concurrent claims on one case, at the service (in this process, on the same database).
  const inProcess = await startDesk({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }),
    policy: await loadPolicy(benchPolicyFile()), logger: pino({ level: 'silent' }), db: db.openSecondHandle(), startWorker: false, startPollers: false,
  });
  // Several races, the first apart: it is the first command of a fresh process (new pool connections, the
  // command path not yet compiled), which a desk that has been running pays once.
  const watch = await watchSurroundings(dbUrl, () => [intakeDesk.pid]);
  const races = await claimRaces([inProcess.ctx], 100, CLAIM_RACES);
  const surroundings = await watch.stop();
  await inProcess.stop();
  report(`100 concurrent claims on one case: p99 (median of ${CLAIM_RACES - 1})`, `${fmt(races.warmP99, 1)} ms`, '50 ms', `${fmt(races.warmP99 / 50, 2)} (goal ≤ 1)`);
  console.log(`    each of those: ${races.warm.map((r) => fmt(r.p99, 1)).join(', ')} ms; the first race of the fresh process: ${describeRace(races.first)}`);
  console.log(`    every race one winner and one case.claimed event (goal): ${races.oneWinnerEach}`);
  for (const line of describeSurroundings(surroundings)) console.log(`    ${line}`);
  await stop(intakeDesk);
  if (!runs('chat')) return;

  // Chat: a replica with Slack (fake Web API in this process), its worker running.
  const slackDesk = await start(slackEnv);
  const cards = await cardLatencies(slackDesk.url, fake, Math.max(5, seconds * 2), 1_100);
  report("card asked of Slack after the mention's 202: p50", `${fmt(percentile(cards, 50))} ms`, '200 ms', `${fmt(percentile(cards, 50) / 200, 2)} (goal ≤ 1)`);
  const bolt = await startBareBolt(SLACK_SIGNING_SECRET);
  const acks = await claimAckP99(slackDesk.url, bolt.url, fake, 50, 4);
  await bolt.close();
  report('50 concurrent Claim clicks: ack p99', `${fmt(acks.desk, 1)} ms`, `bare Bolt ${fmt(acks.bolt, 1)} ms`, `${fmt(acks.desk / acks.bolt, 2)} (goal ≤ 1.5)`);
  console.log(`    the first burst each got (a fresh replica: new pool connections, code not yet compiled): desk ${fmt(acks.deskFirst, 1)} ms, bare Bolt ${fmt(acks.boltFirst, 1)} ms, ${fmt(acks.deskFirst / acks.boltFirst, 2)}`);
  await stop(slackDesk);
  if (!runs('memory')) return;

  // Memory with many open cases: copies of a real case, then a fresh replica that serves them.
  const anyCase = await db.query<{ id: string }>(`SELECT id FROM cases WHERE state = 'new' ORDER BY opened_at LIMIT 1`);
  // Without the request timeouts: copying 100,000 rows may take longer than one request may.
  const maintenance = db.openMaintenanceHandle();
  const open = await seedOpenCases(maintenance, anyCase.rows[0]!.id, openCases).finally(() => maintenance.close());
  const loaded = await start(slackEnv);
  await new Promise((r) => setTimeout(r, 3_000));
  report(`memory: RSS with ${open} open cases`, `${fmt(loaded.rssMiB())} MiB`, '300 MiB', `${fmt(loaded.rssMiB() / 300, 2)} (goal ≤ 1)`);
  await stop(loaded);
  if (!runs('dashboard')) return;

  // The management dashboard on generated history, in its own kept database.
  const dashboardCases = Number(values['dashboard-cases']);
  reportDashboard(await measureDashboard({ serverUrl: BENCH_SERVER_URL, database: `desk_bench_dashboard_${dashboardCases}`, cases: dashboardCases, runs: 20, reuse: values['dashboard-reuse'] }), report);
}

try {
  await phases();
} finally {
  for (const d of [...started]) await d.stop();
  await fake.close();
  await db.close();
}
