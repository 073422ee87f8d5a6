// Typed errors with stable codes, so adapters map vendor failures once and the outbox decides retries.
export class DeskError extends Error {
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The callee said "slow down": retry no sooner than retryAfterMs (from Retry-After). */
export class RateLimitError extends DeskError {
  constructor(readonly retryAfterMs: number, message = `rate limited; retry after ${retryAfterMs} ms`, options?: { cause?: unknown }) {
    super('rate_limited', message, options);
  }
}

/** Retrying cannot help (deleted comment, revoked token, channel gone): record it, tell a person. */
export class PermanentError extends DeskError {
  constructor(message: string, readonly hint: string | null = null, options?: { cause?: unknown }) {
    super('permanent', message, options);
  }
}

/** The store could not be reached: intake answers 503, never a 2xx that was not stored. */
export class StoreUnavailableError extends DeskError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_unavailable', message, options);
  }
}

/**
 * Not a failure: the item is waiting on our own bookkeeping (another worker's post under way). The outbox
 * runs it again after retryAfterMs without counting an attempt.
 */
export class DeferredError extends DeskError {
  constructor(readonly retryAfterMs: number, message: string, options?: { cause?: unknown }) {
    super('deferred', message, options);
  }
}

/**
 * Another request stored one of the batch's mentions between intake's look and its store: nothing of the batch was
 * stored, and looking again shows the copy as stored (src/services/ingest-mentions.ts).
 */
export class IntakeRaceError extends DeskError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('intake_race', message, options);
  }
}
