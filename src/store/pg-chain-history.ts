// Owns reading the sealed chain for checkpoints: the head, marks along it, and the stored hash at given seqs.
import type { ChainHistory, ChainPoint } from '../services/checkpoint-ports.js';
import type { Sql } from './db.js';

export class PgChainHistory implements ChainHistory {
  constructor(private readonly sql: Sql) {}

  async head(): Promise<ChainPoint> {
    const row = (await this.sql.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM event_chain_head WHERE singleton')).rows[0];
    if (!row) throw new Error('event_chain_head is empty');
    return { seq: Number(row.last_seq), hash: row.last_hash };
  }

  async marks(after: number, upTo: number, every: number): Promise<ChainPoint[]> {
    const result = await this.sql.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM events WHERE seq > $1 AND seq <= $2 AND seq % $3 = 0 AND hash IS NOT NULL ORDER BY seq',
      [after, upTo, every],
    );
    return result.rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
  }

  async hashesAt(seqs: readonly number[]): Promise<Map<number, string>> {
    if (seqs.length === 0) return new Map();
    const result = await this.sql.query<{ seq: string; hash: string | null }>('SELECT seq, hash FROM events WHERE seq = ANY($1::bigint[])', [[...seqs]]);
    return new Map(result.rows.flatMap((r) => (r.hash ? [[Number(r.seq), r.hash] as const] : [])));
  }
}
