// Saves are announced after their commit, never inside it (pg-notifier.ts: a notifying commit holds a database-wide
// lock until it is on disk). An announcement is a wake-up, not the record: one that never comes (the saver died
// between its commit and its NOTIFY) loses nothing, because the live pages' feed polls the sealed event log and the
// outbox worker polls the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import { createPgStore, unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { createOutboxWorker } from '../../../src/store/outbox-worker.js';
import { CASE_CHANGED_CHANNEL } from '../../../src/store/pg-case-repository.js';
import type { CaseChange } from '../../../src/web/case-change.js';
import { startCaseChangeFeed } from '../../../src/web/case-change-feed.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { claimedEvent, seedCase } from './store-fixtures.js';
import type { OutboxKind } from '../../../src/services/outbox-kinds.js';

/** A kind no desk handler claims, so no other worker takes these items: the store takes any name, the services' port only the desk's. */
const TEST_KIND = 'test.unwoken' as OutboxKind;

let db: Db;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

/** A live feed on `db` (reading the sealed log every `pollMs`) and what it has sent. */
async function feedOn(pollMs: number) {
  const feed = await startCaseChangeFeed(db, undefined, { pollMs });
  const heard: CaseChange[] = [];
  feed.subscribe((m) => void (m.kind === 'case' && heard.push({ caseId: m.caseId, version: m.version })));
  return { heard, stop: () => feed.stop() };
}

describe('announcing saves after their commit', () => {
  it('announces a save once it has committed, batched, and the live feed hears it long before its poll', async () => {
    const feed = await feedOn(60_000);
    try {
      const store = createPgStore(db);
      const { case: c } = await seedCase(store);
      const claimed = evolveCase(c, claimedEvent(c));
      await store.caseChanges.save({ case: claimed, expectedVersion: c.version, events: store.caseChanges.identify([claimedEvent(c)]), outbox: [] });
      await expect.poll(() => feed.heard, { timeout: 5_000 }).toEqual([{ caseId: c.id, version: c.version }, { caseId: c.id, version: claimed.version }]);
    } finally {
      await feed.stop();
    }
  });

  it('loses no save whose announcement never came: the feed finds it in the sealed event log', async () => {
    const feed = await feedOn(100);
    const notified: string[] = [];
    const unlisten = await db.listen(CASE_CHANGED_CHANNEL, (p) => notified.push(p));
    try {
      // The saver "dies" after each commit: its announcements are never sent.
      const silent = unitOfWork(db, undefined, undefined, () => {});
      const { case: c } = await seedCase(silent);
      const claimed = evolveCase(c, claimedEvent(c));
      const saved = await silent.caseChanges.save({ case: claimed, expectedVersion: c.version, events: silent.caseChanges.identify([claimedEvent(c)]), outbox: [] });
      expect(saved.saved).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(feed.heard.map((h) => h.caseId)).not.toContain(c.id); // not yet sealed, so not yet found
      await new EventSealer(db).sealOnce();
      await expect.poll(() => feed.heard.filter((h) => h.caseId === c.id), { timeout: 5_000 }).toEqual([{ caseId: c.id, version: claimed.version }]);
      expect(notified.filter((p) => p.startsWith(`${c.id}:`))).toEqual([]);
    } finally {
      await unlisten();
      await feed.stop();
    }
  });

  it('sends a found save once, not again for an announcement already heard', async () => {
    const feed = await feedOn(100);
    try {
      const store = createPgStore(db);
      const { case: c } = await seedCase(store);
      await expect.poll(() => feed.heard.filter((h) => h.caseId === c.id).length, { timeout: 5_000 }).toBe(1);
      await new EventSealer(db).sealOnce();
      await new Promise((r) => setTimeout(r, 500)); // several polls over the sealed event
      expect(feed.heard.filter((h) => h.caseId === c.id)).toEqual([{ caseId: c.id, version: c.version }]);
    } finally {
      await feed.stop();
    }
  });

  it('runs an outbox item whose wake-up never came at the worker poll', async () => {
    const ran: string[] = [];
    const worker = createOutboxWorker({ db, clock: { now: () => new Date() }, workerId: `unwoken-${Math.random()}`, pollMs: 200, handlers: { [TEST_KIND]: async (job) => void ran.push(job.key) } });
    worker.start();
    try {
      // No onOutboxCommitted: nothing wakes the worker.
      await createPgStore(db).outbox.enqueue([{ key: 'unwoken:1', kind: TEST_KIND, payload: {} }]);
      await expect.poll(() => ran, { timeout: 5_000 }).toEqual(['unwoken:1']);
    } finally {
      await worker.stop();
    }
  });
});
