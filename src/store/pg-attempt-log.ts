// Owns network_attempts: whether an outbound action (by idempotency key) was tried before, and when first.
import type { AttemptLog } from '../services/network-state-ports.js';
import type { Clock } from '../services/ports.js';
import type { Sql } from './db.js';

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
