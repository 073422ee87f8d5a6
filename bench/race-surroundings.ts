// Owns reading what surrounded a claim race: the work the earlier phases left on the database (events not yet
// sealed into the chain, outbox items due), where the machine's CPU went, how late this process's event loop ran
// (the race's 100 callers and their pool share it), and what the database's busy backends were doing. A race
// figure read beside these says whether it measured the claim or a machine busy with something else.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { describeCpu, postgresBackendsOf, watchCpu, type CpuReading } from './cpu-share.js';
import { describeWaits, sampleWaits, type WaitReading } from './wait-sampler.js';

/** The history and the work other phases left, as the database holds it. */
export interface Backlog {
  /** Events appended so far: the history the race's fresh connections plan on (see migration 0095). */
  readonly events: number;
  /** Events appended but not yet chained by a sealer. */
  readonly unsealedEvents: number;
  /** Outbox items pending and due. */
  readonly outboxDue: number;
}

export interface Surroundings {
  readonly before: Backlog;
  readonly after: Backlog;
  readonly cpu: CpuReading;
  readonly waits: WaitReading;
  /** This process's event loop: how late its timers ran, the 99th percentile and the worst, ms. */
  readonly loopDelayP99: number;
  readonly loopDelayMax: number;
}

export interface SurroundingsWatch {
  stop(): Promise<Surroundings>;
}

/** Starts watching; `deskPids` are the desk processes still running beside the race. */
export async function watchSurroundings(databaseUrl: string, deskPids: () => readonly number[]): Promise<SurroundingsWatch> {
  const before = await readBacklog(databaseUrl);
  const waits = await sampleWaits(databaseUrl);
  const cpu = watchCpu({ 'desk processes': deskPids, PostgreSQL: postgresBackendsOf(new URL(databaseUrl).pathname.slice(1)), 'race process': () => [process.pid] });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  return {
    async stop() {
      loop.disable();
      const used = cpu.stop();
      const waited = await waits.stop();
      return { before, after: await readBacklog(databaseUrl), cpu: used, waits: waited, loopDelayP99: loop.percentile(99) / 1e6, loopDelayMax: loop.max / 1e6 };
    },
  };
}

export async function readBacklog(databaseUrl: string): Promise<Backlog> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'mention-desk-bench-backlog' });
  await client.connect();
  try {
    const result = await client.query<{ events: string; unsealed: string; due: string }>(
      `SELECT s.seq AS events, s.seq - (SELECT last_seq FROM event_chain_head WHERE singleton) AS unsealed,
              (SELECT count(*) FROM outbox WHERE status = 'pending' AND run_at <= now()) AS due
         FROM (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS seq FROM event_seq) s`,
    );
    const row = result.rows[0]!;
    return { events: Number(row.events), unsealedEvents: Number(row.unsealed), outboxDue: Number(row.due) };
  } finally {
    await client.end();
  }
}

/** Lines to print under a race figure. */
export function describeSurroundings(s: Surroundings): string[] {
  const backlog = (b: Backlog) => `${b.unsealedEvents} events unsealed, ${b.outboxDue} outbox items due`;
  return [
    `history: ${s.before.events} events; backlog before the races ${backlog(s.before)}, after ${backlog(s.after)}`,
    `CPU: ${describeCpu(s.cpu)}`,
    `race process event loop late by p99 ${s.loopDelayP99.toFixed(1)} ms, at worst ${s.loopDelayMax.toFixed(1)} ms`,
    `PostgreSQL: ${describeWaits(s.waits)}`,
  ];
}
