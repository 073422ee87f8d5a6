// Owns the event_personal_data table's reads and erasure (rows are written with their events, pg-event-log.ts): residents' fields kept apart from the hashed events.
import type { Sql } from './db.js';
import type { StoredPersonalField } from './personal-data-seal.js';

/** Every stored personal field of these events, by event id. */
export async function personalFieldsOfEvents(sql: Sql, eventIds: readonly string[]): Promise<Map<string, StoredPersonalField[]>> {
  const byEvent = new Map<string, StoredPersonalField[]>();
  if (eventIds.length === 0) return byEvent;
  const result = await sql.query<{ event_id: string; field: string; value: string | null; salt: string | null; erasure_id: string | null }>(
    'SELECT event_id, field, value, salt, erasure_id FROM event_personal_data WHERE event_id = ANY($1::uuid[])',
    [[...eventIds]],
  );
  for (const r of result.rows) {
    const list = byEvent.get(r.event_id) ?? [];
    list.push({ field: r.field, value: r.value, salt: r.salt, erasureId: r.erasure_id });
    byEvent.set(r.event_id, list);
  }
  return byEvent;
}

/** Erasure ids recorded by case.personal-data.erased events, as "caseId erasureId" pairs. */
export async function recordedErasures(sql: Sql, erasureIds: readonly string[]): Promise<Set<string>> {
  if (erasureIds.length === 0) return new Set();
  const result = await sql.query<{ case_id: string; erasure_id: string }>(
    `SELECT case_id, body->'data'->>'erasureId' AS erasure_id FROM events
      WHERE type = 'case.personal-data.erased' AND body->'data'->>'erasureId' = ANY($1::text[])`,
    [[...new Set(erasureIds)]],
  );
  return new Set(result.rows.map((r) => `${r.case_id} ${r.erasure_id}`));
}

/** Empties every still-held personal field of these events; the digests in the hashed bodies stay. Returns the count. */
export async function erasePersonalFields(tx: Sql, eventIds: readonly string[], erasureId: string, at: Date): Promise<number> {
  if (eventIds.length === 0) return 0;
  const result = await tx.query(
    `UPDATE event_personal_data SET value = NULL, salt = NULL, erased_at = $2, erasure_id = $3
      WHERE event_id = ANY($1::uuid[]) AND value IS NOT NULL`,
    [[...eventIds], at, erasureId],
  );
  return result.rowCount ?? 0;
}
