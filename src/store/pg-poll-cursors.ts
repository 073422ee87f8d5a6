// Owns the pollers' durable cursors (poll_cursors): read where a source got to, save where it got to next.
import type { PollCursors } from '../services/network-state-ports.js';
import type { Clock } from '../services/ports.js';
import type { Sql } from './db.js';

export function createPgPollCursors(db: Sql, clock: Clock): PollCursors {
  return {
    async get<T>(source: string) {
      const { rows } = await db.query<{ cursor: T }>('SELECT cursor FROM poll_cursors WHERE source = $1', [source]);
      return rows[0]?.cursor ?? null;
    },
    async set(source, cursor) {
      await db.query(
        `INSERT INTO poll_cursors (source, cursor, updated_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (source) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at`,
        [source, JSON.stringify(cursor), clock.now()],
      );
    },
  };
}
