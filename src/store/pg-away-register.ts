// Owns out-of-office periods (issue 18), kept as desk settings ("away:<person id>") with their append-only history,
// so no new table is needed and every change says who made it.
import type { AwayPeriod } from '../policy/away.js';
import type { AwayRegister } from '../services/ports.js';
import type { Sql } from './db.js';

const PREFIX = 'away:';

export class PgAwayRegister implements AwayRegister {
  constructor(private readonly sql: Sql) {}

  async list(): Promise<AwayPeriod[]> {
    const result = await this.sql.query<{ key: string; value: { from?: string; to?: string } }>(`SELECT key, value FROM desk_settings WHERE key LIKE 'away:%'`);
    return result.rows.flatMap((r) => (r.value.from && r.value.to ? [{ personId: r.key.slice(PREFIX.length), from: r.value.from, to: r.value.to }] : []));
  }

  async record(personId: string, period: { from: string; to: string } | null, by: { personId: string; name: string; surface: string }, at: Date): Promise<void> {
    const key = `${PREFIX}${personId}`;
    const value = JSON.stringify(period ?? { off: true });
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO desk_settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3, updated_by = $4`,
        [key, value, at, by.personId],
      );
      await tx.query(`INSERT INTO desk_setting_changes (key, value, changed_at, changed_by, changed_by_name, surface) VALUES ($1, $2, $3, $4, $5, $6)`, [key, value, at, by.personId, by.name, by.surface]);
    });
  }
}
