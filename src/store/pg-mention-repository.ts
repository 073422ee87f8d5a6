// Owns the mentions table: one row per (network, externalId), whoever sends it first.
import type { Mention } from '../domain/mention.js';
import type { MentionArrival, MentionExtras, MentionInsertOutcome, MentionRepository, StoredMention } from '../services/ports.js';
import type { Sql } from './db.js';

interface MentionRow {
  id: string;
  body: Mention;
  received_at: Date;
}

export class PgMentionRepository implements MentionRepository {
  constructor(private readonly sql: Sql) {}

  async insertIfNew(id: string, mention: Mention, receivedAt: Date, extra: MentionExtras = {}): Promise<MentionInsertOutcome> {
    const [outcome] = await this.insertManyIfNew([{ id, mention, receivedAt, extra }]);
    return outcome!;
  }

  /** Two statements whatever the number (see insertMentionsSql). */
  async insertManyIfNew(arrivals: readonly MentionArrival[]): Promise<MentionInsertOutcome[]> {
    if (!arrivals.length) return [];
    const inserted = await this.sql.query<{ id: string }>(`${insertMentionsSql('$1')} RETURNING id`, [JSON.stringify(mentionRows(arrivals))]);
    const insertedIds = new Set(inserted.rows.map((r) => r.id));
    const conflicted = arrivals.filter((a) => !insertedIds.has(a.id));
    const existing = conflicted.length ? await existingMentionIds(this.sql, conflicted.map((a) => a.mention)) : new Map<string, string>();
    return arrivals.map((a) => {
      if (insertedIds.has(a.id)) return { inserted: true };
      const existingId = existing.get(mentionKey(a.mention));
      if (!existingId) throw new Error(`mention ${a.mention.network}/${a.mention.externalId} conflicted but cannot be found`);
      return { inserted: false, existingId };
    });
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

  async openCasesOnThreadOf(caseId: string): Promise<string[]> {
    // Both sides use the thread expression of mentions_thread_idx (migration 0050).
    const result = await this.sql.query<{ id: string }>(
      `SELECT o.id FROM cases c
         JOIN mentions m ON m.id = c.mention_id
         JOIN mentions om ON om.network = m.network
          AND COALESCE(om.body->'parent'->>'externalId', om.external_id) = COALESCE(m.body->'parent'->>'externalId', m.external_id)
         JOIN cases o ON o.mention_id = om.id
       WHERE c.id = $1 AND o.id <> c.id AND o.state <> 'closed'
       ORDER BY o.opened_at, o.id`,
      [caseId],
    );
    return result.rows.map((r) => r.id);
  }
}

/**
 * Inserts the mentions from `param` (mentionRows as JSON) not stored yet; add RETURNING as needed. ON CONFLICT
 * waits for a concurrent insert of the same key to commit or roll back, so parallel duplicates end with one row
 * and everyone agreeing on its id; rows go in key order (mentionRows sorts them) so two overlapping batches wait
 * on each other in the same order, not in a circle.
 */
export function insertMentionsSql(param: string): string {
  return `INSERT INTO mentions (id, network, external_id, body, received_at, topic, posted_at)
          SELECT r.id, r.network, r.external_id, r.body, r.received_at, r.topic, r.posted_at
            FROM jsonb_to_recordset(${param}::jsonb) AS r(id text, network text, external_id text, body jsonb, received_at timestamptz, topic text, posted_at timestamptz)
          ON CONFLICT (network, external_id) DO NOTHING`;
}

/** In key order (see insertMentionsSql). */
export function mentionRows(arrivals: readonly MentionArrival[]) {
  return arrivals
    .map((a) => ({ id: a.id, network: a.mention.network, external_id: a.mention.externalId, body: a.mention, received_at: a.receivedAt, topic: a.extra?.topic ?? null, posted_at: a.extra?.postedAt ?? a.receivedAt }))
    .sort((x, y) => compareKeys(x, y));
}

/**
 * The ids of the stored copies of these mentions, by mentionKey, in a statement of its own: a copy another
 * transaction committed while ours waited on it in ON CONFLICT is seen only by a statement begun after.
 */
export async function existingMentionIds(sql: Sql, mentions: readonly Mention[]): Promise<Map<string, string>> {
  const keys = mentions.map((m) => ({ network: m.network, external_id: m.externalId }));
  const found = await sql.query<{ id: string; network: string; external_id: string }>(
    `SELECT m.id, m.network, m.external_id FROM mentions m
       JOIN jsonb_to_recordset($1::jsonb) AS k(network text, external_id text) ON m.network = k.network AND m.external_id = k.external_id`,
    [JSON.stringify(keys)],
  );
  return new Map(found.rows.map((r) => [mentionKey({ network: r.network, externalId: r.external_id }), r.id]));
}

export function mentionKey(m: Pick<Mention, 'network' | 'externalId'>): string {
  return `${m.network}\u0000${m.externalId}`;
}

function compareKeys(x: { network: string; external_id: string }, y: { network: string; external_id: string }): number {
  return x.network === y.network ? (x.external_id < y.external_id ? -1 : x.external_id > y.external_id ? 1 : 0) : x.network < y.network ? -1 : 1;
}
