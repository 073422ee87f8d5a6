// Owns running the outbox: claim due items, call the handler for their kind, record the outcome.
import type { Log } from '../services/log.js';
import { fitByGrapheme } from '../domain/cut-text.js';
import { DeferredError, PermanentError, RateLimitError } from '../services/errors.js';
import type { Clock } from '../services/ports.js';
import type { OutboxHandler, OutboxJob } from '../services/outbox-handler.js';
import { backoffMs } from './backoff.js';
import type { Sql } from './db.js';
import { claimDue, claimStaleNotice, recordOutcome, type Outcome } from './outbox-queries.js';



export interface OutboxWorkerOptions {
  readonly db: Sql;
  /** One handler per kind; items of other kinds are left for a worker that knows them. */
  readonly handlers: Readonly<Record<string, OutboxHandler>>;
  readonly clock: Clock;
  readonly workerId: string;
  readonly pollMs?: number;
  readonly batch?: number;
  /** How long a claim lasts; a handler running longer may be run again by another worker. */
  readonly leaseMs?: number;
  /**
   * A failing item is given up only once it has had this many attempts AND is older than giveUpAfterMs: a
   * callee that is merely flaky (a bad hour at Slack) must not cost a card.
   */
  readonly maxAttempts?: number;
  readonly giveUpAfterMs?: number;
  /** An item still retrying this long after it was enqueued is reported once through onStale. */
  readonly staleAfterMs?: number;
  readonly onStale?: (job: OutboxJob, error: unknown) => Promise<void> | void;
  /** 429s are not failures, but a callee that only ever says 429 must still end somewhere. */
  readonly maxRateLimits?: number;
  readonly logger?: Pick<Log, 'info' | 'warn' | 'error'>;
  /** Called once an item is given up on (permanent error, or out of attempts). */
  readonly onFailed?: (job: OutboxJob, error: unknown) => Promise<void> | void;
  readonly random?: () => number;
}

export interface OutboxWorker {
  start(): void;
  /** Stops polling and waits for the run in progress. */
  stop(): Promise<void>;
  /** Claims and runs what is due now; resolves with how many items it ran. */
  runOnce(): Promise<number>;
  /**
   * Runs these items now, if due and nobody holds them: for what a person is waiting to see. They are
   * outbox items all the same, so a failure is retried by the poll like any other.
   */
  dispatch(keys: readonly string[]): Promise<number>;
  /** New items were committed: look now rather than at the next poll (a look under way goes again when it ends). */
  wake(): void;
}

/** Retrying at the capped back-off (five minutes) for a day: long enough to outlast any outage Slack has had. */
const DEFAULT_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
const DEFAULT_STALE_AFTER_MS = 15 * 60_000;

const quiet: Pick<Log, 'info' | 'warn' | 'error'> = { info() {}, warn() {}, error() {} };

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, handlers, clock, workerId, onFailed } = options;
  const pollMs = options.pollMs ?? 1_000;
  const batch = options.batch ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULT_GIVE_UP_AFTER_MS;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const maxRateLimits = options.maxRateLimits ?? 50;
  const logger = options.logger ?? quiet;
  const kinds = Object.keys(handlers);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  let ticking = false;
  let wokenDuringTick = false;

  async function runOnce(keys?: readonly string[]): Promise<number> {
    if (kinds.length === 0) return 0;
    const now = clock.now();
    const jobs = await claimDue(db, { now, leaseUntil: new Date(now.getTime() + leaseMs), workerId, kinds, batch, ...(keys ? { keys } : {}) });
    await Promise.all(jobs.map((job) => runJob(job)));
    return jobs.length;
  }

  async function runJob(job: OutboxJob): Promise<void> {
    const handler = handlers[job.kind];
    let outcome: Outcome;
    let error: unknown = null;
    try {
      const result = handler ? await handler(job) : undefined;
      outcome = { status: 'done', result: result ?? null };
    } catch (e) {
      error = e;
      outcome = failureOutcome(job, e);
    }
    const now = clock.now();
    try {
      const recorded = await recordOutcome(db, job, workerId, now, outcome);
      if (!recorded) {
        logger.warn({ key: job.key, kind: job.kind }, 'outbox lease expired before the handler finished; another worker owns the item');
        return;
      }
    } catch (e) {
      // The item stays leased and comes back when the lease expires: at least once, never lost.
      logger.error({ key: job.key, kind: job.kind, err: e }, 'could not record outbox outcome');
      return;
    }
    if (outcome.status === 'retry') {
      logger.warn({ key: job.key, kind: job.kind, runAt: outcome.runAt, err: error }, 'outbox item will be retried');
      await reportIfStale(job, now, error);
    }
    if (outcome.status === 'failed') {
      logger.error({ key: job.key, kind: job.kind, err: error }, 'outbox item failed for good');
      try {
        await onFailed?.(job, error);
      } catch (e) {
        logger.error({ key: job.key, kind: job.kind, err: e }, 'outbox onFailed hook threw');
      }
    }
  }

  async function reportIfStale(job: OutboxJob, now: Date, error: unknown): Promise<void> {
    if (!options.onStale || now.getTime() - job.createdAt.getTime() < staleAfterMs) return;
    try {
      if (await claimStaleNotice(db, job.id, now)) await options.onStale(job, error);
    } catch (e) {
      logger.error({ key: job.key, kind: job.kind, err: e }, 'could not report an old outbox item');
    }
  }

  function failureOutcome(job: OutboxJob, e: unknown): Outcome {
    const message = describe(e);
    const now = clock.now().getTime();
    if (isDeferred(e)) {
      // Waiting on our own bookkeeping (another worker's post under way) is not an attempt.
      return { status: 'retry', error: message, attempts: job.attempts - 1, rateLimits: job.rateLimits, runAt: new Date(now + Math.max(0, e.retryAfterMs)) };
    }
    if (isRateLimit(e)) {
      // The callee told us when: that is not a failure of ours, so the attempt is given back.
      const rateLimits = job.rateLimits + 1;
      const attempts = job.attempts - 1;
      if (rateLimits > maxRateLimits) return { status: 'failed', error: `gave up after ${maxRateLimits} rate limits: ${message}`, attempts, rateLimits };
      return { status: 'retry', error: message, attempts, rateLimits, runAt: new Date(now + Math.max(0, e.retryAfterMs)) };
    }
    const tooOld = now - job.createdAt.getTime() >= giveUpAfterMs;
    if (isPermanent(e) || (job.attempts >= maxAttempts && tooOld)) {
      return { status: 'failed', error: message, attempts: job.attempts, rateLimits: job.rateLimits };
    }
    const delay = backoffMs(job.attempts, { random: options.random ?? Math.random });
    return { status: 'retry', error: message, attempts: job.attempts, rateLimits: job.rateLimits, runAt: new Date(now + delay) };
  }

  async function tick(): Promise<void> {
    ticking = true;
    wokenDuringTick = false;
    let ran = 0;
    try {
      ran = await runOnce();
    } catch (e) {
      logger.error({ workerId, err: e }, 'outbox poll failed');
    }
    ticking = false;
    // A full batch means there is probably more, and a wake during the look may be for items it missed: go again straight away.
    if (!stopped) timer = setTimeout(() => void (running = tick()), ran >= batch || wokenDuringTick ? 0 : pollMs);
  }

  function wake(): void {
    if (stopped) return;
    if (ticking) {
      wokenDuringTick = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = tick();
  }

  return {
    dispatch: (keys) => runOnce(keys),
    wake,
    start() {
      if (!stopped) return;
      stopped = false;
      running = tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    runOnce: () => runOnce(),
  };
}

// By code as well as class, so an error from another copy of the module still counts.
function isRateLimit(e: unknown): e is RateLimitError {
  return e instanceof RateLimitError || (e instanceof Error && (e as { code?: unknown }).code === 'rate_limited' && typeof (e as { retryAfterMs?: unknown }).retryAfterMs === 'number');
}

function isDeferred(e: unknown): e is DeferredError {
  return e instanceof DeferredError || (e instanceof Error && (e as { code?: unknown }).code === 'deferred' && typeof (e as { retryAfterMs?: unknown }).retryAfterMs === 'number');
}

function isPermanent(e: unknown): boolean {
  return e instanceof PermanentError || (e instanceof Error && (e as { code?: unknown }).code === 'permanent');
}

function describe(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return fitByGrapheme(text, 2000);
}
