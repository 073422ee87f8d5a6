// Slack's one message a second per channel, kept by the desk across replicas: a short burst goes at
// once, then one turn a second; a deferred message keeps its turn; channels do not hold each other up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeferredError } from '../../../src/services/errors.js';
import type { Db } from '../../../src/store/db.js';
import { createPgChannelPacer } from '../../../src/store/pg-channel-pacer.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { fakeClock } from './store-fixtures.js';

let db: Db;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

/** ms until the message's turn: 0 when it may go now. */
async function turnIn(pacer: ReturnType<typeof createPgChannelPacer>, channel: string, message: string): Promise<number> {
  try {
    await pacer.waitForTurn('slack', channel, message);
    return 0;
  } catch (e) {
    if (e instanceof DeferredError) return e.retryAfterMs;
    throw e;
  }
}

describe('channel pacer', () => {
  it('lets a burst of three go at once, then one a second, shared by two replicas', async () => {
    const clock = fakeClock('2026-11-23T10:00:00.000Z');
    const second = db.openSecondHandle();
    try {
      const a = createPgChannelPacer(db, clock, { maxWaitMs: 0 });
      const b = createPgChannelPacer(second, clock, { maxWaitMs: 0 });
      const turns = [];
      for (let i = 0; i < 6; i++) turns.push(await turnIn(i % 2 ? b : a, 'C0TRIAGE', `card-${i}`));
      expect(turns).toEqual([0, 0, 0, 1000, 2000, 3000]);
      // Another channel is not held up by this one.
      expect(await turnIn(a, 'C0WASTE', 'card-x')).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('keeps a deferred message its turn instead of booking another', async () => {
    const clock = fakeClock('2026-11-23T11:00:00.000Z');
    const pacer = createPgChannelPacer(db, clock, { maxWaitMs: 0 });
    for (let i = 0; i < 3; i++) expect(await turnIn(pacer, 'C0LEAD', `burst-${i}`)).toBe(0);
    expect(await turnIn(pacer, 'C0LEAD', 'late')).toBe(1000);
    clock.advance(1000);
    // The outbox runs it again at its turn: it goes, and the next newcomer is not pushed back by it twice.
    expect(await turnIn(pacer, 'C0LEAD', 'late')).toBe(0);
    expect(await turnIn(pacer, 'C0LEAD', 'next')).toBe(1000);
  });

  it('waits in the handler for a turn that is near', async () => {
    const clock = { now: () => new Date() };
    const pacer = createPgChannelPacer(db, clock, { intervalMs: 100, burst: 1, maxWaitMs: 500 });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await pacer.waitForTurn('slack', 'C0NEAR', `m-${i}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
