// The outbox worker's outcomes: done with a result, retried by what the failure says, or failed for good.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeferredError, PermanentError, RateLimitError } from '../../../src/services/errors.js';
import type { Db } from '../../../src/store/db.js';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../../src/store/outbox-worker.js';
import type { OutboxHandler, OutboxJob } from '../../../src/services/outbox-handler.js';
import { PgOutbox } from '../../../src/store/pg-outbox.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { fakeClock, uniqueId, type FakeClock } from './store-fixtures.js';

let db: Db;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

interface OutboxRow {
  status: string;
  attempts: number;
  rate_limits: number;
  run_at: Date;
  last_error: string | null;
  result: unknown;
  locked_by: string | null;
}

async function item(key: string): Promise<OutboxRow> {
  const r = await db.query<OutboxRow>('SELECT status, attempts, rate_limits, run_at, last_error, result, locked_by FROM outbox WHERE key = $1', [key]);
  if (!r.rows[0]) throw new Error(`no outbox item ${key}`);
  return r.rows[0];
}

/** Each test uses its own kind, so items left by other tests are never claimed. */
function setup(handler: OutboxHandler, extra: Partial<OutboxWorkerOptions> = {}): { kind: string; clock: FakeClock; outbox: PgOutbox; worker: ReturnType<typeof createOutboxWorker> } {
  const kind = uniqueId('kind');
  const clock = fakeClock();
  const worker = createOutboxWorker({ db, handlers: { [kind]: handler }, clock, workerId: 'w1', random: () => 1, ...extra });
  return { kind, clock, outbox: new PgOutbox(db, clock), worker };
}

describe('createOutboxWorker', () => {
  it('runs a due item once and keeps the handler result', async () => {
    const seen: OutboxJob[] = [];
    const { kind, outbox, worker } = setup(async (job) => {
      seen.push(job);
      return { ts: '1712345678.000100' };
    });
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: { channel: 'C1' }, caseId: 'MD-1001' }]);
    expect(await worker.runOnce()).toBe(1);
    expect(seen).toMatchObject([{ key, kind, payload: { channel: 'C1' }, caseId: 'MD-1001', attempts: 1 }]);
    expect(await item(key)).toMatchObject({ status: 'done', attempts: 1, result: { ts: '1712345678.000100' }, locked_by: null });
    expect(await worker.runOnce()).toBe(0);
  });

  it('dispatches the items asked for at once, leaving the rest to the poll', async () => {
    const seen: string[] = [];
    const { kind, outbox, worker } = setup(async (job) => void seen.push(job.key));
    const [now, later] = [uniqueId('now'), uniqueId('later')];
    await outbox.enqueue([{ key: now, kind, payload: {} }, { key: later, kind, payload: {} }]);
    expect(await worker.dispatch([now])).toBe(1);
    expect(seen).toEqual([now]);
    expect(await item(later)).toMatchObject({ status: 'pending' });
    expect(await worker.dispatch([now])).toBe(0);
  });

  it('does not run an item before its runAt', async () => {
    const { kind, clock, outbox, worker } = setup(async () => {});
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {}, runAt: new Date(clock.now().getTime() + 60_000) }]);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(60_000);
    expect(await worker.runOnce()).toBe(1);
  });

  it('retries a server error with growing back-off, then succeeds', async () => {
    let calls = 0;
    const { kind, clock, outbox, worker } = setup(async () => {
      calls++;
      if (calls <= 2) throw new Error('HTTP 500 from chat.update');
    });
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    const t0 = clock.now().getTime();
    expect(await worker.runOnce()).toBe(1);
    expect(await item(key)).toMatchObject({ status: 'pending', attempts: 1, run_at: new Date(t0 + 1_000) });
    expect((await item(key)).last_error).toMatch(/HTTP 500/);
    clock.advance(999);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(await item(key)).toMatchObject({ status: 'pending', attempts: 2, run_at: new Date(t0 + 1_000 + 2_000) });
    clock.advance(2_000);
    expect(await worker.runOnce()).toBe(1);
    expect(await item(key)).toMatchObject({ status: 'done', attempts: 3, last_error: null });
  });

  it('honours a rate limit: not before retryAfter, and it does not use up an attempt', async () => {
    let calls = 0;
    const { kind, clock, outbox, worker } = setup(
      async () => {
        calls++;
        if (calls <= 3) throw new RateLimitError(30_000);
      },
      { maxAttempts: 2 },
    );
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    for (let i = 1; i <= 3; i++) {
      expect(await worker.runOnce()).toBe(1);
      expect(await item(key)).toMatchObject({ status: 'pending', attempts: 0, rate_limits: i });
      clock.advance(29_999);
      expect(await worker.runOnce()).toBe(0);
      clock.advance(1);
    }
    expect(await worker.runOnce()).toBe(1);
    expect(await item(key)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('gives up at once on a permanent error, tells onFailed, and never retries', async () => {
    const onFailed = vi.fn();
    let calls = 0;
    const { kind, clock, outbox, worker } = setup(
      async () => {
        calls++;
        throw new PermanentError('the comment was deleted on Facebook');
      },
      { onFailed },
    );
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {}, caseId: 'MD-2001' }]);
    expect(await worker.runOnce()).toBe(1);
    expect(await item(key)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await item(key)).last_error).toMatch(/comment was deleted/);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(onFailed.mock.calls[0]?.[0]).toMatchObject({ key, caseId: 'MD-2001' });
    expect(onFailed.mock.calls[0]?.[1]).toBeInstanceOf(PermanentError);
    clock.advance(24 * 3600_000);
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(1);
  });

  it('fails an item that keeps erroring once it is out of attempts and past the give-up age', async () => {
    const onFailed = vi.fn();
    const { kind, clock, outbox, worker } = setup(async () => Promise.reject(new Error('ECONNRESET')), { maxAttempts: 3, giveUpAfterMs: 0, onFailed });
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    for (let i = 0; i < 3; i++) {
      expect(await worker.runOnce()).toBe(1);
      clock.advance(10 * 60_000);
    }
    expect(await item(key)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(await worker.runOnce()).toBe(0);
  });

  it('keeps retrying a flaky callee for hours at a capped back-off, and does not give up inside a day', async () => {
    let calls = 0;
    const onFailed = vi.fn();
    // Slack answers 500 for twelve hours, then recovers.
    const { kind, clock, outbox, worker } = setup(async () => {
      calls++;
      if (clock.now().getTime() - t0 < 12 * 3_600_000) throw new Error('An HTTP protocol error occurred: statusCode = 500');
    }, { onFailed });
    const t0 = clock.now().getTime();
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    let gaps = 0;
    for (let round = 0; round < 400; round++) {
      await worker.runOnce();
      const row = await item(key);
      if (row.status !== 'pending') break;
      const wait = row.run_at.getTime() - clock.now().getTime();
      gaps = Math.max(gaps, wait);
      clock.advance(Math.max(0, wait));
    }
    expect(await item(key)).toMatchObject({ status: 'done' });
    expect(onFailed).not.toHaveBeenCalled();
    expect(gaps).toBeLessThanOrEqual(5 * 60_000);
    expect(calls).toBeGreaterThan(100);
  });

  it('gives up on an item that has failed for more than a day', async () => {
    const onFailed = vi.fn();
    const { kind, clock, outbox, worker } = setup(async () => Promise.reject(new Error('HTTP 503')), { onFailed });
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    for (let round = 0; round < 400 && (await item(key)).status === 'pending'; round++) {
      await worker.runOnce();
      clock.advance(5 * 60_000);
    }
    expect(await item(key)).toMatchObject({ status: 'failed' });
    expect(onFailed).toHaveBeenCalledTimes(1);
  });

  it('does not count waiting on our own bookkeeping as an attempt, and runs again after the delay asked for', async () => {
    let calls = 0;
    const { kind, clock, outbox, worker } = setup(async () => {
      calls++;
      if (calls <= 20) throw new DeferredError(5_000, 'the triage message of MD-1 is being posted by another worker');
    }, { maxAttempts: 2, giveUpAfterMs: 0 });
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: {} }]);
    for (let i = 1; i <= 20; i++) {
      expect(await worker.runOnce()).toBe(1);
      expect(await item(key)).toMatchObject({ status: 'pending', attempts: 0, rate_limits: 0 });
      clock.advance(4_999);
      expect(await worker.runOnce()).toBe(0);
      clock.advance(1);
    }
    expect(await worker.runOnce()).toBe(1);
    expect(await item(key)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('tells an admin once, through onStale, when an item is still retrying after the stale age', async () => {
    const onStale = vi.fn();
    const { kind, clock, outbox, worker } = setup(async () => Promise.reject(new Error('HTTP 500')), { staleAfterMs: 15 * 60_000, onStale });
    const other = createOutboxWorker({ db, handlers: { [kind]: async () => Promise.reject(new Error('HTTP 500')) }, clock, workerId: 'w2', random: () => 1, staleAfterMs: 15 * 60_000, onStale });
    const key = uniqueId('key');
    await outbox.enqueue([{ key, kind, payload: { caseId: 'MD-1' } }]);
    for (let round = 0; round < 12; round++) {
      await (round % 2 ? other : worker).runOnce();
      clock.advance(5 * 60_000);
    }
    expect(onStale).toHaveBeenCalledTimes(1);
    expect(onStale.mock.calls[0]![0]).toMatchObject({ key, kind });
    expect(String(onStale.mock.calls[0]![1])).toMatch(/HTTP 500/);
  });
});
