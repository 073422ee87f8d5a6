// Owns unreadable_changes: what a network delivered that the desk could not read, kept whole to be seen and replayed.
import { createHash } from 'node:crypto';
import type { UnreadableChanges, UnreadableRecord } from '../services/network-state-ports.js';
import type { Clock } from '../services/ports.js';
import type { Sql } from './db.js';

interface Row {
  id: string;
  source: string;
  network: string;
  raw: string;
  reason: string;
  received_at: Date;
  last_seen_at: Date;
  times_received: number;
  replayed_at: Date | null;
  replay_outcome: string | null;
}

const COLUMNS = 'id::text AS id, source, network, raw, reason, received_at, last_seen_at, times_received, replayed_at, replay_outcome';

export function createPgUnreadableChanges(db: Sql, clock: Clock): UnreadableChanges {
  return {
    async keep(c) {
      const now = clock.now();
      const sha = createHash('sha256').update(c.raw).digest('hex');
      await db.query(
        `INSERT INTO unreadable_changes (source, network, raw, raw_sha256, reason, received_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (source, raw_sha256) DO UPDATE SET times_received = unreadable_changes.times_received + 1, last_seen_at = EXCLUDED.last_seen_at`,
        [c.source, c.network, c.raw, sha, c.reason, now],
      );
    },
    async list(o = {}) {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM unreadable_changes ${o.includeReplayed ? '' : 'WHERE replayed_at IS NULL'} ORDER BY received_at, id LIMIT $1`,
        [o.limit ?? 200],
      );
      return rows.map(toRecord);
    },
    async get(id) {
      if (!/^\d{1,18}$/.test(id)) return null;
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM unreadable_changes WHERE id = $1`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async markReplayed(id, outcome) {
      await db.query('UPDATE unreadable_changes SET replayed_at = $2, replay_outcome = $3 WHERE id = $1', [id, clock.now(), outcome]);
    },
    async updateReason(id, reason) {
      await db.query('UPDATE unreadable_changes SET reason = $2 WHERE id = $1', [id, reason]);
    },
  };
}

function toRecord(r: Row): UnreadableRecord {
  return {
    id: r.id,
    source: r.source,
    network: r.network,
    raw: r.raw,
    reason: r.reason,
    receivedAt: new Date(r.received_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    timesReceived: r.times_received,
    replayedAt: r.replayed_at ? new Date(r.replayed_at).toISOString() : null,
    replayOutcome: r.replay_outcome,
  };
}
