// The outbox across workers: one item per key, one worker per item, leases that expire, a poll loop.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { createOutboxWorker } from '../../../src/store/outbox-worker.js';
import type { OutboxHandler } from '../../../src/services/outbox-handler.js';
import { PgOutbox } from '../../../src/store/pg-outbox.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { fakeClock, uniqueId } from './store-fixtures.js';

let db: Db;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

async function item(key: string): Promise<{ status: string; attempts: number; result: unknown; locked_by: string | null }> {
  const r = await db.query<{ status: string; attempts: number; result: unknown; locked_by: string | null }>(
    'SELECT status, attempts, result, locked_by FROM outbox WHERE key = $1',
    [key],
  );
  if (!r.rows[0]) throw new Error(`no outbox item ${key}`);
  return r.rows[0];
}

describe('PgOutbox', () => {
  it('stores one item however often the same key is enqueued', async () => {
    const kind = uniqueId('kind');
    const outbox = new PgOutbox(db, fakeClock());
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: { n: 1 } }]);
    await outbox.enqueue([{ key, kind, payload: { n: 2 } }, { key, kind, payload: { n: 3 } }]);
    const rows = await db.query<{ payload: unknown }>('SELECT payload FROM outbox WHERE key = $1', [key]);
    expect(rows.rows).toEqual([{ payload: { n: 1 } }]);
  });
});

describe('outbox workers side by side', () => {
  it("takes an item back from a worker whose lease ran out, and ignores that worker's late result", async () => {
    const kind = uniqueId('kind');
    const clock = fakeClock();
    let release!: () => void;
    const slow = createOutboxWorker({
      db, clock, workerId: 'slow', leaseMs: 1_000,
      handlers: { [kind]: () => new Promise((resolve) => (release = () => resolve({ by: 'slow' }))) },
    });
    const fast = createOutboxWorker({ db, clock, workerId: 'fast', leaseMs: 1_000, handlers: { [kind]: async () => ({ by: 'fast' }) } });
    const key = uniqueId('key');
    await new PgOutbox(db, clock).enqueue([{ key, kind, payload: {} }]);
    const slowRun = slow.runOnce();
    await vi.waitUntil(async () => (await item(key)).locked_by === 'slow');
    expect(await fast.runOnce()).toBe(0);
    clock.advance(1_000);
    expect(await fast.runOnce()).toBe(1);
    release();
    await slowRun;
    expect(await item(key)).toMatchObject({ status: 'done', result: { by: 'fast' }, attempts: 2 });
  });

  it('never lets two workers on separate connections run the same item', async () => {
    const kind = uniqueId('kind');
    const clock = fakeClock();
    const runs = new Map<string, string[]>();
    const handler = (workerId: string): OutboxHandler => async (job) => {
      runs.set(job.key, [...(runs.get(job.key) ?? []), workerId]);
      await new Promise((r) => setTimeout(r, 2));
    };
    const other = db.openSecondHandle();
    try {
      const workers = [
        createOutboxWorker({ db, clock, workerId: 'a', batch: 5, handlers: { [kind]: handler('a') } }),
        createOutboxWorker({ db: other, clock, workerId: 'b', batch: 5, handlers: { [kind]: handler('b') } }),
      ];
      const keys = Array.from({ length: 60 }, () => uniqueId('key'));
      await new PgOutbox(db, clock).enqueue(keys.map((key) => ({ key, kind, payload: {} })));
      const drain = async (w: (typeof workers)[number]) => {
        while ((await w.runOnce()) > 0);
      };
      await Promise.all([drain(workers[0]!), drain(workers[1]!), drain(workers[0]!), drain(workers[1]!)]);
      expect([...runs.keys()].sort()).toEqual([...keys].sort());
      expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
      const done = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = $1 AND status = 'done'`, [kind]);
      expect(done.rows[0]?.n).toBe(60);
    } finally {
      await other.close();
    }
  });

  it('polls on its own once started, until stopped', async () => {
    const ran: string[] = [];
    const kind = uniqueId('kind');
    const clock = fakeClock();
    const outbox = new PgOutbox(db, clock);
    const worker = createOutboxWorker({ db, clock, workerId: 'poller', pollMs: 10, handlers: { [kind]: async (job) => void ran.push(job.key) } });
    worker.start();
    try {
      const key = uniqueId('key');
      await outbox.enqueue([{ key, kind, payload: {} }]);
      await vi.waitUntil(() => ran.includes(key), { timeout: 5_000 });
    } finally {
      await worker.stop();
    }
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).not.toContain(key);
  });
});
