// Owns what bounds a replica phase, from the CPU a mention cost in it rather than from the rate the shared machine
// let it reach: a replica's JavaScript runs on one thread, so one replica takes at most one core's worth of
// mentions; all of them together, with PostgreSQL's backends, at most the machine's cores. A second replica can add
// throughput only where the first is held by its own thread and the machine has cores left for it and PostgreSQL.
import type { ReplicaPhase } from './replica-phase.js';

export interface ReplicaBounds {
  /** Milliseconds of CPU a mention cost the replicas' processes, and PostgreSQL's backends of the bench database. */
  readonly deskMs: number;
  readonly postgresMs: number;
  /** Mentions a second the phase's replicas could take with every core to themselves and PostgreSQL. */
  readonly ceiling: number;
  /** Which bound that is: the replicas' own threads, or the machine's cores. */
  readonly boundBy: 'replica threads' | 'machine cores';
}

export function replicaBounds(phase: ReplicaPhase, replicas: number): ReplicaBounds {
  const perMention = (cores: number | undefined) => ((cores ?? 0) / phase.load.perSecond) * 1000;
  const deskMs = perMention(phase.cpu.groups.desk);
  const postgresMs = perMention(phase.cpu.groups.PostgreSQL);
  const threads = (replicas * 1000) / deskMs;
  const cores = (phase.cpu.cores * 1000) / (deskMs + postgresMs);
  return { deskMs, postgresMs, ceiling: Math.min(threads, cores), boundBy: threads <= cores ? 'replica threads' : 'machine cores' };
}

/**
 * "bounds with nothing else on the 2 cores: one replica 880/s (its thread; desk 1.14 + PostgreSQL 1.03 ms a
 * mention), two 640/s (the cores; 1.70 + 1.38 ms): 0.73 of one", then what could change it.
 */
export function describeBounds(one: ReplicaPhase, two: ReplicaPhase): string[] {
  const a = replicaBounds(one, 1);
  const b = replicaBounds(two, 2);
  const ms = (x: number) => x.toFixed(2);
  const lines = [
    `bounds with nothing else on the ${one.cpu.cores} cores, from the CPU a mention cost: one replica ${a.ceiling.toFixed(0)}/s (${a.boundBy}; desk ${ms(a.deskMs)} + PostgreSQL ${ms(a.postgresMs)} ms a mention), two ${b.ceiling.toFixed(0)}/s (${b.boundBy}; ${ms(b.deskMs)} + ${ms(b.postgresMs)} ms): ${(b.ceiling / a.ceiling).toFixed(2)} of one`,
  ];
  // One replica's thread is the limit only while the desk costs more than PostgreSQL does: 1/desk < cores/(desk + pg).
  const headroom = (one.cpu.cores * a.deskMs) / (a.deskMs + a.postgresMs);
  lines.push(
    headroom > 1
      ? `    at one replica's costs a second could add up to ${((Math.min(2, headroom) - 1) * 100).toFixed(0)}% on ${one.cpu.cores} cores, less what a mention costs more when the load is split (above)`
      : `    at one replica's costs its thread leaves the other cores to PostgreSQL: on ${one.cpu.cores} cores a second replica has nothing to add; it adds throughput where there are more cores, or where the desk's share of a mention's CPU is larger`,
  );
  return lines;
}
