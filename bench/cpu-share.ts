// Owns reading where the machine's CPU went during a load phase, from /proc (Linux): how busy the whole
// machine was, and the cores named groups of processes used (the desk's replicas, PostgreSQL's backends of
// the bench database, this process, which is also the load generator). A figure read beside these says
// whether it measured the desk or a machine with no core to spare.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Each group's processes, asked at the start and at the end of the phase (backends come and go). */
export type CpuGroups = Record<string, () => readonly number[]>;

export interface CpuReading {
  readonly cores: number;
  /** Length of the phase watched. */
  readonly seconds: number;
  /** Share of all cores busy (0..1), every process on the machine. */
  readonly machineBusy: number;
  /** Cores each group used on average (1 = one core all the time). */
  readonly groups: Readonly<Record<string, number>>;
  /** Cores used by processes in no group (other work on the machine, PostgreSQL's own background). */
  readonly others: number;
}

export interface CpuWatch {
  stop(): CpuReading;
}

const TICKS_PER_SECOND = 100;

export function watchCpu(groups: CpuGroups): CpuWatch {
  const startMachine = machineTicks();
  const startedAt = process.hrtime.bigint();
  const startTicks = new Map(Object.entries(groups).map(([name, pids]) => [name, ticksOf(pids())]));
  return {
    stop() {
      const endMachine = machineTicks();
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const cores = cpus().length;
      const total = endMachine.total - startMachine.total;
      const busy = endMachine.busy - startMachine.busy;
      const used: Record<string, number> = {};
      for (const [name, pids] of Object.entries(groups)) {
        const before = startTicks.get(name)!;
        const after = ticksOf(pids());
        // A process that ended during the phase is lost; one that began counts from its start.
        const ticks = [...after].reduce((s, [pid, t]) => s + t - (before.get(pid) ?? 0), 0);
        used[name] = ticks / TICKS_PER_SECOND / seconds;
      }
      const machineCores = total > 0 ? (busy / total) * cores : 0;
      const grouped = Object.values(used).reduce((s, x) => s + x, 0);
      return { cores, seconds, machineBusy: total > 0 ? busy / total : 0, groups: used, others: Math.max(0, machineCores - grouped) };
    },
  };
}

/** "machine 97% busy of 2 cores: desk 0.61, PostgreSQL 0.83, load generator 0.22, others 0.28" */
export function describeCpu(r: CpuReading): string {
  const parts = Object.entries(r.groups).map(([name, c]) => `${name} ${c.toFixed(2)}`);
  return `machine ${(r.machineBusy * 100).toFixed(0)}% busy of ${r.cores} cores; cores used: ${[...parts, `others ${r.others.toFixed(2)}`].join(', ')}`;
}

/** Processes whose command line names `database` as PostgreSQL's backends do ("postgres: … <user> <database> …"). */
export function postgresBackendsOf(database: string): () => number[] {
  return () =>
    readdirSync('/proc').flatMap((entry) => {
      if (!/^\d+$/.test(entry)) return [];
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return cmdline.startsWith('postgres:') && cmdline.split(' ').includes(database) ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
}

function machineTicks(): { total: number; busy: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const total = user! + nice! + system! + idle! + iowait! + irq! + softirq! + steal!;
  return { total, busy: total - idle! - iowait! };
}

/** User and system ticks of each process still running. */
function ticksOf(pids: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      // The command name (field 2) may hold spaces: read the fields after its closing parenthesis.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // ended
    }
  }
  return ticks;
}
