// Owns one phase of the replica goal: signed single POSTs spread over the given replicas, with the CPU each
// part of the set-up used (the replicas, PostgreSQL's backends of the bench database, the load generator
// in this process) and what the database's busy backends were doing, sampled during the load.
import pg from 'pg';
import { describeCpu, postgresBackendsOf, watchCpu, type CpuReading } from './cpu-share.js';
import type { DeskProcess } from './desk-process.js';
import { describeBounds, replicaBounds } from './replica-bounds.js';
import { intakeLoad, type IntakeFigure } from './intake-phases.js';
import { describeWaits, sampleWaits, type WaitReading } from './wait-sampler.js';

export interface ReplicaPhase {
  readonly load: IntakeFigure;
  readonly cpu: CpuReading;
  readonly waits: WaitReading;
  /** Transactions committed on the bench database during the phase (every replica's, its sealer's and worker's too). */
  readonly commits: number;
  /** Transactions rolled back meanwhile: an intake store refused for a race (refuse_intake_race), a deadlock, a failure. */
  readonly rollbacks: number;
  readonly mentions: number;
}

/** `batchSize` mentions a POST: 1 for single POSTs, 100 for a phase whose cost is mostly the desk's reading of each mention. */
export async function measureReplicaPhase(databaseUrl: string, desks: readonly DeskProcess[], connections: number, seconds: number, batchSize = 1): Promise<ReplicaPhase> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const waits = await sampleWaits(databaseUrl);
  const cpu = watchCpu({
    desk: () => desks.map((d) => d.pid),
    PostgreSQL: postgresBackendsOf(database),
    'load generator': () => [process.pid],
  });
  const before = await transactionsOf(databaseUrl);
  const load = await intakeLoad(desks.map((d) => d.url), batchSize, connections, seconds);
  const used = cpu.stop();
  const waited = await waits.stop();
  // Backends report their counts at most once a second, and when idle.
  await new Promise((r) => setTimeout(r, 1_500));
  const after = await transactionsOf(databaseUrl);
  // Less the first reading's own transaction.
  const commits = after.commits - before.commits - 1;
  return { load, cpu: used, waits: waited, mentions: load.perSecond * seconds, commits, rollbacks: after.rollbacks - before.rollbacks };
}

async function transactionsOf(databaseUrl: string): Promise<{ commits: number; rollbacks: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The statistics are a snapshot per transaction: read afresh, and flushed by the backends every second or so.
    const result = await client.query<{ commits: string; rollbacks: string }>('SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = current_database()');
    return { commits: Number(result.rows[0]!.commits), rollbacks: Number(result.rows[0]!.rollbacks) };
  } finally {
    await client.end();
  }
}

/** Milliseconds of CPU the desk and PostgreSQL's backends spent a mention: the cost a second replica cannot share out. */
export function cpuPerMention(phase: ReplicaPhase): number {
  const { deskMs, postgresMs } = replicaBounds(phase, 1);
  return deskMs + postgresMs;
}

/** Cores no process used during the phase. */
export function spareCores(phase: ReplicaPhase): number {
  return (1 - phase.cpu.machineBusy) * phase.cpu.cores;
}

export function describePhase(label: string, phase: ReplicaPhase): string {
  return [
    `${label}: ${phase.load.perSecond.toFixed(0)} mentions/s, p99 ${phase.load.p99} ms, non-2xx ${phase.load.non2xx}; ${cpuPerMention(phase).toFixed(2)} ms CPU (desk and PostgreSQL) a mention, ${(phase.commits / phase.mentions).toFixed(2)} commits a mention, ${phase.rollbacks} rolled back in all`,
    `    CPU: ${describeCpu(phase.cpu)}`,
    `    PostgreSQL: ${describeWaits(phase.waits)}`,
  ].join('\n');
}

/**
 * What the two-replica ratio measured: each phase's CPU, and whether the machine had a core to spare for the
 * second replica. A ratio at or under 1 on a saturated machine says the machine is full, not that the desk
 * does not scale; what the desk controls is the CPU a mention costs, printed for both.
 */
export function replicaVerdict(one: ReplicaPhase, two: ReplicaPhase): string[] {
  const costRatio = cpuPerMention(two) / cpuPerMention(one);
  const lines = [describePhase('one replica', one), describePhase('two replicas', two)];
  const full = spareCores(two) < SATURATED_BELOW_CORES;
  const ceiling = (two.cpu.cores * 1000) / cpuPerMention(two);
  lines.push(
    full
      ? `verdict: the machine was saturated with two replicas (${spareCores(two).toFixed(2)} of ${two.cpu.cores} cores spare, others used ${two.cpu.others.toFixed(2)}): a second replica had no core to add. At ${cpuPerMention(two).toFixed(2)} ms a mention its ${two.cpu.cores} cores carry about ${ceiling.toFixed(0)} mentions/s with nothing else on them.`
      : `verdict: ${spareCores(two).toFixed(2)} of ${two.cpu.cores} cores were spare with two replicas: what held them back was not CPU (see what PostgreSQL's backends waited on).`,
    ...(oneWasIdle(one)
      ? [`one replica was not saturated (its process used ${(one.cpu.groups.desk ?? 0).toFixed(2)} of a core, ${spareCores(one).toFixed(2)} cores spare): each connection waits for its answer before it sends again, so the rate was bound by a request's round trips, which a second replica does not shorten; more connections (--connections) load one replica further.`]
      : []),
    `two replicas cost ${costRatio.toFixed(2)}x the CPU a mention of one (${(one.commits / one.mentions).toFixed(2)} -> ${(two.commits / two.mentions).toFixed(2)} commits a mention: each replica groups only the requests it gets).`,
    ...describeBounds(one, two),
  );
  return lines;
}

/** The one-replica phase left its process and the machine room: it was waiting, not working. */
function oneWasIdle(one: ReplicaPhase): boolean {
  return (one.cpu.groups.desk ?? 0) < BUSY_PROCESS_CORES && spareCores(one) >= SATURATED_BELOW_CORES;
}

/** A Node process runs JavaScript on one thread: past this share of a core it is queueing work. */
const BUSY_PROCESS_CORES = 0.8;

/** Under this many idle cores the machine is counted as saturated (scheduling leaves a little idle even when full). */
const SATURATED_BELOW_CORES = 0.3;
