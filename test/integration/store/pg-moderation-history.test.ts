// An author's moderation record, read from the event log of their cases: what counts as a breach, a warning, a block in force.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { systemActor, type Actor } from '../../../src/domain/actor.js';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { mentionSchema } from '../../../src/domain/mention.js';
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
let now = new Date('2026-03-02T10:00:00Z');
const clock = { now: () => now };
const manager: Actor = { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager'], surface: 'slack' };
const leader: Actor = { personId: 'eve', name: 'Eve Grant', initials: 'EG', roles: ['leadership'], surface: 'teams' };

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function caseBy(authorId: string, network = 'facebook', text = 'Buy now at https://spam.example'): Promise<string> {
  const author = { id: authorId, name: `Name ${authorId}`, handle: `h_${authorId}`, followers: 1, verified: false };
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ network, text, author }))]);
  await run(outcome!.caseId, { type: 'case.claim' }, manager);
  return outcome!.caseId;
}

async function run(caseId: string, command: CaseCommand, actor: Actor): Promise<void> {
  now = new Date(now.getTime() + 60_000);
  const r = await executeCaseCommand(ctx, { caseId, seenVersion: null, command, actor });
  if (!r.ok) throw new Error(r.refusal.message);
}

/** A manager's own request goes straight to the network; `outcome` is what the network said. */
async function moderate(caseId: string, id: string, action: 'hide' | 'unhide' | 'warn' | 'block' | 'unblock', ruleId: string, outcome: 'done' | 'failed' | 'rejected' = 'done') {
  const needsApproval = action === 'unblock' || outcome === 'rejected';
  await run(caseId, { type: 'case.moderate', action, ruleId, needsApproval }, manager);
  if (outcome === 'rejected') return run(caseId, { type: 'case.moderation.reject', moderationId: id, reason: 'Not a breach' }, manager);
  if (action === 'unblock') await run(caseId, { type: 'case.moderation.approve', moderationId: id }, leader);
  if (outcome === 'failed') return run(caseId, { type: 'case.moderation.failed', moderationId: id, error: 'timeout' }, systemActor());
  return run(caseId, { type: 'case.moderation.done', moderationId: id }, systemActor());
}

describe('AccountRepository.history', () => {
  it('is empty for an author with no moderation', async () => {
    await caseBy('quiet');
    expect(await ctx.store.accounts.history('facebook:quiet')).toEqual({ authorKey: 'facebook:quiet', breaches: [], warnings: 0, warningsSent: [], blocked: false, blocks: [] });
  });

  it('counts one breach per rule per case, not a rejected request, an unhide, or another author', async () => {
    const a = await caseBy('alpha');
    await moderate(a, 'mod-1', 'hide', 'spam');
    await moderate(a, 'mod-2', 'unhide', 'spam');
    await moderate(a, 'mod-3', 'hide', 'unrelated', 'rejected');
    const b = await caseBy('alpha');
    await moderate(b, 'mod-1', 'hide', 'unrelated');
    await moderate(b, 'mod-2', 'warn', 'unrelated', 'failed');
    await moderate(await caseBy('beta'), 'mod-1', 'hide', 'spam');
    const h = await ctx.store.accounts.history('facebook:alpha');
    expect(h.breaches.map((x) => [x.caseId, x.ruleId, x.actions.map((y) => `${y.action}${y.doneAt ? '' : ' (not done)'}`)])).toEqual([
      [a, 'spam', ['hide']],
      [b, 'unrelated', ['hide', 'warn (not done)']],
    ]);
    expect(h.warnings).toBe(0);
    expect(h.breaches[0]!.evidence).toMatchObject({ network: 'facebook', text: 'Buy now at https://spam.example', authorName: 'Name alpha', authorHandle: 'h_alpha' });
    expect(h.breaches[0]!.at.getTime()).toBeLessThan(h.breaches[1]!.at.getTime());
  });

  it('keeps only the blocks made since the last unblock, whichever case each was on', async () => {
    const first = await caseBy('gamma');
    await moderate(first, 'mod-1', 'block', 'abuse_of_staff');
    const second = await caseBy('gamma');
    await moderate(second, 'mod-1', 'unblock', 'abuse_of_staff');
    expect(await ctx.store.accounts.history('facebook:gamma')).toMatchObject({ blocked: false, blocks: [] });
    await moderate(second, 'mod-2', 'block', 'abuse_of_staff', 'failed');
    expect((await ctx.store.accounts.history('facebook:gamma')).blocked).toBe(false);
    await moderate(second, 'mod-3', 'block', 'abuse_of_staff');
    const h = await ctx.store.accounts.history('facebook:gamma');
    expect(h.blocks).toEqual([{ caseId: second, moderationId: 'mod-3', ruleId: 'abuse_of_staff', at: now }]);
    expect(h.blocked).toBe(true);
  });

  it('knows the same person only by the same author key: the same id on another network is someone else', async () => {
    await moderate(await caseBy('delta', 'facebook'), 'mod-1', 'warn', 'spam');
    await caseBy('delta', 'x', 'hello');
    expect(await ctx.store.accounts.history('facebook:delta')).toMatchObject({ warnings: 1, warningsSent: [expect.objectContaining({ ruleId: 'spam' })] });
    expect(await ctx.store.accounts.history('x:delta')).toMatchObject({ warnings: 0, breaches: [] });
  });
});
