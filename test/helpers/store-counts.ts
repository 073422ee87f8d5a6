// Owns what a refused request must leave alone: how many mentions, cases, events and outbox jobs the store holds.
import type { Db } from '../../src/store/db.js';

export async function storeCounts(db: Db): Promise<string> {
  const r = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM mentions)::int AS mentions, (SELECT count(*) FROM cases)::int AS cases,
            (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM outbox)::int AS outbox`,
  );
  return JSON.stringify(r.rows[0]);
}
