// Owns surge holding lines (issue 18), one per topic, kept as desk settings ("holding_line:<topic>") with their
// append-only history: who agreed which line, when.
import type { HoldingLine } from '../policy/holding-line.js';
import type { HoldingLines } from '../services/ports.js';
import type { Sql } from './db.js';

const key = (topic: string) => `holding_line:${topic.trim().toLowerCase()}`;

export class PgHoldingLines implements HoldingLines {
  constructor(private readonly sql: Sql) {}

  async forTopic(topic: string): Promise<HoldingLine | null> {
    const result = await this.sql.query<{ value: HoldingLine }>(`SELECT value FROM desk_settings WHERE key = $1`, [key(topic)]);
    return result.rows[0]?.value ?? null;
  }

  /** Inserts or replaces the line under a row lock, so two agreements at once leave one, recorded once each. */
  async agree(line: HoldingLine, keep: (existing: HoldingLine | null) => boolean, by: { personId: string; surface: string }): Promise<HoldingLine> {
    return this.sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key(line.topic)]);
      const existing = (await tx.query<{ value: HoldingLine }>(`SELECT value FROM desk_settings WHERE key = $1`, [key(line.topic)])).rows[0]?.value ?? null;
      if (keep(existing) && existing) return existing;
      const value = JSON.stringify(line);
      await tx.query(
        `INSERT INTO desk_settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3, updated_by = $4`,
        [key(line.topic), value, line.agreedAt, by.personId],
      );
      await tx.query(`INSERT INTO desk_setting_changes (key, value, changed_at, changed_by, changed_by_name, surface) VALUES ($1, $2, $3, $4, $5, $6)`, [key(line.topic), value, line.agreedAt, by.personId, line.agreedBy, by.surface]);
      return line;
    });
  }
}
