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
    const stored = await uow.caseChanges.save({ case: next, expectedVersion: c.version, events, outbox: [cardRefresh(c.id, next.version)] });
    expect(stored?.map((s) => s.id)).toEqual(events.map((e) => e.id));
    expect(stored![1]!.seq).toBeGreaterThan(stored![0]!.seq);
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
    expect(await uow.caseChanges.save({ case: won, expectedVersion: c.version, events: uow.caseChanges.identify([claimedEvent(c)]), outbox: [cardRefresh(c.id, won.version)] })).not.toBeNull();
    const heard: string[] = [];
    const stop = await db.listen(CASE_CHANGED_CHANNEL, (p) => heard.push(p));
    const before = enqueued;
    const late = claimedEvent(c, 'ben', 'Ben Okafor');
    const lost = await uow.caseChanges.save({ case: evolveCase(c, late), expectedVersion: c.version, events: uow.caseChanges.identify([late]), outbox: [{ ...cardRefresh(c.id, won.version), key: 'card:slack:lost' }] });
    expect(lost).toBeNull();
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
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect((await uow.events.forCase(c.id)).filter((s) => s.event.type === 'case.claimed')).toHaveLength(1);
  });

  it('is part of the transaction it runs in: rolled back with it', async () => {
    const { case: c } = await seedCase(uow);
    const next = evolveCase(c, claimedEvent(c));
    await expect(
      db.transaction(async (tx) => {
        const t = unitOfWork(tx);
        expect(await t.caseChanges.save({ case: next, expectedVersion: c.version, events: t.caseChanges.identify([claimedEvent(c)]), outbox: [cardRefresh(c.id, next.version)] })).not.toBeNull();
        throw new Error('after the save');
      }),
    ).rejects.toThrow('after the save');
    expect(await uow.cases.get(c.id)).toEqual(c);
    expect((await uow.events.forCase(c.id)).map((s) => s.event.type)).toEqual(['case.opened']);
    expect(await outboxKeysOf(c.id)).toEqual([]);
  });
});
