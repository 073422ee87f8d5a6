// Erasure on a real store: one author's words go, everyone else's stay, the chain still verifies, and any other
// change to the log (behind the database's triggers) is still caught.
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { erasePersonalData } from '../../../src/services/erase-personal-data.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import type { Db, Sql } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { buildHistory, dataProtectionContext, settableClock } from './history-builder.js';

let db: Db;
let ctx: DeskContext;
let superuser = false;
const clock = settableClock('2026-03-05T10:00:00Z');

beforeAll(async () => {
  db = await openTestDatabase();
  ctx = await dataProtectionContext(db, clock);
  superuser = (await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper === true;
});
afterAll(async () => db?.close());

const request = (authorKey: string) => ({ scope: { authorKey }, requestedBy: 'data subject, DP-2026-114', approverId: 'cara', lawfulBasis: 'UK GDPR Art 17(1)(a)' });

async function texts(caseId: string): Promise<{ post: string; author: string; reply: string | undefined; note: string | null | undefined; authorKey: string }> {
  const mention = (await ctx.store.mentions.get((await ctx.store.cases.get(caseId))!.mentionId))!.mention;
  const events = (await ctx.store.events.forCase(caseId)).map((s) => s.event);
  const reply = events.find((e) => e.type === 'case.reply.requested');
  const classified = events.find((e) => e.type === 'case.classified');
  const opened = events.find((e) => e.type === 'case.opened');
  return {
    post: mention.text, author: `${mention.author.id}|${mention.author.name}|${mention.author.handle}`,
    reply: reply?.type === 'case.reply.requested' ? reply.data.text : undefined,
    note: classified?.type === 'case.classified' ? classified.data.note : undefined,
    authorKey: opened?.type === 'case.opened' ? opened.data.authorKey : '',
  };
}

async function behindTheTriggers(t: TestContext, work: (tx: Sql) => Promise<unknown>): Promise<void> {
  if (!superuser) t.skip('the test role cannot disable triggers');
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE event_personal_data DISABLE TRIGGER ALL');
    await tx.query('ALTER TABLE events DISABLE TRIGGER ALL');
    await work(tx);
    await tx.query('ALTER TABLE events ENABLE TRIGGER ALL');
    await tx.query('ALTER TABLE event_personal_data ENABLE TRIGGER ALL');
  });
}

describe('erasure of one author', () => {
  let erasedCases: string[] = [];
  let otherCase = '';

  it("removes the author's post, identity, replies quoting them and notes, and leaves the chain verifiable", async () => {
    erasedCases = [
      await buildHistory(ctx, { authorId: '12345', text: 'Jo Bloggs of 4 Elm Road: my bins were missed', reply: 'Sorry Jo, a crew will call at 4 Elm Road', note: 'Jo says her son is disabled', closedAt: '2026-03-03T10:00:00.000Z' }),
      await buildHistory(ctx, { authorId: '12345', text: 'Still no bin collection', reply: 'Thanks Jo' }),
    ];
    otherCase = await buildHistory(ctx, { authorId: '777', text: 'Pothole on Oak Lane', reply: 'Thanks Sam, reported', note: 'Sam rang too' });

    const result = await erasePersonalData(ctx, request('x:12345'));

    expect(result.cases.map((c) => c.outcome)).toEqual(['erased', 'erased']);
    expect(result.accountForgotten).toBe(true);
    for (const id of erasedCases) {
      const t = await texts(id);
      expect(t).toMatchObject({ post: '[erased]', author: '[erased]|[erased]|[erased]', reply: '[erased]', authorKey: '[erased]' });
      const c = await ctx.store.cases.get(id);
      expect(c?.authorKey).toBe('[erased]');
      expect(c?.replies[0]?.text).toBe('[erased]');
      const url = (await ctx.store.mentions.get(c!.mentionId))!.mention.url;
      expect(url).toBe('https://x.com/');
    }
    expect((await texts(erasedCases[0]!)).note).toBe('[erased]');
    expect(await texts(otherCase)).toEqual({ post: 'Pothole on Oak Lane', author: '777|Resident 777|resident_777', reply: 'Thanks Sam, reported', note: 'Sam rang too', authorKey: 'x:777' });
    expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
    // Nothing of the erased words is left anywhere in the database's text.
    const leftovers = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_personal_data WHERE value::text LIKE '%Elm Road%' OR value::text LIKE '%x:12345%'`);
    expect(leftovers.rows[0]?.n).toBe(0);
    const mentions = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentions WHERE body::text LIKE '%Elm Road%' OR body::text LIKE '%resident_12345%'`);
    expect(mentions.rows[0]?.n).toBe(0);
  });

  it('records the erasure as an event: who asked, who approved with which role, the basis, what was removed', async () => {
    const events = (await ctx.store.events.forCase(erasedCases[0]!)).map((s) => s.event);
    const erasure = events.at(-1);
    expect(erasure).toMatchObject({
      type: 'case.personal-data.erased', actor: { personId: 'cara', surface: 'cli' },
      data: { trigger: 'request', requestedBy: 'data subject, DP-2026-114', approvedBy: { personId: 'cara', name: 'Cara Lee', role: 'comms_manager' }, lawfulBasis: 'UK GDPR Art 17(1)(a)', heldBack: null },
    });
    expect(erasure?.type === 'case.personal-data.erased' && erasure.data.removed.join(' ')).toMatch(/3 personal field\(s\) in the case history/);
  });

  it('refuses an approver without an approver role, and changes nothing', async () => {
    const caseId = await buildHistory(ctx, { authorId: '888', text: 'Street light out' });
    await expect(erasePersonalData(ctx, { ...request('x:888'), approverId: 'ana' })).rejects.toThrow(/Ana Patel cannot approve an erasure: it needs the role comms_manager/);
    await expect(erasePersonalData(ctx, { ...request('x:888'), approverId: 'nobody' })).rejects.toThrow(/no person "nobody"/);
    expect((await texts(caseId)).post).toBe('Street light out');
  });

  it('holds back moderation evidence and safeguarding records with the reason, erasing the rest', async () => {
    const moderated = await buildHistory(ctx, { authorId: '999', text: 'abusive words', moderated: true });
    const referred = await buildHistory(ctx, { authorId: '999', text: 'I am scared to go home', safeguarding: true });
    const plain = await buildHistory(ctx, { authorId: '999', text: 'Library hours?' });
    const result = await erasePersonalData(ctx, request('x:999'));
    expect(result.cases.map((c) => [c.caseId, c.outcome])).toEqual([[moderated, 'held_back'], [referred, 'held_back'], [plain, 'erased']]);
    expect(result.cases[0]?.heldBack).toMatch(/^Moderation evidence/);
    expect(result.cases[1]?.heldBack).toMatch(/^A safeguarding referral/);
    expect(result.accountForgotten).toBe(false);
    expect((await texts(moderated)).post).toBe('abusive words');
    expect((await texts(plain)).post).toBe('[erased]');
    const held = (await ctx.store.events.forCase(moderated)).at(-1)?.event;
    expect(held).toMatchObject({ type: 'case.personal-data.erased', data: { heldBack: expect.stringMatching(/Art 17\(3\)\(e\)/), removed: [] } });
    expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('answers a second request for the same case as already erased, recording nothing new', async () => {
    const before = (await ctx.store.events.forCase(erasedCases[1]!)).length;
    const again = await erasePersonalData(ctx, { ...request('x:1'), scope: { caseId: erasedCases[1]! } });
    expect(again.cases).toEqual([{ caseId: erasedCases[1], outcome: 'already_erased', heldBack: null, removed: [] }]);
    expect(await ctx.store.events.forCase(erasedCases[1]!)).toHaveLength(before);
  });

  it('refuses, in the database, any change to personal data but erasure', async () => {
    await expect(db.query(`UPDATE event_personal_data SET value = '"rewritten"'::jsonb WHERE value IS NOT NULL`)).rejects.toThrow(/can only be erased/);
    await expect(db.query('DELETE FROM event_personal_data')).rejects.toThrow(/can only be erased/);
  });
});

describe('erasures racing each other and the team', () => {
  it('two requests and a release at the same moment: one erasure event per case, nothing left unerased, the chain verifies', async () => {
    const open = await buildHistory(ctx, { authorId: '5150', text: 'Noisy neighbours at 12 Birch Close' });
    const closed = await buildHistory(ctx, { authorId: '5150', text: 'Thanks for sorting it', reply: 'Glad to help, Pat', closedAt: '2026-03-03T10:00:00.000Z' });
    const c = await ctx.store.cases.get(open);
    const [a, b, claim] = await Promise.all([
      erasePersonalData(ctx, request('x:5150')),
      erasePersonalData(ctx, { ...request('x:5150'), scope: { caseId: closed } }),
      executeCaseCommand(ctx, { caseId: open, seenVersion: c!.version, command: { type: 'case.release' }, actor: { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'teams' } }),
    ]);
    expect(a.cases.find((x) => x.caseId === open)?.outcome).toBe('erased');
    expect([a.cases.find((x) => x.caseId === closed)?.outcome, b.cases[0]?.outcome].sort()).toEqual(['already_erased', 'erased']);
    // The release lands before the erasure, or finds the case moved on (stale): never half of each.
    expect(['ok', 'stale']).toContain(claim.ok ? 'ok' : claim.refusal.code);
    for (const id of [open, closed]) {
      const events = (await ctx.store.events.forCase(id)).map((e) => e.event);
      expect(events.filter((e) => e.type === 'case.personal-data.erased')).toHaveLength(1);
      const kept = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_personal_data p JOIN events e ON e.id = p.event_id WHERE e.case_id = $1 AND p.value IS NOT NULL', [id]);
      // A release after the erasure adds no personal field; anything before it was erased.
      expect(kept.rows[0]?.n).toBe(0);
      expect((await texts(id)).post).toBe('[erased]');
    }
    expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
  });
});

describe('tampering after an erasure is still caught', () => {
  it("catches a kept resident's words rewritten behind the trigger", async (t) => {
    const verdictBefore = await ctx.store.events.verifyChain();
    expect(verdictBefore.ok).toBe(true);
    const row = (await db.query<{ event_id: string; field: string; value: string }>(`SELECT p.event_id, p.field, p.value FROM event_personal_data p JOIN events e ON e.id = p.event_id WHERE p.value::text LIKE '%Sam rang too%'`)).rows[0]!;
    await behindTheTriggers(t, (tx) => tx.query(`UPDATE event_personal_data SET value = '"Sam never rang"'::jsonb WHERE event_id = $1 AND field = $2`, [row.event_id, row.field]));
    const verdict = await ctx.store.events.verifyChain();
    expect(verdict).toMatchObject({ ok: false });
    expect(!verdict.ok && verdict.reason).toMatch(/personal field note does not match its digest/);
    await behindTheTriggers(t, (tx) => tx.query(`UPDATE event_personal_data SET value = $3::jsonb WHERE event_id = $1 AND field = $2`, [row.event_id, row.field, JSON.stringify(row.value)]));
    expect((await ctx.store.events.verifyChain()).ok).toBe(true);
  });

  it('catches a field emptied without a recorded erasure, and an erased event whose digest was swapped', async (t) => {
    const row = (await db.query<{ event_id: string; field: string; value: string; salt: string }>(`SELECT event_id, field, value, salt FROM event_personal_data WHERE value::text LIKE '%Pothole%' OR value::text LIKE '%Thanks Sam%'`)).rows[0]!;
    await behindTheTriggers(t, (tx) => tx.query(`UPDATE event_personal_data SET value = NULL, salt = NULL, erasure_id = 'made-up' WHERE event_id = $1 AND field = $2`, [row.event_id, row.field]));
    const verdict = await ctx.store.events.verifyChain();
    expect(!verdict.ok && verdict.reason).toMatch(/emptied without a recorded erasure event/);
    await behindTheTriggers(t, (tx) => tx.query(`UPDATE event_personal_data SET value = $3::jsonb, salt = $4, erasure_id = NULL WHERE event_id = $1 AND field = $2`, [row.event_id, row.field, JSON.stringify(row.value), row.salt]));
    expect((await ctx.store.events.verifyChain()).ok).toBe(true);

    const erased = (await db.query<{ seq: string; body: { data: Record<string, string> } }>(`SELECT e.seq, e.body FROM events e JOIN event_personal_data p ON p.event_id = e.id WHERE p.value IS NULL AND e.type = 'case.reply.requested' LIMIT 1`)).rows[0]!;
    const forged = { ...erased.body, data: { ...erased.body.data, text: `sha256:${'a'.repeat(64)}` } };
    await behindTheTriggers(t, (tx) => tx.query('UPDATE events SET body = $2 WHERE seq = $1', [erased.seq, JSON.stringify(forged)]));
    const after = await ctx.store.events.verifyChain();
    expect(after).toMatchObject({ ok: false, firstBad: { seq: Number(erased.seq) } });
    expect(!after.ok && after.reason).toMatch(/content hash mismatch/);
    await behindTheTriggers(t, (tx) => tx.query('UPDATE events SET body = $2 WHERE seq = $1', [erased.seq, JSON.stringify(erased.body)]));
    expect((await ctx.store.events.verifyChain()).ok).toBe(true);
  });
});
