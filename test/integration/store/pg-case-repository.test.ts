// Cases: stored whole, saved only by whoever saw the latest version, listed oldest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import { evolveCase, replayCase } from '../../../src/domain/evolve-case.js';
import type { UnitOfWork } from '../../../src/services/ports.js';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { claimedEvent, classifiedEvent, seedCase } from './store-fixtures.js';

let db: Db;
let uow: UnitOfWork;

beforeAll(async () => {
  db = await openTestDatabase();
  uow = unitOfWork(db);
});
afterAll(async () => db?.close());

describe('PgCaseRepository', () => {
  it('reads a case back whole, by id and by mention', async () => {
    const { mentionId, case: c } = await seedCase(uow);
    expect(await uow.cases.get(c.id)).toEqual(c);
    expect(await uow.cases.findByMention(mentionId)).toEqual(c);
    expect(await uow.cases.get('no-such-case')).toBeNull();
  });

  it('refuses a second case for the same mention', async () => {
    const { mentionId, case: c } = await seedCase(uow);
    await expect(uow.cases.insert({ ...c, id: `${c.id}-twin`, mentionId })).rejects.toThrow(/duplicate key/);
  });

  it('saves a change made from the version it saw, and refuses one made from a stale version', async () => {
    const { case: c } = await seedCase(uow);
    const claimed = evolveCase(c, claimedEvent(c));
    expect(await uow.cases.update(claimed, c.version)).toBe(true);
    const staleClaim = evolveCase(c, claimedEvent(c, 'ben', 'Ben Okafor'));
    expect(await uow.cases.update(staleClaim, c.version)).toBe(false);
    expect((await uow.cases.get(c.id))?.owner?.personId).toBe('ana');
  });

  it('lets exactly one of 50 concurrent saves from version 1 win', async () => {
    const { case: c } = await seedCase(uow);
    const attempts = Array.from({ length: 50 }, (_, i) => evolveCase(c, claimedEvent(c, `officer-${i}`, `Officer ${i}`)));
    const results = await Promise.all(attempts.map((attempt) => uow.cases.update(attempt, 1)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = attempts[results.indexOf(true)]!;
    expect(await uow.cases.get(c.id)).toEqual(winner);
  });

  it('refuses to save without a version bump, which would defeat the version check', async () => {
    const { case: c } = await seedCase(uow);
    await expect(uow.cases.update(c, c.version)).rejects.toThrow(/bump the version/);
  });

  it('lists by state and owner, oldest first', async () => {
    const seeded: Case[] = [];
    for (let i = 0; i < 3; i++) seeded.push((await seedCase(uow)).case);
    const owned = evolveCase(seeded[1]!, claimedEvent(seeded[1]!, 'list-owner', 'List Owner'));
    await uow.cases.update(owned, 1);
    expect((await uow.cases.list({ ownerId: 'list-owner' })).map((c) => c.id)).toEqual([owned.id]);
    const fresh = await uow.cases.list({ states: ['new'] });
    expect(fresh.every((c) => c.state === 'new')).toBe(true);
    expect(fresh.map((c) => c.id)).toContain(seeded[2]!.id);
    expect(fresh.map((c) => c.id)).not.toContain(owned.id);
    const all = await uow.cases.list({});
    const order = all.map((c) => `${c.openedAt}|${c.id}`);
    expect(order).toEqual([...order].sort());
    expect(await uow.cases.list({ limit: 2 })).toHaveLength(2);
  });

  it('hands out distinct human-friendly case ids', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => uow.cases.nextCaseId()));
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^MD-\d{4,}$/);
  });

  it('keeps the stored case equal to the replay of its events', async () => {
    const seeded = await seedCase(uow);
    let c = seeded.case;
    for (const make of [claimedEvent, classifiedEvent] as const) {
      const event = make(c);
      const next = evolveCase(c, event);
      await db.transaction(async (tx) => {
        const t = unitOfWork(tx);
        expect(await t.cases.update(next, c.version)).toBe(true);
        await t.events.append([event]);
      });
      c = next;
    }
    const history = await uow.events.forCase(c.id);
    expect(history.map((s) => s.event.type)).toEqual(['case.opened', 'case.claimed', 'case.classified']);
    expect(replayCase(history.map((s) => s.event))).toEqual(await uow.cases.get(c.id));
  });
});
