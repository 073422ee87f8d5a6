// One way to change a desk-wide setting: the current value in desk_settings and a row in its append-only history,
// in the caller's transaction, so every setting (emergency mode, away periods, holding lines) says who changed it.
import type { Sql } from './db.js';

export interface SettingChange {
  key: string;
  /** Already serialised JSON. */
  value: string;
  at: Date | string;
  by: { personId: string; name: string; surface: string };
}

export async function writeDeskSetting(tx: Sql, change: SettingChange): Promise<void> {
  const { key, value, at, by } = change;
  await tx.query(
    `INSERT INTO desk_settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3, updated_by = $4`,
    [key, value, at, by.personId],
  );
  await tx.query(
    `INSERT INTO desk_setting_changes (key, value, changed_at, changed_by, changed_by_name, surface) VALUES ($1, $2, $3, $4, $5, $6)`,
    [key, value, at, by.personId, by.name, by.surface],
  );
}
