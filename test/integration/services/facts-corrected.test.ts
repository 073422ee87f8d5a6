// "Correct the facts once, then stop" (004 §6), on the real store: a rumour closed as facts corrected dims further
// replies on its thread (the post the comments answer), and only there; reopening it lifts that.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Actor } from '../../../src/domain/actor.js';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { loadCaseForm } from '../../../src/services/load-case-form.js';
import { loadCaseView } from '../../../src/services/load-case-view.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import type { CaseChange } from '../../../src/web/case-change.js';
import { startCaseChangeFeed } from '../../../src/web/case-change-feed.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
const clock = { now: () => new Date('2026-06-01T09:00:00Z') };
const officer: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function comment(text: string, postId: string, network = 'facebook'): Promise<string> {
  const m = sampleMention({ text, network, externalId: randomUUID(), parent: { externalId: postId, text: 'Bin collections are running as normal this week.' } });
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(m)]);
  return outcome!.caseId;
}

async function run(caseId: string, command: CaseCommand): Promise<void> {
  const result = await executeCaseCommand(ctx, { caseId, seenVersion: null, command, actor: officer });
  if (!result.ok) throw new Error(result.refusal.message);
}

const replyButton = async (caseId: string) => (await loadCaseView(ctx, caseId))!.card.actions.find((a) => a.actionId === 'case.reply.submit');

describe('facts corrected on a thread', () => {
  it('dims the reply on later comments in the same thread, says where the facts were corrected, and leaves other threads alone', async () => {
    const post = `post-${randomUUID()}`;
    const rumour = await comment('Heard the bins are being cut to once a month from April, disgraceful', post);
    await run(rumour, { type: 'case.claim' });
    await run(rumour, { type: 'case.reply.submit', text: 'Collections stay fortnightly: nothing is changing in April.', visibility: 'public' });
    await run(rumour, { type: 'case.close', outcome: 'facts_corrected', note: null });

    const later = await comment('So is it monthly bins from April or not??', post);
    await run(later, { type: 'case.claim' });
    const view = await loadCaseView(ctx, later);
    expect(view!.card.banners.map((b) => b.text)).toContainEqual(expect.stringContaining(`The facts were already corrected on this thread (${rumour})`));
    expect(await replyButton(later)).toMatchObject({ label: 'Reply anyway', style: 'default' });
    const form = await loadCaseForm(ctx, { formId: 'reply', caseId: later, args: {}, actor: officer });
    expect(form!.form.fields[0]?.kind === 'text' && form!.form.fields[0].hint).toMatch(/^The facts were already corrected on this thread/);

    const elsewhere = await comment('Are bins monthly from April?', `post-${randomUUID()}`);
    await run(elsewhere, { type: 'case.claim' });
    expect(await replyButton(elsewhere)).toMatchObject({ label: 'Reply', style: 'primary' });
    // The same post id on another network is another thread.
    const otherNetwork = await comment('monthly bins??', post, 'instagram');
    await run(otherNetwork, { type: 'case.claim' });
    expect((await loadCaseView(ctx, otherNetwork))!.card.banners.some((b) => b.text.includes('already corrected'))).toBe(false);
  });

  it('lifts the dimming when the corrected case is reopened', async () => {
    const post = `post-${randomUUID()}`;
    const rumour = await comment('The tip is closing for good next month, pass it on', post);
    await run(rumour, { type: 'case.claim' });
    await run(rumour, { type: 'case.close', outcome: 'facts_corrected', note: 'Tip stays open; corrected in a reply' });
    const later = await comment('Is the tip really closing?', post);
    await run(later, { type: 'case.claim' });
    expect((await replyButton(later))?.label).toBe('Reply anyway');
    await run(rumour, { type: 'case.reopen', reason: 'Closed by mistake' });
    expect((await replyButton(later))?.label).toBe('Reply');
  });

  it("tells the web desk's live pages about the thread's other open cases when the facts are corrected, and only those", async () => {
    const post = `post-${randomUUID()}`;
    const rumour = await comment('Council tax is doubling in May, share this', post);
    const open = await comment('is council tax really doubling??', post);
    const done = await comment('doubling? seriously?', post);
    for (const id of [rumour, done]) await run(id, { type: 'case.claim' });
    await run(done, { type: 'case.close', outcome: 'monitored', note: null });
    const elsewhere = await comment('council tax doubling?', `post-${randomUUID()}`);
    // Saves are announced a few milliseconds after their commit (pg-notifier.ts): those above go out before listening.
    await new Promise((r) => setTimeout(r, 200));
    const feed = await startCaseChangeFeed(db);
    const heard: CaseChange[] = [];
    feed.subscribe((m) => void (m.kind === 'case' && heard.push(m)));
    try {
      await run(rumour, { type: 'case.close', outcome: 'facts_corrected', note: null });
      const openVersion = (await ctx.store.cases.get(open))!.version;
      await expect.poll(() => heard.map((c) => c.caseId).sort(), { timeout: 5000 }).toEqual([open, rumour].sort());
      expect(heard.find((c) => c.caseId === open)?.version).toBe(openVersion);
      expect(heard.map((c) => c.caseId)).not.toContain(done);
      expect(heard.map((c) => c.caseId)).not.toContain(elsewhere);
    } finally {
      await feed.stop();
    }
  });
});
