// Owns the retry delay after a failed outbound call: exponential, capped, with jitter.

export interface BackoffOptions {
  readonly baseMs?: number;
  readonly capMs?: number;
  /** 0 <= random() < 1; injected so tests can pin the jitter. */
  readonly random?: () => number;
}

/**
 * Delay before retry number `failures` (1 after the first failure): base·2^(failures-1),
 * capped, then "equal jitter" into [half, full] so replicas that failed together (a Slack
 * outage) don't all retry in the same second, yet never retry sooner than half the step.
 */
export function backoffMs(failures: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1_000;
  const cap = options.capMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  const step = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
