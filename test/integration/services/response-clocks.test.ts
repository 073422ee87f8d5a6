// Response clocks on a real store with the clock injected: reminders and breaches across the March clock change,
// durable (outbox rows, not timers) and never twice; a claim nobody acts on goes back to the queue.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { runClockJob } from '../../../src/services/run-clock-job.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/store/outbox-worker.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
let now = new Date('2026-03-27T16:00:00Z'); // Friday 27 March 2026, 16:00 GMT; the clocks go forward on Sunday
const clock = { now: () => now };
const ana: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };

function worker(): OutboxWorker {
  // A fresh worker each time stands for a restart: all it knows is in the database.
  return createOutboxWorker({ db, clock, workerId: `w-${randomUUID()}`, handlers: {
    'clock.remind': (job) => runClockJob(ctx, 'remind', job),
    'clock.due': (job) => runClockJob(ctx, 'due', job),
  } });
}

async function notices(caseId: string): Promise<Array<{ audience: string; text: string }>> {
  const rows = await db.query<{ payload: { audience: string; text: string } }>(`SELECT payload FROM outbox WHERE kind = 'chat.notice' AND case_id = $1 ORDER BY id`, [caseId]);
  return rows.rows.map((r) => ({ audience: r.payload.audience, text: r.payload.text }));
}

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

describe('response clocks', () => {
  it('counts the first response in working time across the clock change, reminds at 75%, raises the breach once', async () => {
    const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: now.toISOString() }))]))[0]!.caseId;
    const c = await ctx.store.cases.get(caseId);
    // 16:00–17:00 on Friday, then 09:00–10:00 BST on Monday (08:00Z): two working hours.
    expect(c?.deadlines['first_response']).toBe('2026-03-30T09:00:00.000Z');

    now = new Date('2026-03-30T08:29:00Z');
    await worker().runOnce();
    expect(await notices(caseId)).toEqual([]);

    now = new Date('2026-03-30T08:31:00Z'); // 09:31 BST: 90 of 120 working minutes gone
    await worker().runOnce();
    expect(await notices(caseId)).toEqual([{ audience: 'owner', text: expect.stringMatching(/^Reminder: First response on MD-\d+ is due at 10:00/) }]);

    now = new Date('2026-03-30T09:01:00Z');
    await worker().runOnce();
    await worker().runOnce();
    const all = await notices(caseId);
    expect(all).toHaveLength(2);
    expect(all[1]).toEqual({ audience: 'channel_and_managers', text: expect.stringMatching(/^Overdue: First response on MD-\d+ was due at 10:00 and nobody holds it/) });
  });

  it('stands a reminder down once a reply has gone out', async () => {
    now = new Date('2026-03-31T09:00:00Z'); // Tuesday 10:00 BST
    const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: now.toISOString() }))]))[0]!.caseId;
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: ana });
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.reply.submit', text: 'On it ^AP', visibility: 'public' }, actor: ana });
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.reply.sent', replyId: 'rep-1', networkReplyId: 'n1' }, actor: { ...ana, personId: 'system', roles: [], surface: 'system' } });
    expect((await ctx.store.cases.get(caseId))?.deadlines['first_response']).toBeUndefined();
    now = new Date('2026-03-31T12:00:00Z');
    await worker().runOnce();
    expect(await notices(caseId)).toEqual([]);
  });

  it('returns a claim nobody acts on to the queue, and tells the channel', async () => {
    now = new Date('2026-04-01T09:00:00Z'); // Wednesday 10:00 BST
    const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: now.toISOString() }))]))[0]!.caseId;
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: ana });
    now = new Date('2026-04-01T10:01:00Z');
    await worker().runOnce();
    const c = await ctx.store.cases.get(caseId);
    expect(c?.state).toBe('new');
    const events = await ctx.store.events.forCase(caseId);
    expect(events.filter((e) => e.event.type === 'case.released').map((e) => e.event.actor.personId)).toEqual(['system']);
    expect((await notices(caseId)).map((n) => n.text)).toContainEqual(expect.stringMatching(/went back to the queue: Ana Patel had not acted on it in time/));
  });

  it('pauses clocks while waiting on the resident and moves them on by the working time paused', async () => {
    now = new Date('2026-04-02T08:00:00Z'); // Thursday 09:00 BST, before Easter
    const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: now.toISOString() }))]))[0]!.caseId;
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: ana });
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.wait', reason: 'Asked for the address' }, actor: ana });
    const due = (await ctx.store.cases.get(caseId))!.deadlines['first_response']!;
    expect(due).toBe('2026-04-02T10:00:00.000Z');
    now = new Date('2026-04-02T15:00:00Z'); // Thursday 16:00 BST: the breach would be past, but the case waits
    await worker().runOnce();
    expect(await notices(caseId)).toEqual([]);
    now = new Date('2026-04-07T08:30:00Z'); // Tuesday 09:30 BST after Easter Monday
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.resume' }, actor: ana });
    // Paused from Thursday 09:00 to Tuesday 09:30 BST: 8 working hours Thursday, Good Friday and Easter Monday closed, 30 minutes Tuesday.
    expect((await ctx.store.cases.get(caseId))!.deadlines['first_response']).toBe('2026-04-07T10:30:00.000Z');
  });
});
