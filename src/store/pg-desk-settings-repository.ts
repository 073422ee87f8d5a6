// Owns desk_settings (the current value of each desk-wide setting) and its append-only history.
import type { DeskSettingsRepository, EmergencyMode } from '../services/ports.js';
import type { Sql } from './db.js';
import { writeDeskSetting } from './write-desk-setting.js';

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
    await this.sql.transaction((tx) => writeDeskSetting(tx, { key: EMERGENCY, value, at, by }));
  }
}
