// Owns how long a poller's lease on its source lasts (the lease itself: src/store/pg-poll-leases.ts).
/** How long a lease lasts: long enough that a slow poll keeps it, short enough that a crashed holder's source waits little. */
export function leaseLengthMs(intervalMs: number): number {
  return 2 * intervalMs + 30_000;
}
