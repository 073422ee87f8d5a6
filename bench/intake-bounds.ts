// Owns what the machine's cores allow an intake phase, from the CPU a mention cost in it: the rate the desk and
// PostgreSQL could reach with every core to themselves, as a share of pgbench's, and the CPU a mention would have to
// cost for the goal's share to fit on these cores. A goal a machine cannot hold at any latency reads as such here,
// instead of as a shortfall the desk could close by waiting less.
import { replicaBounds } from './replica-bounds.js';
import type { ReplicaPhase } from './replica-phase.js';

/**
 * "at 1.81 ms a mention (desk 1.06 + PostgreSQL 0.76), 2 cores carry at most 1,105/s with nothing else on them:
 * 0.060 of pgbench; 0.3 of pgbench needs ≤ 0.37 ms a mention on 2 cores". The load generator (this process) is left
 * out: in production the residents' networks do not share the desk's cores.
 */
export function describeIntakeBound(phase: ReplicaPhase, pgbench: number | null, goalShare: number): string {
  const { deskMs, postgresMs } = replicaBounds(phase, 1);
  const cores = phase.cpu.cores;
  const perMention = deskMs + postgresMs;
  const most = (cores * 1000) / perMention;
  const ms = (x: number) => x.toFixed(2);
  const cost = `at ${ms(perMention)} ms CPU a mention (desk ${ms(deskMs)} + PostgreSQL ${ms(postgresMs)}), ${cores} cores carry at most ${most.toFixed(0)} mentions/s with nothing else on them`;
  if (pgbench === null) return cost;
  const needed = (cores * 1000) / (goalShare * pgbench);
  return `${cost}: ${(most / pgbench).toFixed(3)} of pgbench; ${goalShare} of pgbench needs ≤ ${ms(needed)} ms a mention on ${cores} cores`;
}
