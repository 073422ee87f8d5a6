// Owns the mentions table: one row per (network, externalId), whoever sends it first.
import type { Mention } from '../domain/mention.js';
import type { MentionExtras, MentionRepository, StoredMention } from '../services/ports.js';
import type { Sql } from './db.js';

interface MentionRow {
  id: string;
  body: Mention;
  received_at: Date;
}

export class PgMentionRepository implements MentionRepository {
  constructor(private readonly sql: Sql) {}

  async insertIfNew(id: string, mention: Mention, receivedAt: Date, extra: MentionExtras = {}): Promise<{ inserted: true } | { inserted: false; existingId: string }> {
    // ON CONFLICT waits for a concurrent insert of the same key to commit or roll back, so
    // parallel duplicates end with one row and everyone agreeing on its id.
    const inserted = await this.sql.query(
      `INSERT INTO mentions (id, network, external_id, body, received_at, topic, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (network, external_id) DO NOTHING
       RETURNING id`,
      [id, mention.network, mention.externalId, JSON.stringify(mention), receivedAt, extra.topic ?? null, extra.postedAt ?? receivedAt],
    );
    if (inserted.rowCount === 1) return { inserted: true };
    const existing = await this.sql.query<{ id: string }>(
      'SELECT id FROM mentions WHERE network = $1 AND external_id = $2',
      [mention.network, mention.externalId],
    );
    const existingId = existing.rows[0]?.id;
    if (!existingId) throw new Error(`mention ${mention.network}/${mention.externalId} conflicted but cannot be found`);
    return { inserted: false, existingId };
  }

  async get(id: string): Promise<StoredMention | null> {
    const result = await this.sql.query<MentionRow>('SELECT id, body, received_at FROM mentions WHERE id = $1', [id]);
    const row = result.rows[0];
    return row ? { id: row.id, mention: row.body, receivedAt: row.received_at.toISOString() } : null;
  }

  async recentOnTopic(topic: string, since: Date, limit: number): Promise<Array<{ caseId: string; postedAt: Date }>> {
    const result = await this.sql.query<{ case_id: string; posted_at: Date }>(
      `SELECT c.id AS case_id, m.posted_at FROM mentions m JOIN cases c ON c.mention_id = m.id
       WHERE m.topic = $1 AND m.posted_at >= $2 ORDER BY m.posted_at, c.id LIMIT $3`,
      [topic, since, limit],
    );
    return result.rows.map((r) => ({ caseId: r.case_id, postedAt: r.posted_at }));
  }

  async factsCorrectedInThread(network: string, threadId: string, exceptCaseId: string): Promise<string | null> {
    // The expression matches mentions_thread_idx (migration 0050).
    const result = await this.sql.query<{ id: string }>(
      `SELECT c.id FROM mentions m JOIN cases c ON c.mention_id = m.id
       WHERE m.network = $1 AND COALESCE(m.body->'parent'->>'externalId', m.external_id) = $2
         AND c.id <> $3 AND c.body->>'outcome' = 'facts_corrected'
       ORDER BY c.opened_at, c.id LIMIT 1`,
      [network, threadId, exceptCaseId],
    );
    return result.rows[0]?.id ?? null;
  }
}
