// Owns surge holding lines (issue 18), one per topic, kept as desk settings ("holding_line:<topic>") with their
// append-only history: who agreed which line, when.
import type { HoldingLine } from '../policy/holding-line.js';
import type { HoldingLines } from '../services/ports.js';
import type { Sql } from './db.js';
import { writeDeskSetting } from './write-desk-setting.js';

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
      await writeDeskSetting(tx, { key: key(line.topic), value, at: line.agreedAt, by: { personId: by.personId, name: line.agreedBy, surface: by.surface } });
      return line;
    });
  }
}
