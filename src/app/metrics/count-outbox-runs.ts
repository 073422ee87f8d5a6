// Owns counting what the outbox does, from outside the worker: each handler's outcome (done, 429, error), the
// clock breaches a clock.due run raises, and the items given up on for good.
import type { OutboxHandler, OutboxJob } from '../../services/outbox-handler.js';
import type { OutboxHandlers } from '../../services/outbox-kinds.js';
import type { DeskMetrics } from './desk-metrics.js';

/** The desk's handlers (only its own kinds: a misspelt one does not compile), each counted. */
export function countedHandlers(metrics: DeskMetrics, handlers: OutboxHandlers<OutboxHandler>): Record<string, OutboxHandler> {
  for (const kind of Object.keys(handlers)) metrics.outboxKinds.add(kind);
  return Object.fromEntries(Object.entries(handlers).flatMap(([kind, handler]) => (handler ? [[kind, counted(metrics, kind, handler)]] : [])));
}

function counted(metrics: DeskMetrics, kind: string, handler: OutboxHandler): OutboxHandler {
  return async (job) => {
    try {
      const result = await handler(job);
      metrics.outboxRuns.inc({ kind, outcome: 'done' });
      // runClockJob answers { noticed: 'due' } when it raised an overdue case (not when the clock had stopped or paused).
      if (kind === 'clock.due' && result?.['noticed'] === 'due') metrics.clockBreaches.inc({ clock: String(job.payload['clockId'] ?? 'unknown') });
      return result;
    } catch (e) {
      metrics.outboxRuns.inc({ kind, outcome: isRateLimited(e) ? 'rate_limited' : 'error' });
      throw e;
    }
  };
}

/** Wraps the worker's onFailed hook so each item given up on is counted once, whatever the hook does. */
export function countedOnFailed(metrics: DeskMetrics, onFailed: (job: OutboxJob, error: unknown) => Promise<void>): (job: OutboxJob, error: unknown) => Promise<void> {
  return (job, error) => {
    metrics.outboxFailed.inc({ kind: job.kind });
    return onFailed(job, error);
  };
}

// By code as well as class, as the worker does, so an error from another copy of the module still counts.
function isRateLimited(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'rate_limited';
}
