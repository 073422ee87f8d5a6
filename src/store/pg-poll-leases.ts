// Owns which replica polls each source: a lease in poll_leases that its holder renews at every poll and that lapses
// if it stops (crash), so two replicas on one database poll X and the feeds once, not twice.
import type { PollLease } from '../services/network-state-ports.js';
import type { Sql } from './db.js';

export function createPgPollLease(db: Sql, holder: string): PollLease {
  return {
    async take(name, forMs) {
      // The database's clock, not the replicas': their clocks may disagree, the lease must not.
      const { rows } = await db.query(
        `INSERT INTO poll_leases (name, holder, leased_until) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, leased_until = EXCLUDED.leased_until
           WHERE poll_leases.holder = EXCLUDED.holder OR poll_leases.leased_until < clock_timestamp()
         RETURNING holder`,
        [name, holder, Math.round(forMs)],
      );
      return rows.length > 0;
    },
    async release(name) {
      await db.query('DELETE FROM poll_leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
  };
}
