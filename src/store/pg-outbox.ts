// Owns enqueueing outbound work, in the caller's transaction, once per idempotency key.
import type { Clock, Outbox, OutboxItem } from '../services/ports.js';
import type { Sql } from './db.js';

const ROWS_PER_INSERT = 1000;

export class PgOutbox implements Outbox {
  constructor(
    private readonly sql: Sql,
    // The worker compares run_at with its clock, so "now" here must come from the same clock.
    private readonly clock: Clock,
    /** Told once items are in (the store defers it to COMMIT inside a transaction). */
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    const now = this.clock.now();
    for (let i = 0; i < items.length; i += ROWS_PER_INSERT) {
      const chunk = items.slice(i, i + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const tuples = chunk.map((item) => {
        const values = [item.key, item.kind, JSON.stringify(item.payload), item.caseId ?? null, item.runAt ?? now, now];
        const start = params.length;
        params.push(...values);
        return `(${values.map((_, j) => `$${start + j + 1}`).join(', ')})`;
      });
      // A key already there (a retried request, a replayed webhook) keeps its first item.
      await this.sql.query(
        `INSERT INTO outbox (key, kind, payload, case_id, run_at, created_at)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (key) DO NOTHING`,
        params,
      );
    }
    if (items.length) this.onEnqueued();
  }
}
