// The command service on a real store: atomic saves, one winner under contention, history that replays.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { replayCase } from '../../../src/domain/evolve-case.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;

const officer = (n: number): Actor => ({ personId: `officer-${n}`, name: `Officer ${n}`, initials: 'OF', roles: ['comms_officer'], surface: 'slack' });
const manager: Actor = { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager'], surface: 'teams' };

beforeAll(async () => {
  db = await openTestDatabase();
  // Officer 2 is in the policy as a comms officer: a case can only be given to someone who can work it.
  const policy = { ...(await loadPolicy(null)), people: [{ id: 'officer-2', name: 'Officer 2', initials: 'OT', roles: ['comms_officer' as const] }] };
  ctx = { store: createPgStore(db), clock: { now: () => new Date() }, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack', 'teams'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function newCase(): Promise<string> {
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention())]);
  return outcome!.caseId;
}

describe('executeCaseCommand', () => {
  it('lets exactly one of 50 concurrent claims win, refusing 49 and logging one claim', async () => {
    const caseId = await newCase();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => executeCaseCommand(ctx, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: officer(i) })),
    );
    const winners = results.filter((r) => r.ok);
    const refusals = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(refusals).toHaveLength(49);
    // Each loser is told who won, decided on the case the winner committed.
    const winner = winners[0]!.ok ? winners[0]!.case.owner!.name : '';
    for (const r of refusals) if (!r.ok) expect(r.refusal.message).toMatch(new RegExp(`^Already claimed by ${winner} at \\d\\d:\\d\\d\\.$`));
    const events = await ctx.store.events.forCase(caseId);
    expect(events.filter((e) => e.event.type === 'case.claimed')).toHaveLength(1);
    const stored = await ctx.store.cases.get(caseId);
    expect(stored?.version).toBe(2);
  });

  it('lets exactly one win when two replicas on one database each take 30 concurrent claims', async () => {
    const caseId = await newCase();
    const second = db.openSecondHandle();
    try {
      const other: DeskContext = { ...ctx, store: createPgStore(second) };
      const claimOn = (c: DeskContext, i: number) => executeCaseCommand(c, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: officer(i) });
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => claimOn(i % 2 ? other : ctx, i)));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      // A loser on the other replica loses the conditional save, reads the case again and is told who won.
      const winner = winners[0]!.ok ? winners[0]!.case.owner!.name : '';
      for (const r of results) if (!r.ok) expect(r.refusal.message).toMatch(new RegExp(`^Already claimed by ${winner} at \\d\\d:\\d\\d\\.$`));
      const events = await ctx.store.events.forCase(caseId);
      expect(events.filter((e) => e.event.type === 'case.claimed')).toHaveLength(1);
      expect((await ctx.store.cases.get(caseId))?.version).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('tells the loser who won, in words', async () => {
    const caseId = await newCase();
    await executeCaseCommand(ctx, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: officer(1) });
    const late = await executeCaseCommand(ctx, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: officer(2) });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.refusal.message).toMatch(/^Already claimed by Officer 1 at \d\d:\d\d\.$/);
  });

  it('refuses a command made on an old version of the card without changing anything', async () => {
    const caseId = await newCase();
    await executeCaseCommand(ctx, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: officer(1) });
    await executeCaseCommand(ctx, { caseId, seenVersion: 2, command: { type: 'case.classify', serviceTag: 'waste', kind: 'complaint' }, actor: officer(1) });
    const stale = await executeCaseCommand(ctx, { caseId, seenVersion: 2, command: { type: 'case.classify', serviceTag: 'parking', kind: 'question' }, actor: officer(1) });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.refusal.code).toBe('stale');
    expect((await ctx.store.cases.get(caseId))?.classification?.serviceTag).toBe('waste');
  });

  it('rebuilds the stored case exactly from its event log', async () => {
    const caseId = await newCase();
    const steps = [
      { actor: officer(1), command: { type: 'case.claim' as const } },
      { actor: officer(1), command: { type: 'case.classify' as const, serviceTag: 'waste', kind: 'complaint', note: null } },
      { actor: officer(1), command: { type: 'case.escalate' as const, target: { type: 'leadership' as const }, reason: 'Local paper is asking' } },
      { actor: manager, command: { type: 'case.reassign' as const, toPersonId: 'officer-2', toName: 'Officer 2' } },
      { actor: officer(2), command: { type: 'case.reply.submit' as const, text: 'Sorry, we are on it ^O2', visibility: 'public' as const } },
      { actor: officer(2), command: { type: 'case.close' as const, outcome: 'redirected' as const, note: null } },
    ];
    for (const s of steps) {
      const r = await executeCaseCommand(ctx, { caseId, seenVersion: null, command: s.command, actor: s.actor });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const stored = await ctx.store.cases.get(caseId);
    const events = await ctx.store.events.forCase(caseId);
    expect(replayCase(events.map((e) => e.event))).toEqual(stored);
    const changes = events.filter((e) => e.event.type !== 'case.deadline.set');
    expect(changes.map((e) => e.event.actor.surface)).toEqual(['system', 'slack', 'slack', 'slack', 'teams', 'slack', 'slack']);
    expect(stored?.deadlines).toEqual({});
  });

  it('writes card refreshes for every surface in the same transaction as the event', async () => {
    const caseId = await newCase();
    await executeCaseCommand(ctx, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: officer(1) });
    const rows = await db.query<{ key: string }>(`SELECT key FROM outbox WHERE case_id = $1 ORDER BY id`, [caseId]);
    const keys = rows.rows.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining([`card:slack:${caseId}:v1`, `card:teams:${caseId}:v1`, `card:slack:${caseId}:v2`, `card:teams:${caseId}:v2`]));
    expect(keys.filter((k) => k.startsWith('thread:'))).toHaveLength(2);
  });

  it('starts and stops response clocks with the changes that drive them', async () => {
    const caseId = await newCase();
    expect(Object.keys((await ctx.store.cases.get(caseId))!.deadlines)).toEqual(['first_response']);
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: officer(1) });
    expect(Object.keys((await ctx.store.cases.get(caseId))!.deadlines).sort()).toEqual(['claim_expiry', 'first_response']);
    await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.escalate', target: { type: 'service_lead', serviceTag: 'waste' }, reason: 'Missed bins' }, actor: officer(1) });
    const after = (await ctx.store.cases.get(caseId))!;
    expect(Object.keys(after.deadlines).sort()).toEqual(['first_response', 'service_lead_response']);
    const setAt = new Date((await ctx.store.events.forCase(caseId)).at(-1)!.event.at).getTime();
    expect(new Date(after.deadlines['service_lead_response']!).getTime() - setAt).toBe(24 * 3_600_000);
    const jobs = await db.query<{ kind: string }>(`SELECT kind FROM outbox WHERE case_id = $1 AND kind LIKE 'clock.%'`, [caseId]);
    expect(jobs.rows.map((r) => r.kind).sort()).toEqual(['clock.due', 'clock.due', 'clock.due', 'clock.remind', 'clock.remind']);
  });

  it('keeps the hash chain intact across all of it', async () => {
    expect(await ctx.store.events.verifyChain()).toMatchObject({ ok: true });
  });
});
