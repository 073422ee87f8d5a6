// Owns the exports' reads: a case's events with their seals and salts, a stretch of the chain, an author's account.
import type { AccountRecord, ChainLink, ExportSource, ProvenEvent } from '../services/export-ports.js';
import type { Sql } from './db.js';
import { personalFieldsOfEvents } from './pg-personal-fields.js';

export class PgExportSource implements ExportSource {
  constructor(private readonly sql: Sql) {}

  async provenEvents(caseId: string): Promise<ProvenEvent[]> {
    const rows = (await this.sql.query<{ seq: string; id: string; prev_hash: string | null; hash: string | null; body: Record<string, unknown> }>(
      'SELECT seq, id, prev_hash, hash, body FROM events WHERE case_id = $1 ORDER BY seq', [caseId],
    )).rows;
    const personal = await personalFieldsOfEvents(this.sql, rows.map((r) => r.id));
    return rows.map((r) => ({
      seq: Number(r.seq), id: r.id, prevHash: r.prev_hash, hash: r.hash, sealedBody: r.body,
      personal: (personal.get(r.id) ?? []).map((f) => ({ field: f.field, value: f.value, salt: f.salt })),
    }));
  }

  async chainSegment(fromSeq: number, toSeq: number, limit: number): Promise<ChainLink[] | null> {
    const rows = (await this.sql.query<{ seq: string; prev_hash: string; hash: string; body: Record<string, unknown> }>(
      'SELECT seq, prev_hash, hash, body FROM events WHERE seq >= $1 AND seq <= $2 AND hash IS NOT NULL ORDER BY seq LIMIT $3', [fromSeq, toSeq, limit + 1],
    )).rows;
    if (rows.length > limit) return null;
    return rows.map((r) => ({ seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash, sealedBody: r.body }));
  }

  async account(authorKey: string): Promise<AccountRecord | null> {
    const row = (await this.sql.query<{ name: string; handle: string; followers: number | null; first_seen: Date; last_seen: Date }>(
      'SELECT name, handle, followers, first_seen, last_seen FROM accounts WHERE key = $1', [authorKey],
    )).rows[0];
    return row ? { name: row.name, handle: row.handle, followers: row.followers, firstSeen: row.first_seen.toISOString(), lastSeen: row.last_seen.toISOString() } : null;
  }
}
