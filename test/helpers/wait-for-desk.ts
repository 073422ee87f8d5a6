// How long a test waits for a desk to act on something it was sent, and how it knows a message that must not come
// has had its chance. vi.waitFor's own default (one second) and a fixed pause are guesses that hold on a quiet laptop
// and not on a loaded CI machine (two cores, two stores' suites at once): a pause passes there when it should fail.
import { expect, vi } from 'vitest';
import type { Db } from '../../src/store/db.js';

/** Every wait for the desk names this one bound. Polled often: a test that passes still passes as fast as the desk answers. */
export const DESK_ACTS = { timeout: 15_000, interval: 20 } as const;

/**
 * Waits until every ephemeral message the desk has queued has been sent (they are dispatched at once, not by the
 * worker: the person is waiting). After it, an ephemeral that was not sent was never queued: "must not come" holds
 * however slow the machine, where a fixed pause only hoped it would.
 */
export async function ephemeralsSent(db: Db): Promise<void> {
  await vi.waitFor(async () => {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'chat.ephemeral' AND status = 'pending'`);
    expect(rows[0]?.n).toBe(0);
  }, DESK_ACTS);
}
