// The moderation ladder across one author's cases, on the real store: hide, then warn, then block, leadership told, replies refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Actor } from '../../../src/domain/actor.js';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import { applyCouncilRules } from '../../../src/services/apply-council-rules.js';
import { deliverModeration } from '../../../src/services/deliver-network-action.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { loadCaseForm } from '../../../src/services/load-case-form.js';
import { loadCaseView } from '../../../src/services/load-case-view.js';
import type { NetworkConnector } from '../../../src/services/ports.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
let now = new Date('2026-06-01T09:00:00Z');
const clock = { now: () => now };
const done: Array<{ action: string; visibility?: string }> = [];
const connector: NetworkConnector = {
  network: 'facebook',
  reply: async (_t, _text, visibility) => { done.push({ action: 'reply', visibility }); return { networkReplyId: `r-${done.length}` }; },
  moderate: async (_t, action) => { done.push({ action }); },
};

const officer: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };
const manager: Actor = { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager'], surface: 'slack' };
const leader: Actor = { personId: 'eve', name: 'Eve Grant', initials: 'EG', roles: ['leadership'], surface: 'teams' };
const spammer = { id: 'fb-spam-king', name: 'Spam King', handle: 'spamking', followers: 12, verified: false };
const SPAM = 'Click here for free followers https://spam.example/offer';

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = withFacebookMessages(await loadPolicy(null));
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack', 'teams'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function claimedCase(text: string, author = spammer): Promise<string> {
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ text, author }))]);
  await act(outcome!.caseId, { type: 'case.claim' }, officer);
  return outcome!.caseId;
}

async function act(caseId: string, command: CaseCommand, actor: Actor) {
  const ruled = await applyCouncilRules(ctx, caseId, command, actor);
  if (ruled.kind !== 'command') throw new Error(`refused: ${JSON.stringify(ruled.fieldErrors)}`);
  const result = await executeCaseCommand(ctx, { caseId, seenVersion: null, command: ruled.command, actor });
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.case;
}

/** Requests what the form preselects, has it approved when it must be, and lets the network carry it out. */
async function moderate(caseId: string, action: string, ruleId = 'spam'): Promise<void> {
  const c = await act(caseId, { type: 'case.moderate', action: action as 'hide', ruleId, needsApproval: false }, officer);
  const m = c.moderation.at(-1)!;
  if (m.status === 'awaiting_approval') await act(caseId, { type: 'case.moderation.approve', moderationId: m.id }, m.action === 'unblock' ? leader : manager);
  await deliverModeration(ctx, () => connector, { key: `network:moderate:${caseId}:${m.id}`, payload: { caseId, moderationId: m.id } });
}

async function preselected(caseId: string): Promise<{ action?: string; ruleId?: string; hint?: string }> {
  const loaded = await loadCaseForm(ctx, { formId: 'moderate', caseId, args: {}, actor: officer });
  const field = (id: string) => loaded!.form.fields.find((f) => f.id === id);
  return { action: field('action')?.initial, ruleId: field('ruleId')?.initial, hint: field('action')?.hint };
}

async function replyTo(caseId: string) {
  return applyCouncilRules(ctx, caseId, { type: 'case.reply.submit', text: 'Thanks for getting in touch', visibility: 'public' }, officer);
}

describe('the moderation ladder across an author\'s cases', () => {
  const cases: string[] = [];

  it('hides a first spam post, and the form suggests no more than that', async () => {
    cases.push(await claimedCase(SPAM));
    expect(await preselected(cases[0]!)).toMatchObject({ action: 'hide', ruleId: 'spam', hint: expect.stringContaining('Earlier: nothing recorded for this account.') });
    await moderate(cases[0]!, 'hide');
    const history = await ctx.store.accounts.history('facebook:fb-spam-king');
    expect(history).toMatchObject({ warnings: 0, blocked: false, blocks: [] });
    expect(history.breaches).toEqual([expect.objectContaining({ caseId: cases[0], ruleId: 'spam', at: now, actions: [expect.objectContaining({ action: 'hide', doneAt: now })] })]);
    expect(history.breaches[0]!.evidence).toMatchObject({ text: SPAM, authorName: 'Spam King', authorHandle: 'spamking', network: 'facebook' });
  });

  it('suggests hide and a written warning for spam again on a second case, the warning approved by a manager', async () => {
    now = new Date('2026-06-02T10:00:00Z');
    cases.push(await claimedCase(`${SPAM} again`));
    expect(await preselected(cases[1]!)).toMatchObject({ action: 'hide', ruleId: 'spam', hint: expect.stringContaining('Earlier: 1 breach (spam), no warnings; not blocked') });
    await moderate(cases[1]!, 'hide');
    const next = await preselected(cases[1]!);
    expect(next.action).toBe('warn');
    expect(next.hint).toContain('A comms manager must approve the warning');
    const warned = await act(cases[1]!, { type: 'case.moderate', action: 'warn', ruleId: 'spam', needsApproval: false }, officer);
    expect(warned.moderation.at(-1)?.status).toBe('awaiting_approval');
    await act(cases[1]!, { type: 'case.moderation.approve', moderationId: warned.moderation.at(-1)!.id }, manager);
    await deliverModeration(ctx, () => connector, { key: 'warn-1', payload: { caseId: cases[1], moderationId: warned.moderation.at(-1)!.id } });
    expect(done.at(-1)).toEqual({ action: 'reply', visibility: 'private' });
    const history = await ctx.store.accounts.history('facebook:fb-spam-king');
    expect(history).toMatchObject({ warnings: 1, blocked: false });
    expect(history.breaches.map((b) => [b.caseId, b.ruleId, b.actions.map((a) => a.action)])).toEqual([[cases[0], 'spam', ['hide']], [cases[1], 'spam', ['hide', 'warn']]]);
  });

  it('suggests a block on a third, which waits for a manager, and shows the record on the card', async () => {
    now = new Date('2026-06-30T20:00:00Z');
    cases.push(await claimedCase(`${SPAM} third time`));
    const card = (await loadCaseView(ctx, cases[2]!))!.card;
    expect(card.facts.at(-1)).toEqual({ label: 'Account record', value: 'Earlier: 2 breaches (spam ×2), 1 warning; not blocked' });
    expect(await preselected(cases[2]!)).toMatchObject({ action: 'hide', hint: expect.stringContaining('the account was warned before and the behaviour has continued') });
    await moderate(cases[2]!, 'hide');
    expect((await preselected(cases[2]!)).action).toBe('block');
    const ruled = await applyCouncilRules(ctx, cases[2]!, { type: 'case.moderate', action: 'block', ruleId: 'spam', needsApproval: false }, officer);
    expect(ruled).toMatchObject({ kind: 'command', command: { needsApproval: true } });
  });

  it('tells leadership once the block is done, with the appeal date 12 months on in London dates', async () => {
    now = new Date('2026-06-30T23:30:00Z'); // 00:30 on 1 July in London (BST)
    await moderate(cases[2]!, 'block');
    await deliverModeration(ctx, () => connector, { key: 'retry', payload: { caseId: cases[2], moderationId: 'mod-2' } });
    const rows = (await db.query<{ key: string; payload: Record<string, string> }>(`SELECT key, payload FROM outbox WHERE kind = 'chat.notice' AND case_id = $1 ORDER BY key`, [cases[2]])).rows;
    expect(rows.map((r) => r.key)).toEqual([`leadership:block:slack:${cases[2]}:mod-2`, `leadership:block:teams:${cases[2]}:mod-2`]);
    expect(rows[0]!.payload).toMatchObject({ audience: 'leadership', blockedAt: '2026-06-30T23:30:00.000Z', appealFrom: '2027-06-30T23:30:00.000Z', ruleId: 'spam' });
    expect(rows[0]!.payload['text']).toBe(
      `Account blocked on Facebook: Spam King (@spamking), for Spam (002 §6.3.2), on 1 Jul 2026 at 00:30. An appeal is possible from 1 Jul 2027. ` +
        `Case ${cases[2]}. For the Chief Executive's attention (002 §6.3.3); lifting a block needs leadership's approval.`,
    );
    const history = await ctx.store.accounts.history('facebook:fb-spam-king');
    expect(history).toMatchObject({ blocked: true, blocks: [{ caseId: cases[2], moderationId: 'mod-2', ruleId: 'spam', at: now }] });
  });

  it('refuses a reply to the blocked author on any of their cases, and not to someone else', async () => {
    for (const caseId of cases) {
      const ruled = await replyTo(caseId);
      expect(ruled).toMatchObject({ kind: 'invalid', fieldErrors: { text: expect.stringContaining('This account is blocked') } });
    }
    const other = await claimedCase('When is my bin day?', { id: 'fb-resident', name: 'Res Ident', handle: 'res', followers: 1, verified: false });
    expect((await replyTo(other)).kind).toBe('command');
    const card = (await loadCaseView(ctx, cases[0]!))!.card;
    expect(card.facts.at(-1)?.value).toBe('Earlier: 2 breaches (spam ×2), 1 warning; blocked since 1 Jul 2026 (may appeal from 1 Jul 2027)');
  });

  it('lifts the block only with leadership\'s approval, after which replies are allowed again', async () => {
    const asked = await act(cases[2]!, { type: 'case.moderate', action: 'unblock', ruleId: 'spam', needsApproval: false }, manager);
    const unblock = asked.moderation.at(-1)!;
    expect(unblock.status).toBe('awaiting_approval');
    const keys = (await db.query<{ key: string }>(`SELECT key FROM outbox WHERE kind = 'chat.approval.request' AND case_id = $1`, [cases[2]])).rows.map((r) => r.key);
    expect(keys).toContain(`approval:slack:${cases[2]}:${unblock.id}`);
    const byManager = await executeCaseCommand(ctx, { caseId: cases[2]!, seenVersion: null, command: { type: 'case.moderation.approve', moderationId: unblock.id }, actor: manager });
    expect(byManager).toMatchObject({ ok: false, refusal: { rule: 'moderation:unblock-approver' } });
    await act(cases[2]!, { type: 'case.moderation.approve', moderationId: unblock.id }, leader);
    await deliverModeration(ctx, () => connector, { key: 'unblock', payload: { caseId: cases[2], moderationId: unblock.id } });
    expect(await ctx.store.accounts.history('facebook:fb-spam-king')).toMatchObject({ blocked: false, blocks: [] });
    expect((await replyTo(cases[0]!)).kind).toBe('command');
  });
});

/** A council whose Facebook page takes messages (the default follows 000: it does not), so warnings can go privately (002 §6.3.3). */
function withFacebookMessages(p: Policy): Policy {
  return { ...p, networks: { ...p.networks, facebook: { ...p.networks['facebook']!, directMessages: true } } };
}
