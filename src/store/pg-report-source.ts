// Owns the report's reads: cases opened in a period, and the few event types the figures need.
import type { Case } from '../domain/case.js';
import type { CaseEvent } from '../domain/events.js';
import type { ReportSource } from '../services/ports.js';
import type { Sql } from './db.js';

export class PgReportSource implements ReportSource {
  constructor(private readonly sql: Sql) {}

  async casesOpenedBetween(from: Date, to: Date): Promise<Case[]> {
    const result = await this.sql.query<{ body: Case }>(`SELECT body FROM cases WHERE opened_at >= $1 AND opened_at < $2 ORDER BY opened_at, id`, [from, to]);
    return result.rows.map((r) => r.body);
  }

  /** One statement, only the rows wanted: a desk with 100,000 cases does not read them all to learn from a few thousand. */
  async recentDecidedCases(limit: number): Promise<Array<{ case: Case; text: string }>> {
    const result = await this.sql.query<{ body: Case; text: string }>(
      `SELECT c.body, m.body->>'text' AS text FROM cases c JOIN mentions m ON m.id = c.mention_id
        WHERE jsonb_typeof(c.body->'classification') = 'object'
           OR jsonb_array_length(COALESCE(c.body->'moderation', '[]')) > 0
           OR jsonb_array_length(COALESCE(c.body->'escalations', '[]')) > 0
        ORDER BY c.opened_at DESC, c.id DESC LIMIT $1`,
      [limit],
    );
    return result.rows.reverse().map((r) => ({ case: r.body, text: r.text }));
  }

  async eventsOfTypes(caseIds: readonly string[], types: readonly CaseEvent['type'][]): Promise<CaseEvent[]> {
    if (!caseIds.length) return [];
    const result = await this.sql.query<{ body: CaseEvent }>(`SELECT body FROM events WHERE case_id = ANY($1::text[]) AND type = ANY($2::text[]) ORDER BY seq`, [[...caseIds], [...types]]);
    return result.rows.map((r) => r.body);
  }
}
