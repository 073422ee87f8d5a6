// Outbound work starts at once: a committed outbox item wakes the worker (in this process, and on
// PostgreSQL another replica's by LISTEN/NOTIFY), long before its next poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxJob } from '../../../src/services/outbox-handler.js';
import { createOutboxWorker } from '../../../src/store/outbox-worker.js';
import { createOutboxSignal } from '../../../src/store/outbox-signal.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import type { OutboxKind } from '../../../src/services/outbox-kinds.js';

/** A kind no desk handler claims, so no other worker takes these items: the store takes any name, the services' port only the desk's. */
const TEST_KIND = 'test.wake' as OutboxKind;

let db: Db;
const POLL_MS = 60_000; // a poll would come far too late for these tests to pass by it

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

/** A worker that polls once a minute, woken by `db`'s signal; records what it ran and when. */
async function wokenWorker(on: Db) {
  const ran: Array<{ key: string; at: number }> = [];
  const worker = createOutboxWorker({
    db: on, clock: { now: () => new Date() }, workerId: `wake-${Math.random()}`, pollMs: POLL_MS,
    handlers: { [TEST_KIND]: async (job: OutboxJob) => void ran.push({ key: job.key, at: Date.now() }) },
  });
  const signal = createOutboxSignal(on);
  worker.start();
  const unsubscribe = await signal.subscribe(() => worker.wake());
  return { ran, signal, stop: async () => (await unsubscribe(), await worker.stop()) };
}

describe('outbox wake-up', () => {
  it('runs an item committed in this process at once, not at the next poll', async () => {
    const w = await wokenWorker(db);
    try {
      const store = createPgStore(db, { onOutboxCommitted: () => w.signal.committed() });
      await new Promise((r) => setTimeout(r, 200)); // the first look at start is over
      const committedAt = Date.now();
      await store.transaction((uow) => uow.outbox.enqueue([{ key: `wake:${committedAt}`, kind: TEST_KIND, payload: {} }]));
      await expect.poll(() => w.ran.map((r) => r.key), { timeout: 5_000 }).toContain(`wake:${committedAt}`);
      expect(w.ran[0]!.at - committedAt).toBeLessThan(2_000);
    } finally {
      await w.stop();
    }
  });

  it('does not wake for a transaction that rolled back', async () => {
    let signalled = 0;
    const store = createPgStore(db, { onOutboxCommitted: () => void signalled++ });
    await expect(store.transaction(async (uow) => {
      await uow.outbox.enqueue([{ key: `rolled-back:${Date.now()}`, kind: TEST_KIND, payload: {} }]);
      throw new Error('the command failed after enqueueing');
    })).rejects.toThrow(/failed after enqueueing/);
    expect(signalled).toBe(0);
  });

  it('does not wake for items that are all for later (a worker woken for them finds nothing due)', async () => {
    let signalled = 0;
    const store = createPgStore(db, { onOutboxCommitted: () => void signalled++ });
    const later = new Date(Date.now() + 3_600_000);
    await store.transaction((uow) => uow.outbox.enqueue([{ key: `later:${Date.now()}`, kind: TEST_KIND, payload: {}, runAt: later }]));
    expect(signalled).toBe(0);
    // One item due now among them is enough.
    await store.transaction((uow) => uow.outbox.enqueue([
      { key: `later-too:${Date.now()}`, kind: TEST_KIND, payload: {}, runAt: later },
      { key: `now:${Date.now()}`, kind: TEST_KIND, payload: {}, runAt: new Date(Date.now() - 1) },
    ]));
    expect(signalled).toBe(1);
  });

  it('wakes the worker of another replica on PostgreSQL (LISTEN/NOTIFY)', async (ctx) => {
    if (db.kind !== 'postgres') ctx.skip('PGlite belongs to one process: there is no other replica to tell');
    const w = await wokenWorker(db);
    const other = db.openSecondHandle();
    try {
      const otherSignal = createOutboxSignal(other);
      const otherStore = createPgStore(other, { onOutboxCommitted: () => otherSignal.committed() });
      await new Promise((r) => setTimeout(r, 500)); // the listener is connected and the first look is over
      const committedAt = Date.now();
      await otherStore.transaction((uow) => uow.outbox.enqueue([{ key: `replica:${committedAt}`, kind: TEST_KIND, payload: {} }]));
      await expect.poll(() => w.ran.map((r) => r.key), { timeout: 5_000 }).toContain(`replica:${committedAt}`);
      expect(w.ran.find((r) => r.key === `replica:${committedAt}`)!.at - committedAt).toBeLessThan(2_000);
    } finally {
      await w.stop();
      await other.close();
    }
  });
});
