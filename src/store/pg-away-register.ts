// Owns out-of-office periods (issue 18), kept as desk settings ("away:<person id>") with their append-only history,
// so no new table is needed and every change says who made it.
import type { AwayPeriod } from '../policy/away.js';
import type { AwayRegister } from '../services/ports.js';
import type { Sql } from './db.js';
import { writeDeskSetting } from './write-desk-setting.js';

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
    await this.sql.transaction((tx) => writeDeskSetting(tx, { key, value, at, by }));
  }
}
