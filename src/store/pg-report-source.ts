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

  async eventsOfTypes(caseIds: readonly string[], types: readonly CaseEvent['type'][]): Promise<CaseEvent[]> {
    if (!caseIds.length) return [];
    const result = await this.sql.query<{ body: CaseEvent }>(`SELECT body FROM events WHERE case_id = ANY($1::text[]) AND type = ANY($2::text[]) ORDER BY seq`, [[...caseIds], [...types]]);
    return result.rows.map((r) => r.body);
  }
}
