// Runs a test desk's outbox until no chat or network item is left, moving the test clock to each retry's time.
import type { OutboxWorker } from '../../src/store/outbox-worker.js';
import type { Db } from '../../src/store/db.js';

/** Retries (back-off, Retry-After) are seconds to minutes away; deadline clocks are hours away and are left alone. */
const RETRY_HORIZON_MS = 10 * 60_000;

export async function settleOutbox(worker: OutboxWorker, db: Db, clock: { now(): Date; advance(ms: number): void }, maxRounds: number): Promise<number> {
  let ran = 0;
  for (let round = 0; round < maxRounds; round++) {
    const n = await worker.runOnce();
    ran += n;
    if (n > 0) continue;
    const next = await db.query<{ at: Date | null }>(`SELECT min(run_at) AS at FROM outbox WHERE status = 'pending' AND kind NOT LIKE 'clock.%'`);
    const wait = next.rows[0]?.at ? next.rows[0].at.getTime() - clock.now().getTime() : null;
    if (wait === null || wait > RETRY_HORIZON_MS) return ran;
    clock.advance(Math.max(0, wait) + 1);
  }
  throw new Error(`the outbox did not settle in ${maxRounds} rounds`);
}
