// The event log: append-only by the database's own rule, one linear hash chain, verifiable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import type { UnitOfWork } from '../../../src/services/ports.js';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { GENESIS_HASH, hashEvent } from '../../../src/store/event-hash.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { claimedEvent, classifiedEvent, seedCase } from './store-fixtures.js';

let db: Db;
let uow: UnitOfWork;

beforeAll(async () => {
  db = await openTestDatabase();
  uow = unitOfWork(db);
});
afterAll(async () => db?.close());

describe('PgEventLog', () => {
  it('chains each appended event to the one before, starting from the genesis hash, once sealed', async () => {
    const first = await seedCase(uow);
    const [appended] = await uow.events.forCase(first.case.id);
    // Readable at once, before the sealer has run: a case's history never waits for the chain.
    expect(appended).toMatchObject({ seq: 1, hash: null, prevHash: null, event: first.opened });
    await new EventSealer(db).sealOnce();
    const [opened] = await uow.events.forCase(first.case.id);
    expect(opened).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, event: first.opened });
    // The chain hashes the body as stored: the author's key sealed as a salted digest (docs/erasure-design.md).
    const storedBody = (await db.query<{ body: unknown }>('SELECT body FROM events WHERE seq = 1')).rows[0]?.body;
    expect(storedBody).toMatchObject({ data: { authorKey: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
    expect(opened?.hash).toBe(hashEvent(GENESIS_HASH, storedBody));

    const c = first.case;
    const claimed = claimedEvent(c);
    const classified = classifiedEvent(evolveCase(c, claimed));
    const appendedNow = await uow.events.append([claimed, classified]);
    expect(appendedNow.map((s) => s.seq)).toEqual([2, 3]);
    expect(await new EventSealer(db).sealOnce()).toEqual({ sealed: 2, gaps: 0, headSeq: 3, deferred: false });
    const stored = (await uow.events.forCase(c.id)).slice(1);
    expect(stored.map((s) => ({ seq: s.seq, id: s.id, event: s.event }))).toEqual(appendedNow);
    expect(stored[0]?.prevHash).toBe(opened?.hash);
    expect(stored[1]?.prevHash).toBe(stored[0]?.hash);
    // classified's note is personal: the chain hashes its sealed body as stored.
    const classifiedBody = (await db.query<{ body: unknown }>('SELECT body FROM events WHERE seq = 3')).rows[0]?.body;
    expect(classifiedBody).toMatchObject({ data: { note: expect.stringMatching(/^sha256:/) } });
    expect(stored[1]?.hash).toBe(hashEvent(stored[0]!.hash!, classifiedBody));
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const { case: c } = await seedCase(uow);
    await expect(db.query(`UPDATE events SET rule = 'rewritten' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('DELETE FROM events WHERE case_id = $1', [c.id])).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query('TRUNCATE events CASCADE')).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(db.query('DELETE FROM event_chain_head')).rejects.toThrow(/append-only: DELETE/);
    // A seal that changes anything else on the way, its body or any other column, is no seal.
    const seal = `hash = repeat('a', 64), prev_hash = repeat('b', 64)`;
    await expect(db.query(`UPDATE events SET ${seal}, body = body || '{"rule": "rewritten"}' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query(`UPDATE events SET ${seal}, occurred_at = occurred_at + interval '1 second' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query(`UPDATE events SET ${seal}, xid = NULL WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
    await new EventSealer(db).sealOnce();
    // Sealing is the one change a row takes, once: a sealed row's hash cannot be rewritten.
    await expect(db.query(`UPDATE events SET hash = repeat('a', 64) WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('TRUNCATE event_gaps')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await uow.events.forCase(c.id)).toHaveLength(1);
  });

  it('keeps one linear chain when many writers append at once, none waiting for another', async () => {
    const seeded = await Promise.all(Array.from({ length: 20 }, () => seedCase(uow)));
    await Promise.all(seeded.map(({ case: c }) => uow.events.append([claimedEvent(c), classifiedEvent(evolveCase(c, claimedEvent(c)))])));
    const verdict = await uow.events.verifyChain();
    const all = await db.query<{ n: number; unsealed: number }>('SELECT count(*)::int AS n, count(*) FILTER (WHERE hash IS NULL)::int AS unsealed FROM events');
    expect(verdict).toEqual({ ok: true, count: all.rows[0]?.n });
    expect(all.rows[0]?.unsealed).toBe(0);
    // Each case's own events keep their order in the log.
    for (const { case: c } of seeded) {
      expect((await uow.events.forCase(c.id)).map((e) => e.event.type)).toEqual(['case.opened', 'case.claimed', 'case.classified']);
    }
  });

  it('records the seq of a rolled-back append as a gap, and verifies it as one', async () => {
    const { case: c } = await seedCase(uow);
    let lost = 0;
    await expect(
      db.transaction(async (tx) => {
        lost = (await unitOfWork(tx).events.append([claimedEvent(c)]))[0]!.seq;
        throw new Error('something later in the command failed');
      }),
    ).rejects.toThrow(/later in the command/);
    expect(await uow.events.forCase(c.id)).toHaveLength(1);
    const [after] = await uow.events.append([claimedEvent(c)]);
    expect(after!.seq).toBe(lost + 1);
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
    const gaps = await db.query<{ seq: string }>('SELECT seq FROM event_gaps WHERE seq = $1', [lost]);
    expect(gaps.rows).toHaveLength(1);
    const [sealedAfter] = (await uow.events.forCase(c.id)).filter((e) => e.seq === after!.seq);
    const before = await db.query<{ hash: string }>('SELECT hash FROM events WHERE seq < $1 ORDER BY seq DESC LIMIT 1', [lost]);
    expect(sealedAfter?.prevHash).toBe(before.rows[0]?.hash);
  });

  it('refuses an event for a case that does not exist, at commit', async () => {
    const { case: c } = await seedCase(uow);
    await expect(uow.events.append([{ ...claimedEvent(c), caseId: 'no-such-case' }])).rejects.toThrow(/foreign key/);
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('verifies the whole chain across pages', async () => {
    const verdict = await uow.events.verifyChain();
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(verdict).toEqual({ ok: true, count: count.rows[0]?.n });
    const { PgEventLog } = await import('../../../src/store/pg-event-log.js');
    expect(await new PgEventLog(db, 3).verifyChain()).toEqual(verdict);
  });
});
