// Two replicas on one database poll each source once, not twice: the lease holder polls and renews, the other stands
// by, takes over when the holder stops cleanly (at once) or crashes (when the lease lapses), and polls nothing meanwhile.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPoller } from '../../../src/adapters/networks/shared/create-poller.js';
import { createPgPollLease } from '../../../src/store/pg-poll-leases.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';

const log = { warn: vi.fn(), error: vi.fn() };
let db: Db;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('poll leases', () => {
  it('lets one holder at a time take a source, renew it, and give it up', async () => {
    const a = createPgPollLease(db, 'replica-a');
    const b = createPgPollLease(db, 'replica-b');
    expect(await a.take('rss', 60_000)).toBe(true);
    expect(await b.take('rss', 60_000)).toBe(false);
    expect(await a.take('rss', 60_000)).toBe(true);
    // Another source is free.
    expect(await b.take('x-mentions', 60_000)).toBe(true);
    await b.release('rss'); // not its lease: changes nothing
    expect(await b.take('rss', 60_000)).toBe(false);
    await a.release('rss');
    expect(await b.take('rss', 60_000)).toBe(true);
  });

  it('hands a lapsed lease (a holder that crashed) to the next replica that asks', async () => {
    const crashed = createPgPollLease(db, 'crashed');
    const next = createPgPollLease(db, 'next');
    // Two seconds: long enough that a busy machine cannot let it lapse before the next replica's first ask (50 ms did).
    expect(await crashed.take('x-dms', 2_000)).toBe(true);
    expect(await next.take('x-dms', 60_000)).toBe(false);
    await vi.waitFor(async () => expect(await next.take('x-dms', 60_000)).toBe(true), { timeout: 20_000, interval: 250 });
    expect(await crashed.take('x-dms', 60_000)).toBe(false);
  });

  it('polls a source from one of two replicas, and from the other once the first stops', async () => {
    const polls = { a: 0, b: 0 };
    const a = createPoller('feeds', 10, async () => void (polls.a += 1), log, createPgPollLease(db, 'poller-a'));
    const b = createPoller('feeds', 10, async () => void (polls.b += 1), log, createPgPollLease(db, 'poller-b'));
    a.start();
    await vi.waitFor(() => expect(polls.a).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    b.start();
    const aBefore = polls.a;
    await vi.waitFor(() => expect(polls.a).toBeGreaterThanOrEqual(aBefore + 5), { timeout: 10_000 });
    expect(polls.b).toBe(0);
    await a.stop();
    await vi.waitFor(() => expect(polls.b).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    const aStopped = polls.a;
    await b.stop();
    expect(polls.a).toBe(aStopped);
    expect(log.error).not.toHaveBeenCalled();
  });
});
