// A case command's save in one statement: the case by compare-and-set, and its events and outbox items only with
// it; a lost save writes nothing at all, and the live pages hear only of the save that won.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import type { OutboxItem, UnitOfWork } from '../../../src/services/ports.js';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { CASE_CHANGED_CHANNEL } from '../../../src/store/pg-case-repository.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { claimedEvent, classifiedEvent, seedCase } from './store-fixtures.js';

let db: Db;
let uow: UnitOfWork;
let enqueued = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  uow = unitOfWork(db, { now: () => new Date('2026-03-02T09:30:00Z') }, () => (enqueued += 1));
});
afterAll(async () => db?.close());

const cardRefresh = (caseId: string, version: number): OutboxItem => ({ key: `card:slack:${caseId}:v${version}`, kind: 'chat.card.refresh', caseId, payload: { caseId, surface: 'slack' } });

/** Until a backend of this database waits for a row lock (PGlite has one connection and nothing to wait for). */
async function waitForLockWait(): Promise<void> {
  if (db.kind !== 'postgres') return;
  await expect
    .poll(async () => (await db.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE cases%'`)).rows[0]!.n, { timeout: 5_000 })
    .toBe('1');
}

async function outboxKeysOf(caseId: string): Promise<string[]> {
  const result = await db.query<{ key: string }>('SELECT key FROM outbox WHERE case_id = $1 ORDER BY id', [caseId]);
  return result.rows.map((r) => r.key);
}

describe('PgCaseChanges', () => {
  it('saves the case with its events, in order, and its outbox items, and wakes the worker for what is due now', async () => {
    const { case: c } = await seedCase(uow);
    const claimed = evolveCase(c, claimedEvent(c));
    const classified = classifiedEvent(claimed);
    const next = evolveCase(claimed, classified);
    const events = uow.caseChanges.identify([claimedEvent(c), { ...classified, caseVersion: next.version }]);
    const heard: string[] = [];
    const stop = await db.listen(CASE_CHANGED_CHANNEL, (p) => heard.push(p));
    const before = enqueued;
    const outcome = await uow.caseChanges.save({ case: next, expectedVersion: c.version, events, outbox: [cardRefresh(c.id, next.version)] });
    const stored = outcome.saved ? outcome.events : [];
    expect(stored.map((s) => s.id)).toEqual(events.map((e) => e.id));
    expect(stored[1]!.seq).toBeGreaterThan(stored[0]!.seq);
    expect(await uow.cases.get(c.id)).toEqual(next);
    expect((await uow.events.forCase(c.id)).map((s) => s.event.type)).toEqual(['case.opened', 'case.claimed', 'case.classified']);
    expect(await outboxKeysOf(c.id)).toEqual([`card:slack:${c.id}:v${next.version}`]);
    expect(enqueued).toBe(before + 1);
    await expect.poll(() => heard).toContain(`${c.id}:${next.version}`);
    await stop();
  });

  it('writes nothing when the case has moved on: no event, no outbox item, no announcement', async () => {
    const { case: c } = await seedCase(uow);
    const won = evolveCase(c, claimedEvent(c));
    expect((await uow.caseChanges.save({ case: won, expectedVersion: c.version, events: uow.caseChanges.identify([claimedEvent(c)]), outbox: [cardRefresh(c.id, won.version)] })).saved).toBe(true);
    const heard: string[] = [];
    const stop = await db.listen(CASE_CHANGED_CHANNEL, (p) => heard.push(p));
    const before = enqueued;
    const late = claimedEvent(c, 'ben', 'Ben Okafor');
    const lost = await uow.caseChanges.save({ case: evolveCase(c, late), expectedVersion: c.version, events: uow.caseChanges.identify([late]), outbox: [{ ...cardRefresh(c.id, won.version), key: 'card:slack:lost' }] });
    expect(lost).toEqual({ saved: false, current: won });
    expect(await uow.cases.get(c.id)).toEqual(won);
    expect((await uow.events.forCase(c.id)).map((s) => s.event.actor.personId)).toEqual(['system', 'ana']);
    expect(await outboxKeysOf(c.id)).toEqual([`card:slack:${c.id}:v${won.version}`]);
    expect(enqueued).toBe(before);
    // A later save's announcement arrives; the lost one's never did.
    const then = evolveCase(won, classifiedEvent(won));
    await uow.caseChanges.save({ case: then, expectedVersion: won.version, events: uow.caseChanges.identify([classifiedEvent(won)]), outbox: [] });
    await expect.poll(() => heard).toContain(`${c.id}:${then.version}`);
    expect(heard.filter((p) => p.startsWith(`${c.id}:`))).toEqual([`${c.id}:${then.version}`]);
    await stop();
  });

  it('lets exactly one of 50 concurrent saves from one version win, with one event', async () => {
    const { case: c } = await seedCase(uow);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const event = claimedEvent(c, `officer-${i}`, `Officer ${i}`);
        return uow.caseChanges.save({ case: evolveCase(c, event), expectedVersion: c.version, events: uow.caseChanges.identify([event]), outbox: [] });
      }),
    );
    const winners = results.filter((r) => r.saved);
    expect(winners).toHaveLength(1);
    // Every loser is given the case as the winner left it, though most began before the winner committed.
    const stored = await uow.cases.get(c.id);
    for (const r of results) if (!r.saved) expect(r.current).toEqual(stored);
    expect((await uow.events.forCase(c.id)).filter((s) => s.event.type === 'case.claimed')).toHaveLength(1);
  });

  it("gives a save that waited for another writer's commit the case as that writer committed it", async () => {
    const { case: c } = await seedCase(uow);
    const winner = evolveCase(c, claimedEvent(c));
    const lateEvent = claimedEvent(c, 'ben', 'Ben Okafor');
    let lateSave: Promise<Awaited<ReturnType<UnitOfWork['caseChanges']['save']>>> | undefined;
    await db.transaction(async (tx) => {
      const t = unitOfWork(tx);
      expect((await t.caseChanges.save({ case: winner, expectedVersion: c.version, events: t.caseChanges.identify([claimedEvent(c)]), outbox: [] })).saved).toBe(true);
      // The late save starts while the winner holds the row uncommitted, and waits for it.
      lateSave = uow.caseChanges.save({ case: evolveCase(c, lateEvent), expectedVersion: c.version, events: uow.caseChanges.identify([lateEvent]), outbox: [] });
      await waitForLockWait();
    });
    expect(await lateSave).toEqual({ saved: false, current: winner });
  });

  it('is part of the transaction it runs in: rolled back with it', async () => {
    const { case: c } = await seedCase(uow);
    const next = evolveCase(c, claimedEvent(c));
    await expect(
      db.transaction(async (tx) => {
        const t = unitOfWork(tx);
        expect((await t.caseChanges.save({ case: next, expectedVersion: c.version, events: t.caseChanges.identify([claimedEvent(c)]), outbox: [cardRefresh(c.id, next.version)] })).saved).toBe(true);
        throw new Error('after the save');
      }),
    ).rejects.toThrow('after the save');
    expect(await uow.cases.get(c.id)).toEqual(c);
    expect((await uow.events.forCase(c.id)).map((s) => s.event.type)).toEqual(['case.opened']);
    expect(await outboxKeysOf(c.id)).toEqual([]);
  });
});
