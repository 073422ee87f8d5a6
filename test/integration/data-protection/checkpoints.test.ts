// An anchored history: signed checkpoints written outside the database catch a log that was rewritten and
// re-hashed from some event on, which the chain alone cannot, and name where it diverges.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { MARK_EVERY, publishCheckpoint, type CheckpointDeps } from '../../../src/services/publish-checkpoint.js';
import { createCheckpointFolder } from '../../../src/store/checkpoint-folder.js';
import { createCheckpointSigner, generateCheckpointKeys, publicKeyFrom } from '../../../src/store/checkpoint-signature.js';
import type { Db } from '../../../src/store/db.js';
import { hashEvent } from '../../../src/store/event-hash.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { PgChainHistory } from '../../../src/store/pg-chain-history.js';
import { verifyAgainstCheckpoints } from '../../../src/store/verify-checkpoints.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { buildHistory, dataProtectionContext, settableClock } from './history-builder.js';

let db: Db;
let ctx: DeskContext;
let dir: string;
let deps: CheckpointDeps;
let superuser = false;
const keys = generateCheckpointKeys();
const clock = settableClock('2026-03-05T23:00:00Z');

beforeAll(async () => {
  db = await openTestDatabase();
  ctx = await dataProtectionContext(db, clock);
  dir = await mkdtemp(join(tmpdir(), 'desk-checkpoints-'));
  deps = { chain: new PgChainHistory(db), signer: createCheckpointSigner(keys.privateKeyPem), archive: createCheckpointFolder(dir), sealNow: () => new EventSealer(db).sealOnce() };
  superuser = (await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper === true;
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function verify() {
  const { checkpoints } = await deps.archive.readAll();
  return verifyAgainstCheckpoints(deps.chain, checkpoints, publicKeyFrom(keys.publicKeyPem));
}

async function casesUntil(events: number): Promise<void> {
  while ((await deps.chain.head()).seq < events) {
    await buildHistory(ctx, { authorId: String((await deps.chain.head()).seq), text: 'Bins missed', reply: 'Sorry, a crew is coming' });
    await new EventSealer(db).sealOnce();
  }
}

/** A superuser's rewrite that leaves no internal trace: change one event, re-hash it and every later one. */
async function rewriteAndRehash(t: TestContext, seq: number): Promise<() => Promise<void>> {
  if (!superuser) t.skip('the test role cannot disable triggers');
  const rows = (await db.query<{ seq: string; body: { actor: { name: string } }; prev_hash: string; hash: string }>('SELECT seq, body, prev_hash, hash FROM events WHERE seq >= $1 ORDER BY seq', [seq])).rows;
  const head = await deps.chain.head();
  const apply = async (list: Array<{ seq: string; body: unknown; prev_hash: string; hash: string }>, headHash: string) => {
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE events DISABLE TRIGGER ALL');
      for (const r of list) await tx.query('UPDATE events SET body = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [r.seq, JSON.stringify(r.body), r.prev_hash, r.hash]);
      await tx.query('ALTER TABLE events ENABLE TRIGGER ALL');
      await tx.query('ALTER TABLE event_chain_head DISABLE TRIGGER ALL');
      await tx.query('UPDATE event_chain_head SET last_hash = $1', [headHash]);
      await tx.query('ALTER TABLE event_chain_head ENABLE TRIGGER ALL');
    });
  };
  let prev = rows[0]!.prev_hash;
  const forged = rows.map((r, i) => {
    const body = i === 0 ? { ...r.body, actor: { ...r.body.actor, name: 'Someone Else' } } : r.body;
    const hash = hashEvent(prev, body);
    const out = { seq: r.seq, body, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
  await apply(forged, prev);
  return () => apply(rows, head.hash);
}

describe('checkpoints of the event log', () => {
  it('writes a signed checkpoint to the folder and queues one line for the audit channel', async () => {
    await casesUntil(MARK_EVERY + 5);
    const outcome = await publishCheckpoint(ctx, deps);
    expect(outcome.published).toBe(true);
    if (!outcome.published) return;
    const head = await deps.chain.head();
    expect(outcome.checkpoint).toMatchObject({ head, council: 'Example Borough Council', at: '2026-03-05T23:00:00.000Z', marks: [{ seq: 100 }] });
    expect(JSON.parse(await readFile(outcome.file, 'utf8'))).toEqual(outcome.checkpoint);
    const notice = await db.query<{ kind: string; payload: { audience: string; text: string } }>(`SELECT kind, payload FROM outbox WHERE key LIKE 'checkpoint:%'`);
    expect(notice.rows).toEqual([{ kind: 'chat.notice', payload: expect.objectContaining({ audience: 'audit', text: expect.stringContaining(`seq ${head.seq}, hash ${head.hash}`) }) }]);
    expect(await verify()).toMatchObject({ ok: true, checked: 1 });
  });

  it('publishes nothing when the log has not moved, and the next one when it has', async () => {
    expect(await publishCheckpoint(ctx, deps)).toMatchObject({ published: false });
    await buildHistory(ctx, { authorId: 'later', text: 'Fly-tipping on Mill Lane' });
    clock.set('2026-03-06T23:00:00Z');
    expect(await publishCheckpoint(ctx, deps)).toMatchObject({ published: true });
    expect(await verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it('catches a chain rewritten and re-hashed from an event on, which verifies by itself, and names the range', async (t) => {
    const restore = await rewriteAndRehash(t, 40);
    try {
      expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
      const verdict = await verify();
      expect(verdict).toMatchObject({ ok: false, divergesAfter: 0 });
      expect(!verdict.ok && verdict.reason).toMatch(/event seq 100 has hash .*the checkpoint signed .*rewritten from an event in seq 1\.\.100/);
    } finally {
      await restore();
    }
    const late = await rewriteAndRehash(t, 103);
    try {
      const verdict = await verify();
      expect(!verdict.ok && verdict.reason).toMatch(/agrees with the checkpoints up to seq 100: the history was rewritten from an event in seq 101\.\.\d+/);
    } finally {
      await late();
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('refuses a checkpoint file that was edited, or signed with another key', async () => {
    const { checkpoints } = await deps.archive.readAll();
    const first = checkpoints[0]!;
    const path = join(dir, first.file);
    const original = await readFile(path, 'utf8');
    await writeFile(path, JSON.stringify({ ...first.checkpoint, head: { ...first.checkpoint.head, seq: first.checkpoint.head.seq - 1 } }));
    expect(await verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/signature does not verify/) });
    const other = createCheckpointSigner(generateCheckpointKeys().privateKeyPem).sign({ ...first.checkpoint });
    await writeFile(path, JSON.stringify(other));
    expect(await verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/signed with key [0-9a-f]{16}, not the council's key/) });
    await writeFile(path, original);
    expect(await verify()).toMatchObject({ ok: true });
  });
});
