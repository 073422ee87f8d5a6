// Owns the SQL of data protection: a person's cases, redacting a case's resident data, pruning finished items.
import type { Case } from '../domain/case.js';
import { ERASED_TEXT } from '../domain/personal-event-fields.js';
import type { ErasedCaseData, PersonalDataStore } from '../services/personal-data-ports.js';
import type { Sql } from './db.js';
import { erasePersonalFields } from './pg-personal-fields.js';

export class PgPersonalDataStore implements PersonalDataStore {
  constructor(private readonly sql: Sql) {}

  async casesOfAuthor(authorKey: string): Promise<Case[]> {
    const result = await this.sql.query<{ body: Case }>(`SELECT body FROM cases WHERE body->>'authorKey' = $1 ORDER BY opened_at, id`, [authorKey]);
    return result.rows.map((r) => r.body);
  }

  async closedUnredacted(closedBefore: Date, after: { closedAt: string; id: string } | null, limit: number): Promise<Case[]> {
    const result = await this.sql.query<{ body: Case }>(
      `SELECT c.body FROM cases c JOIN mentions m ON m.id = c.mention_id
        WHERE c.state = 'closed' AND (c.body->>'closedAt')::timestamptz < $1 AND NOT (m.body ? 'erased')
          AND ($2::timestamptz IS NULL OR ((c.body->>'closedAt')::timestamptz, c.id) > ($2::timestamptz, $3::text))
        ORDER BY (c.body->>'closedAt')::timestamptz, c.id LIMIT $4`,
      [closedBefore, after?.closedAt ?? null, after?.id ?? '', limit],
    );
    return result.rows.map((r) => r.body);
  }

  async eraseCase(caseId: string, mentionId: string, erasureId: string, at: Date): Promise<ErasedCaseData> {
    const events = await this.sql.query<{ id: string }>('SELECT id FROM events WHERE case_id = $1', [caseId]);
    const eventFields = await erasePersonalFields(this.sql, events.rows.map((r) => r.id), erasureId, at);
    await this.sql.query(`UPDATE mentions SET body = ${REDACTED_MENTION} WHERE id = $1`, [mentionId, erasureId, at.toISOString(), ERASED_TEXT]);
    const outbox = await this.sql.query(`DELETE FROM outbox WHERE case_id = $1 AND status <> 'pending'`, [caseId]);
    return { eventFields, outboxItems: outbox.rowCount };
  }

  async forgetAccount(authorKey: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM accounts WHERE key = $1', [authorKey])).rowCount > 0;
  }

  async pruneOutbox(finishedBefore: Date, dryRun: boolean): Promise<number> {
    const where = `status <> 'pending' AND coalesce(done_at, created_at) < $1`;
    if (dryRun) return countOf(await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE ${where}`, [finishedBefore]));
    return (await this.sql.query(`DELETE FROM outbox WHERE ${where}`, [finishedBefore])).rowCount;
  }

  async pruneUnreadable(receivedBefore: Date, dryRun: boolean): Promise<number> {
    const where = 'last_seen_at < $1';
    if (dryRun) return countOf(await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM unreadable_changes WHERE ${where}`, [receivedBefore]));
    return (await this.sql.query(`DELETE FROM unreadable_changes WHERE ${where}`, [receivedBefore])).rowCount;
  }
}

/**
 * The post's words, media, author and the parent's words go; its network, id, kind and times stay (the case
 * still counts in the figures, and a redelivery of the same post is still known). The link keeps its site only:
 * a post's address often holds the author's handle.
 */
const REDACTED_MENTION = `jsonb_build_object(
    'network', body->'network', 'externalId', body->'externalId', 'kind', body->'kind', 'postedAt', body->'postedAt',
    'url', coalesce(substring(body->>'url' from '^(https?://[^/]+)'), 'https://invalid') || '/',
    'text', $4::text,
    'author', jsonb_build_object('id', $4::text, 'name', $4::text, 'handle', $4::text, 'followers', null, 'verified', false),
    'media', '[]'::jsonb,
    'erased', jsonb_build_object('erasureId', $2::text, 'at', $3::text))
  || CASE WHEN body ? 'parent' THEN jsonb_build_object('parent', jsonb_build_object('externalId', body->'parent'->'externalId', 'text', $4::text)) ELSE '{}'::jsonb END`;

function countOf(result: { rows: Array<{ n: number }> }): number {
  return result.rows[0]?.n ?? 0;
}
