// Owns network_attempts: whether an outbound action (by idempotency key) was tried before, and when first.
import type { Sql } from '../../../store/db.js';
import type { Clock } from '../../../services/ports.js';

export interface Attempt {
  /** When the first attempt started: what it may have created is no older than this. */
  readonly firstAt: Date;
  /** An earlier attempt exists whose outcome we may not know: look before acting again. */
  readonly isRetry: boolean;
}

export interface AttemptLog {
  /** Records this attempt before the network is called, so a crash mid-call still counts. */
  begin(key: string, network: string): Promise<Attempt>;
}

export function createPgAttemptLog(db: Sql, clock: Clock): AttemptLog {
  return {
    async begin(key, network) {
      const now = clock.now();
      const { rows } = await db.query<{ first_at: Date; attempts: number }>(
        `INSERT INTO network_attempts (key, network, first_at, attempts, last_at) VALUES ($1, $2, $3, 1, $3)
         ON CONFLICT (key) DO UPDATE SET attempts = network_attempts.attempts + 1, last_at = EXCLUDED.last_at
         RETURNING first_at, attempts`,
        [key, network, now],
      );
      const row = rows[0];
      if (!row) throw new Error(`network_attempts: no row returned for ${key}`);
      return { firstAt: new Date(row.first_at), isRetry: row.attempts > 1 };
    },
  };
}

/** For connectors used without a database (unit tests): remembers attempts in memory. */
export function createMemoryAttemptLog(clock: Clock): AttemptLog {
  const seen = new Map<string, Date>();
  return {
    async begin(key) {
      const first = seen.get(key);
      if (first) return { firstAt: first, isRetry: true };
      const now = clock.now();
      seen.set(key, now);
      return { firstAt: now, isRetry: false };
    },
  };
}
