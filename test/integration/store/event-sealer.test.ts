// The sealer's high-water mark: it never chains past an event a running transaction may still
// commit, records rollbacks as gaps, and two sealers at once never both chain the same events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/services/ports.js';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { createEventSealerLoop } from '../../../src/store/event-sealer-loop.js';
import pg from 'pg';
import { openTestDatabase, testServerUrl } from '../../helpers/test-database.js';
import { claimedEvent, seedCase } from './store-fixtures.js';

let db: Db;
let uow: UnitOfWork;

beforeAll(async () => {
  db = await openTestDatabase();
  uow = unitOfWork(db);
});
afterAll(async () => db?.close());

async function headSeq(): Promise<number> {
  const head = await db.query<{ last_seq: string }>('SELECT last_seq FROM event_chain_head');
  return Number(head.rows[0]?.last_seq);
}

/** An append in a transaction held open until `commit`; resolves once the event has its seq. */
async function appendHeldOpen(c: Parameters<typeof claimedEvent>[0]): Promise<{ seq: number; commit: () => Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let seq = 0;
  const open = db.transaction(async (tx) => {
    seq = (await unitOfWork(tx).events.append([claimedEvent(c)]))[0]!.seq;
    await held;
  });
  await expect.poll(() => seq).toBeGreaterThan(0);
  return { seq, commit: () => (release(), open) };
}

describe('EventSealer', () => {
  // PGlite runs one transaction at a time, so no sealer can run while another transaction is open there.
  it('stops below an append whose transaction is still open, and seals it once it commits', async (ctx) => {
    if (db.kind !== 'postgres') ctx.skip('PGlite runs one transaction at a time: nothing can seal while one is open');
    const { case: slow } = await seedCase(uow);
    await new EventSealer(db).sealOnce();
    const held = await appendHeldOpen(slow);
    // A later append commits first: its seq is higher, but the one below may still commit.
    const { case: fast } = await seedCase(uow);
    const before = await headSeq();
    expect(await new EventSealer(db, { waitMs: 150 }).sealOnce()).toMatchObject({ sealed: 0, deferred: true });
    expect(await headSeq()).toBe(before);
    expect(before).toBeLessThan(held.seq);
    await held.commit();
    const outcome = await new EventSealer(db).sealOnce();
    expect(outcome).toMatchObject({ sealed: 2, gaps: 0, deferred: false });
    const sealed = await uow.events.forCase(fast.id);
    expect(sealed[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });

  // A snapshot lists as running only transaction ids below its xmax (the latest completed id + 1): an appender that
  // took its id after the last transaction anywhere on the server ended is running but in no snapshot's list. Seen in
  // CI as "seq 13 is recorded both as a rolled-back gap and as an event".
  it('waits for an append whose transaction took its id after every other transaction on the server ended', async (ctx) => {
    if (db.kind !== 'postgres') ctx.skip('PGlite runs one transaction at a time: nothing can seal while one is open');
    const { case: c } = await seedCase(uow);
    await new EventSealer(db).sealOnce();
    const held = await appendHeldOpen(c);
    try {
      // Nothing here has completed since it took its id (the sealer's reads take none), so no snapshot lists it.
      expect(await new EventSealer(db, { waitMs: 150 }).sealOnce()).toMatchObject({ sealed: 0, gaps: 0, deferred: true });
    } finally {
      await held.commit();
    }
    expect(await new EventSealer(db).sealOnce()).toMatchObject({ sealed: 1, gaps: 0, deferred: false, headSeq: held.seq });
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('is not held back by a long write transaction in another database on the same server', async (ctx) => {
    if (db.kind !== 'postgres') ctx.skip('PGlite has one database');
    // Another application's (or another test file's) bulk load: transaction ids are server-wide.
    const elsewhere = new pg.Client({ connectionString: testServerUrl() });
    await elsewhere.connect();
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      await seedCase(uow);
      const outcome = await new EventSealer(db, { waitMs: 300 }).sealOnce();
      expect(outcome).toMatchObject({ deferred: false });
      expect(outcome.sealed).toBeGreaterThan(0);
    } finally {
      await elsewhere.query('ROLLBACK').catch(() => {});
      await elsewhere.end();
    }
  });

  it('chains each event exactly once when two sealers (two replicas) race', async () => {
    const second = db.openSecondHandle();
    try {
      await Promise.all(Array.from({ length: 30 }, () => seedCase(uow)));
      const before = await headSeq();
      const outcomes = await Promise.all([new EventSealer(db).sealOnce(), new EventSealer(second).sealOnce(), new EventSealer(db).sealOnce()]);
      // Whoever lost the lock or found nothing left sealed nothing; between them, each event once.
      const sealedTotal = outcomes.reduce((n, o) => n + o.sealed, 0);
      const unsealed = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE hash IS NULL');
      expect(sealedTotal + unsealed.rows[0]!.n).toBe(30);
      await new EventSealer(second).sealOnce();
      expect(await headSeq()).toBe(before + 30);
      expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });

  it('keeps the chain whole while appends, rollbacks and a running sealer interleave', async () => {
    const loop = createEventSealerLoop(db, { intervalMs: 5 });
    loop.start();
    let rolledBack = 0;
    const gapsBefore = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_gaps');
    try {
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const { case: c } = await seedCase(uow);
          if (i % 5 !== 0) return void (await uow.events.append([claimedEvent(c)]));
          // Every fifth writer appends and then fails: its seq must end as a recorded gap.
          await db.transaction(async (tx) => {
            await unitOfWork(tx).events.append([claimedEvent(c)]);
            rolledBack += 1;
            throw new Error('the rest of the command failed');
          }).catch(() => undefined);
        }),
      );
    } finally {
      await loop.stop();
    }
    const verdict = await uow.events.verifyChain();
    const counts = await db.query<{ events: number; unsealed: number }>(`SELECT count(*)::int AS events, count(*) FILTER (WHERE hash IS NULL)::int AS unsealed FROM events`);
    const gaps = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_gaps');
    expect(verdict).toEqual({ ok: true, count: counts.rows[0]!.events });
    expect(counts.rows[0]!.unsealed).toBe(0);
    expect(gaps.rows[0]!.n - gapsBefore.rows[0]!.n).toBe(rolledBack);
    expect(rolledBack).toBe(8);
  });
});
