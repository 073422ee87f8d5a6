// Owns enqueueing outbound work, in the caller's transaction, once per idempotency key.
import type { Clock, Outbox, OutboxItem } from '../services/ports.js';
import type { Sql } from './db.js';

/**
 * Items from `param` (outboxRows as JSON), in the order given (the worker takes them in id order). A key
 * already there (a retried request, a replayed webhook) keeps its first item.
 */
export function enqueueSql(param: string): string {
  return `INSERT INTO outbox (key, kind, payload, case_id, run_at, created_at)
          SELECT r.key, r.kind, r.payload, r.case_id, r.run_at, r.created_at
            FROM jsonb_to_recordset(${param}::jsonb) AS r(key text, kind text, payload jsonb, case_id text, run_at timestamptz, created_at timestamptz)
          ON CONFLICT (key) DO NOTHING`;
}

/** `now` must come from the clock the worker compares run_at with. */
export function outboxRows(items: readonly OutboxItem<string>[], now: Date) {
  return items.map((item) => ({ key: item.key, kind: item.kind, payload: item.payload, case_id: item.caseId ?? null, run_at: item.runAt ?? now, created_at: now }));
}

/**
 * Whether the worker has anything to run now among `items`: one woken for items that are all for later (intake's
 * reminders and deadlines) finds nothing due, and under load that was a claim query for every intake transaction.
 * Items for later are found by the worker's poll once due.
 */
export function anyDueNow(items: readonly OutboxItem<string>[], now: Date): boolean {
  return items.some((item) => item.runAt === undefined || item.runAt.getTime() <= now.getTime());
}

export class PgOutbox implements Outbox {
  constructor(
    private readonly sql: Sql,
    // The worker compares run_at with its clock, so "now" here must come from the same clock.
    private readonly clock: Clock,
    /** Told once items due now are in (the store defers it to COMMIT inside a transaction). */
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** Any kind: the worker claims by kind, and its tests give each test a kind of its own. */
  async enqueue(items: readonly OutboxItem<string>[]): Promise<void> {
    if (!items.length) return;
    const now = this.clock.now();
    await this.sql.query(enqueueSql('$1'), [JSON.stringify(outboxRows(items, now))]);
    if (anyDueNow(items, now)) this.onEnqueued();
  }
}
