// Owns sampling what the bench database's busy backends are doing during a load phase, from
// pg_stat_activity: running (no wait event), or waiting on a lock, on the WAL, on the client, etc.
// A figure limited by a lock shows it here as the most common wait. It watches from the server's maintenance
// database (postgres), not the bench database: a backend there counts as one of the desk's PostgreSQL backends
// (cpu-share.ts), and its 50 queries a second were billed to the desk's mentions. BENCH_WAIT_QUERIES=1 adds each busy
// backend's statement (its first 60 characters) to what it was doing; BENCH_WAIT_TOP=N prints the first N kinds
// (default 4).
import pg from 'pg';

export interface WaitReading {
  /** Backends of the database not idle, on average over the samples. */
  readonly busyBackends: number;
  /** Queries the sampler ran (on the maintenance database, not the one watched). */
  readonly samples: number;
  /** Shares of busy-backend samples by what they were doing, most common first. */
  readonly waits: ReadonlyArray<{ readonly what: string; readonly share: number }>;
}

export interface WaitSampler {
  stop(): Promise<WaitReading>;
}

export async function sampleWaits(databaseUrl: string, everyMs = 20): Promise<WaitSampler> {
  const watched = new URL(databaseUrl);
  const database = watched.pathname.slice(1);
  watched.pathname = '/postgres';
  const client = new pg.Client({ connectionString: watched.toString(), application_name: 'mention-desk-bench-waits' });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const result = await client.query<{ what: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'running') || CASE WHEN state = 'active' THEN '' ELSE ' (' || state || ')' END
                || CASE WHEN $1 THEN ' ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 60) ELSE '' END AS what
           FROM pg_stat_activity
          WHERE datname = $2 AND state IS DISTINCT FROM 'idle'`,
        [process.env.BENCH_WAIT_QUERIES === '1', database],
      );
      for (const r of result.rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      samples += 1;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end();
      const total = [...counts.values()].reduce((s, x) => s + x, 0);
      return {
        busyBackends: samples ? total / samples : 0,
        samples,
        waits: [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => ({ what, share: n / (total || 1) })),
      };
    },
  };
}

/** "3.1 busy backends: running 52%, Lock:transactionid 20%, …" (the first `top` kinds). */
export function describeWaits(r: WaitReading, top = Number(process.env.BENCH_WAIT_TOP ?? 4)): string {
  return `${r.busyBackends.toFixed(1)} busy backends: ${r.waits.slice(0, top).map((w) => `${w.what} ${(w.share * 100).toFixed(0)}%`).join(', ')}`;
}
