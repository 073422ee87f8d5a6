// The retention schedule on a real store: a routine case loses its resident's words a year after it closed and
// not a day before, a complaint keeps them six years, finished outbox items go, and the chain still verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../../src/services/apply-retention.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { buildHistory, dataProtectionContext, settableClock } from './history-builder.js';

let db: Db;
let ctx: DeskContext;
const clock = settableClock('2026-03-02T12:00:00Z');
let routine = '';
let complaint = '';
let moderated = '';
let open = '';
let oldFinished = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  ctx = await dataProtectionContext(db, clock);
  routine = await buildHistory(ctx, { authorId: '1', text: 'Is the tip open on Sunday?', reply: 'Yes, 9 to 4', closedAt: '2026-03-02T10:00:00.000Z' });
  complaint = await buildHistory(ctx, { authorId: '2', text: 'Formal complaint about my missed bins', kind: 'complaint', closedAt: '2026-03-02T10:00:00.000Z' });
  moderated = await buildHistory(ctx, { authorId: '3', text: 'abuse', moderated: true, closedAt: '2026-03-02T10:00:00.000Z' });
  open = await buildHistory(ctx, { authorId: '4', text: 'Still waiting' });
});
afterAll(async () => db?.close());

const post = async (caseId: string) => (await ctx.store.mentions.get((await ctx.store.cases.get(caseId))!.mentionId))!.mention.text;

describe('applyRetention', () => {
  it('redacts nothing a day before the year is up', async () => {
    clock.set('2027-03-01T10:00:00Z');
    const report = await applyRetention(ctx, { dryRun: false });
    expect(report.cases).toEqual([]);
    expect(await post(routine)).toBe('Is the tip open on Sunday?');
  });

  it('shows in a dry run what would go, and changes nothing', async () => {
    clock.set('2027-03-02T10:00:01Z');
    // Another case's items finished more than 30 days ago, one a day ago; the routine case's went long ago.
    const old = await db.query(`UPDATE outbox SET status = 'done', done_at = '2027-01-02T11:00:00Z' WHERE case_id = ANY($1::text[])`, [[complaint, moderated]]);
    oldFinished = old.rowCount;
    expect(oldFinished).toBeGreaterThan(0);
    await db.query(`UPDATE outbox SET status = 'failed', done_at = '2027-03-01T11:00:00Z' WHERE id IN (SELECT id FROM outbox WHERE case_id = $1 ORDER BY id LIMIT 1)`, [open]);
    await db.query(`UPDATE outbox SET status = 'done', done_at = '2026-03-02T11:00:00Z' WHERE case_id = $1`, [routine]);
    const outboxBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n;
    const report = await applyRetention(ctx, { dryRun: true });
    const routineItems = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE case_id = $1', [routine])).rows[0]!.n;
    expect(report).toMatchObject({ dryRun: true, cases: [{ caseId: routine, recordClass: 'routine', due: '2027-03-02T10:00:00.000Z' }], outboxItems: oldFinished + routineItems });
    expect(await post(routine)).toBe('Is the tip open on Sunday?');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n).toBe(outboxBefore);
  });

  it('redacts the routine case on time, records it as an event, prunes finished outbox items, and the chain verifies', async () => {
    const report = await applyRetention(ctx, { dryRun: false });
    expect(report.cases.map((c) => c.caseId)).toEqual([routine]);
    // The routine case's finished items went with its words; the rest that finished over 30 days ago are pruned.
    expect(report.outboxItems).toBe(oldFinished);
    // What is left for it is the card refresh that shows the redaction in chat.
    expect((await db.query<{ kind: string; status: string }>('SELECT kind, status FROM outbox WHERE case_id = $1', [routine])).rows).toEqual([{ kind: 'chat.card.refresh', status: 'pending' }]);
    expect(await post(routine)).toBe('[erased]');
    expect((await ctx.store.cases.get(routine))?.replies[0]?.text).toBe('[erased]');
    const last = (await ctx.store.events.forCase(routine)).at(-1)?.event;
    expect(last).toMatchObject({ type: 'case.personal-data.erased', actor: { personId: 'system', surface: 'system' }, data: { trigger: 'retention', approvedBy: null, heldBack: null, lawfulBasis: expect.stringMatching(/^UK GDPR Art 5\(1\)\(e\) storage limitation: routine records kept 12 months/) } });
    for (const kept of [complaint, moderated, open]) expect(await post(kept)).not.toBe('[erased]');
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'pending'`)).rows[0]!.n).toBe(1);
    expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
    // The case still counts in the figures: its row, state, service and times stay.
    expect(await ctx.store.cases.get(routine)).toMatchObject({ state: 'closed', outcome: 'replied', classification: { serviceTag: 'waste' } });
  });

  it('runs again without redacting anything twice', async () => {
    const report = await applyRetention(ctx, { dryRun: false });
    expect(report.cases).toEqual([]);
    expect((await ctx.store.events.forCase(routine)).filter((e) => e.event.type === 'case.personal-data.erased')).toHaveLength(1);
  });

  it('keeps complaints and moderation evidence six years, then redacts them too', async () => {
    clock.set('2032-03-01T10:00:00Z');
    expect((await applyRetention(ctx, { dryRun: true })).cases).toEqual([]);
    clock.set('2032-03-02T10:00:01Z');
    const report = await applyRetention(ctx, { dryRun: false });
    expect(report.cases.map((c) => [c.caseId, c.recordClass]).sort()).toEqual([[complaint, 'kind:complaint'], [moderated, 'moderation']].sort());
    expect(await post(open)).toBe('Still waiting');
    expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
  });
});
