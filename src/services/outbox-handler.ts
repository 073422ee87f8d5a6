// Owns the outbox's port: an item as a handler is given it, and the handler an adapter supplies for its kinds. It lives
// with the services so adapters implement it without importing the store that runs it.
export interface OutboxJob {
  readonly id: number;
  readonly key: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly caseId: string | null;
  /** This run's number: runs started so far, this one included, rate-limited runs not counted. */
  readonly attempts: number;
  readonly rateLimits: number;
  readonly runAt: Date;
  /** The lease this run holds: outcomes are recorded only while it is still ours. */
  readonly lockedUntil: Date;
  /** When the item was enqueued: how long it has been waiting decides when to tell an admin and to give up. */
  readonly createdAt: Date;
}

/** Returns what to keep as the item's result (e.g. the posted message's ts), or nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that keeps nothing returns nothing (an async function's void), not undefined
export type OutboxHandler = (job: OutboxJob) => Promise<Record<string, unknown> | void>;
