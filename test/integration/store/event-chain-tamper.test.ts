// Tamper evidence: after someone with superuser rights edits the log behind the trigger,
// verifyChain names the first event that no longer fits. Each test restores what it broke.
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { UnitOfWork } from '../../../src/services/ports.js';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db, Sql } from '../../../src/store/db.js';
import type { EventRow } from '../../../src/store/event-row.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { claimedEvent, seedCase } from './store-fixtures.js';

let db: Db;
let uow: UnitOfWork;
let canDisableTriggers = false;
let rows: EventRow[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  uow = unitOfWork(db);
  for (let i = 0; i < 4; i++) {
    const { case: c } = await seedCase(uow);
    await uow.events.append([claimedEvent(c)]);
  }
  // Tampering after sealing is what these tests are about.
  await new EventSealer(db).sealOnce();
  rows = (await db.query<EventRow>('SELECT * FROM events ORDER BY seq')).rows;
  // Tampering means going around the trigger, which only a superuser may do.
  const role = await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  canDisableTriggers = role.rows[0]?.rolsuper === true;
});
afterAll(async () => db?.close());

/** Inside one transaction, on its client: ALTER TABLE locks events, so any other client would wait. */
async function behindTheTrigger(ctx: TestContext, work: (tx: Sql) => Promise<unknown>): Promise<void> {
  if (!canDisableTriggers) ctx.skip('the test role is not a superuser, so it cannot disable the append-only trigger');
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE events DISABLE TRIGGER ALL');
    await work(tx);
    await tx.query('ALTER TABLE events ENABLE TRIGGER ALL');
  });
}

function row(seq: number): EventRow {
  const r = rows.find((x) => Number(x.seq) === seq);
  if (!r) throw new Error(`no event ${seq}`);
  return r;
}

describe('verifyChain after tampering', () => {
  it('reports an intact chain before anyone touches it', async () => {
    expect(await uow.events.verifyChain()).toEqual({ ok: true, count: 8 });
  });

  it("names an event whose body was rewritten (the content hash no longer matches)", async (ctx) => {
    const target = row(4);
    const forged = { ...target.body, actor: { ...target.body.actor, name: 'Someone Else' } };
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET body = $2 WHERE seq = $1', [4, JSON.stringify(forged)]));
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, count: 3, firstBad: { seq: 4, id: target.id, caseId: target.case_id } });
    expect(verdict.ok === false && verdict.reason).toMatch(/content hash mismatch/);
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET body = $2 WHERE seq = $1', [4, JSON.stringify(target.body)]));
    expect(await uow.events.verifyChain()).toEqual({ ok: true, count: 8 });
  });

  it('names an event whose body and hash were both rewritten (the next link breaks)', async (ctx) => {
    const { hashEvent } = await import('../../../src/store/event-hash.js');
    const target = row(5);
    const forged = { ...target.body, rule: 'forged' };
    await behindTheTrigger(ctx, (tx) =>
      tx.query('UPDATE events SET body = $2, rule = $3, hash = $4 WHERE seq = $1', [5, JSON.stringify(forged), 'forged', hashEvent(target.prev_hash!, forged)]),
    );
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, count: 5, firstBad: { seq: 6, id: row(6).id } });
    expect(verdict.ok === false && verdict.reason).toMatch(/prev_hash does not match/);
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET body = $2, rule = $3, hash = $4 WHERE seq = $1', [5, JSON.stringify(target.body), target.rule, target.hash]));
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('names the event after a deleted one (a sequence gap)', async (ctx) => {
    const target = row(3);
    await behindTheTrigger(ctx, (tx) => tx.query('DELETE FROM events WHERE seq = 3'));
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, count: 2, firstBad: { seq: 4, id: row(4).id } });
    expect(verdict.ok === false && verdict.reason).toMatch(/sequence gap: expected seq 3, found 4/);
    await behindTheTrigger(ctx, (tx) =>
      tx.query('INSERT INTO events SELECT * FROM json_populate_record(NULL::events, $1::json)', [JSON.stringify(target)]),
    );
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('names the event after a deleted one passed off as a rolled-back gap (its prev_hash breaks)', async (ctx) => {
    const target = row(3);
    await behindTheTrigger(ctx, async (tx) => {
      await tx.query('DELETE FROM events WHERE seq = 3');
      await tx.query('INSERT INTO event_gaps (seq) VALUES (3)');
    });
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, count: 2, firstBad: { seq: 4, id: row(4).id } });
    expect(verdict.ok === false && verdict.reason).toMatch(/prev_hash does not match/);
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE event_gaps DISABLE TRIGGER ALL');
      await tx.query('DELETE FROM event_gaps WHERE seq = 3');
      await tx.query('ALTER TABLE event_gaps ENABLE TRIGGER ALL');
    });
    await behindTheTrigger(ctx, (tx) =>
      tx.query('INSERT INTO events SELECT * FROM json_populate_record(NULL::events, $1::json)', [JSON.stringify(target)]),
    );
    expect(await uow.events.verifyChain()).toEqual({ ok: true, count: 8 });
  });

  it('names a sealed event whose seal was wiped', async (ctx) => {
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET hash = NULL, prev_hash = NULL WHERE seq = 6'));
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, count: 5, firstBad: { seq: 6 } });
    expect(verdict.ok === false && verdict.reason).toMatch(/unsealed event below the chain head/);
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET hash = $2, prev_hash = $3 WHERE seq = $1', [6, row(6).hash, row(6).prev_hash]));
    expect(await uow.events.verifyChain()).toEqual({ ok: true, count: 8 });
  });

  it('notices events cut from the end, which no link can show', async (ctx) => {
    const target = row(8);
    await behindTheTrigger(ctx, (tx) => tx.query('DELETE FROM events WHERE seq = 8'));
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, count: 7, firstBad: { seq: 8 } });
    expect(verdict.ok === false && verdict.reason).toMatch(/removed from the end/);
    await behindTheTrigger(ctx, (tx) =>
      tx.query('INSERT INTO events SELECT * FROM json_populate_record(NULL::events, $1::json)', [JSON.stringify(target)]),
    );
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('names an event whose case column was moved to another case', async (ctx) => {
    const target = row(2);
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET case_id = $2 WHERE seq = $1', [2, row(3).case_id]));
    const verdict = await uow.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false, firstBad: { seq: 2 } });
    expect(verdict.ok === false && verdict.reason).toMatch(/column case_id disagrees/);
    await behindTheTrigger(ctx, (tx) => tx.query('UPDATE events SET case_id = $2 WHERE seq = $1', [2, target.case_id]));
    expect(await uow.events.verifyChain()).toMatchObject({ ok: true });
  });
});
