// The event log: append-only by the database's own rule, one linear hash chain, verifiable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import type { UnitOfWork } from '../../../src/services/ports.js';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { GENESIS_HASH, hashEvent } from '../../../src/store/event-hash.js';
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
  it('chains each appended event to the one before, starting from the genesis hash', async () => {
    const first = await seedCase(uow);
    const [opened] = await uow.events.forCase(first.case.id);
    expect(opened).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, event: first.opened });
    // The chain hashes the body as stored: the author's key sealed as a salted digest (docs/erasure-design.md).
    const storedBody = (await db.query<{ body: unknown }>('SELECT body FROM events WHERE seq = 1')).rows[0]?.body;
    expect(storedBody).toMatchObject({ data: { authorKey: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
    expect(opened?.hash).toBe(hashEvent(GENESIS_HASH, storedBody));

    const c = first.case;
    const claimed = claimedEvent(c);
    const classified = classifiedEvent(evolveCase(c, claimed));
    const stored = await uow.events.append([claimed, classified]);
    expect(stored.map((s) => s.seq)).toEqual([2, 3]);
    expect(stored[0]?.prevHash).toBe(opened?.hash);
    expect(stored[1]?.prevHash).toBe(stored[0]?.hash);
    expect(await uow.events.forCase(c.id)).toEqual([opened, ...stored]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const { case: c } = await seedCase(uow);
    await expect(db.query(`UPDATE events SET rule = 'rewritten' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('DELETE FROM events WHERE case_id = $1', [c.id])).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query('TRUNCATE events CASCADE')).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(db.query('DELETE FROM event_chain_head')).rejects.toThrow(/append-only: DELETE/);
    expect(await uow.events.forCase(c.id)).toHaveLength(1);
  });

  it('keeps one linear chain when many writers append at once', async () => {
    const seeded = await Promise.all(Array.from({ length: 10 }, () => seedCase(uow)));
    await Promise.all(seeded.map(({ case: c }) => uow.events.append([claimedEvent(c)])));
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: true });
    const seqs = await db.query<{ seq: string }>('SELECT seq FROM events ORDER BY seq');
    expect(seqs.rows.map((r) => Number(r.seq))).toEqual(seqs.rows.map((_, i) => i + 1));
  });

  it('leaves no gap in the chain when a transaction that appended rolls back', async () => {
    const { case: c } = await seedCase(uow);
    await expect(
      db.transaction(async (tx) => {
        await unitOfWork(tx).events.append([claimedEvent(c)]);
        throw new Error('something later in the command failed');
      }),
    ).rejects.toThrow(/later in the command/);
    expect(await uow.events.forCase(c.id)).toHaveLength(1);
    await uow.events.append([claimedEvent(c)]);
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
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
