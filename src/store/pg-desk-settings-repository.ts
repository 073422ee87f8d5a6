// Owns desk_settings (the current value of each desk-wide setting) and its append-only history.
import type { DeskSettingsRepository, EmergencyMode } from '../services/ports.js';
import type { Sql } from './db.js';

const EMERGENCY = 'emergency_mode';

export class PgDeskSettingsRepository implements DeskSettingsRepository {
  constructor(private readonly sql: Sql) {}

  async emergencyMode(): Promise<EmergencyMode | null> {
    const result = await this.sql.query<{ value: EmergencyMode | { off: true } }>(`SELECT value FROM desk_settings WHERE key = $1`, [EMERGENCY]);
    const value = result.rows[0]?.value;
    return value && !('off' in value) ? value : null;
  }

  async recordEmergencyMode(mode: EmergencyMode | null, by: { personId: string; name: string; surface: string }, at: Date): Promise<void> {
    const value = JSON.stringify(mode ?? { off: true });
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO desk_settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3, updated_by = $4`,
        [EMERGENCY, value, at, by.personId],
      );
      await tx.query(
        `INSERT INTO desk_setting_changes (key, value, changed_at, changed_by, changed_by_name, surface) VALUES ($1, $2, $3, $4, $5, $6)`,
        [EMERGENCY, value, at, by.personId, by.name, by.surface],
      );
    });
  }
}
