// Owns the outbox worker's SQL: claiming due items under a lease, and recording each outcome.
import type { OutboxJob } from '../services/outbox-handler.js';
import type { Sql } from './db.js';


interface JobRow {
  id: string;
  key: string;
  kind: string;
  payload: Record<string, unknown>;
  case_id: string | null;
  attempts: number;
  rate_limits: number;
  run_at: Date;
  locked_until: Date;
  created_at: Date;
}

/**
 * Leases up to `batch` due items of the given kinds. SKIP LOCKED makes concurrent claimers
 * take different rows; the lease (locked_until) keeps a claimed row from being claimed again
 * until it expires, which is how a crashed worker's items come back. The attempt is counted
 * at the claim, so an item that crashes its worker still runs out of attempts.
 */
export async function claimDue(sql: Sql, a: { now: Date; leaseUntil: Date; workerId: string; kinds: string[]; batch: number; keys?: readonly string[] }): Promise<OutboxJob[]> {
  const result = await sql.query<JobRow>(
    `UPDATE outbox SET locked_until = $2, locked_by = $3, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM outbox
         WHERE status = 'pending' AND run_at <= $1 AND kind = ANY($4::text[])
           AND (locked_until IS NULL OR locked_until <= $1)
           AND ($6::text[] IS NULL OR key = ANY($6::text[]))
         ORDER BY run_at, id
         LIMIT $5
         FOR UPDATE SKIP LOCKED)
      RETURNING id, key, kind, payload, case_id, attempts, rate_limits, run_at, locked_until, created_at`,
    [a.now, a.leaseUntil, a.workerId, a.kinds, a.batch, a.keys ? [...a.keys] : null],
  );
  return result.rows
    .map((r) => ({
      id: Number(r.id),
      key: r.key,
      kind: r.kind,
      payload: r.payload,
      caseId: r.case_id,
      attempts: r.attempts,
      rateLimits: r.rate_limits,
      runAt: r.run_at,
      lockedUntil: r.locked_until,
      createdAt: r.created_at,
    }))
    .sort((x, y) => x.runAt.getTime() - y.runAt.getTime() || x.id - y.id);
}

export type Outcome =
  | { readonly status: 'done'; readonly result: Record<string, unknown> | null }
  | { readonly status: 'failed'; readonly error: string; readonly attempts: number; readonly rateLimits: number }
  | { readonly status: 'retry'; readonly error: string; readonly attempts: number; readonly rateLimits: number; readonly runAt: Date };

/** False when the lease was lost (expired and taken by another worker): their outcome wins. */
export async function recordOutcome(sql: Sql, job: OutboxJob, workerId: string, now: Date, outcome: Outcome): Promise<boolean> {
  const fence = 'id = $1 AND locked_by = $2 AND locked_until = $3 AND status = \'pending\'';
  const head = [job.id, workerId, job.lockedUntil];
  let result: Awaited<ReturnType<Sql['query']>>;
  if (outcome.status === 'done') {
    result = await sql.query(
      `UPDATE outbox SET status = 'done', result = $4, done_at = $5, last_error = NULL, locked_until = NULL, locked_by = NULL WHERE ${fence}`,
      [...head, outcome.result === null ? null : JSON.stringify(outcome.result), now],
    );
  } else if (outcome.status === 'failed') {
    result = await sql.query(
      `UPDATE outbox SET status = 'failed', last_error = $4, attempts = $5, rate_limits = $6, done_at = $7, locked_until = NULL, locked_by = NULL WHERE ${fence}`,
      [...head, outcome.error, outcome.attempts, outcome.rateLimits, now],
    );
  } else {
    result = await sql.query(
      `UPDATE outbox SET last_error = $4, attempts = $5, rate_limits = $6, run_at = $7, locked_until = NULL, locked_by = NULL WHERE ${fence}`,
      [...head, outcome.error, outcome.attempts, outcome.rateLimits, outcome.runAt],
    );
  }
  return result.rowCount === 1;
}

/** True for exactly one caller per item: the one that gets to tell an admin the item is old. */
export async function claimStaleNotice(sql: Sql, id: number, now: Date): Promise<boolean> {
  const result = await sql.query(`UPDATE outbox SET stale_noticed_at = $2 WHERE id = $1 AND stale_noticed_at IS NULL`, [id, now]);
  return result.rowCount === 1;
}
