// End to end on Slack: "correct the facts once, then stop" (004 §6). Closing one case of a thread as facts corrected
// redraws the thread's other open cards at once (banner, plain "Reply anyway"), once; reopening it redraws them back.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { mention, PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

const parent = (postId: string) => ({ externalId: postId, text: 'Bin collections are running as normal this week.' });

async function commentOn(postId: string, text: string): Promise<string> {
  const { status, caseId } = await t.ingest(mention({ text, parent: parent(postId) }));
  expect(status).toBe(202);
  return caseId;
}

async function claim(caseId: string): Promise<void> {
  await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
  await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), { timeout: 5000 });
  await t.settle();
}

const cardText = (caseId: string) => JSON.stringify(t.message('C0TRIAGE', caseId).blocks);
const replyButton = (caseId: string) =>
  (t.message('C0TRIAGE', caseId).blocks as SlackBody[])
    .flatMap((b) => (b.elements as SlackBody[] | undefined) ?? [])
    .find((e) => String(e.action_id).replace(/#\d+$/, '') === 'case.reply.submit');
const updatesOf = (caseId: string) => {
  const ts = t.message('C0TRIAGE', caseId).ts;
  return t.fake.callsTo('chat.update').filter((c) => c.body.channel === 'C0TRIAGE' && c.body.ts === ts).length;
};

describe('facts corrected on a thread, on Slack', () => {
  it('updates the other open card of the thread with the banner and a plain "Reply anyway", once, and back on reopening', async () => {
    const post = `post-${process.pid}-${Date.now()}`;
    const rumour = await commentOn(post, 'Heard the bins are going monthly from April, disgraceful');
    const other = await commentOn(post, 'So is it monthly bins from April or not??');
    const elsewhere = await commentOn(`${post}-elsewhere`, 'Are bins monthly from April?');
    await t.settle();
    await claim(rumour);
    await claim(other);
    const otherVersion = (await t.desk.ctx.store.cases.get(other))?.version;
    expect(cardText(other)).not.toContain('already corrected');
    expect(replyButton(other)).toMatchObject({ text: { text: 'Reply' }, style: 'primary' });
    const otherUpdates = updatesOf(other);
    const elsewhereUpdates = updatesOf(elsewhere);

    // Ana closes the rumour from its card: outcome "facts corrected".
    const opened = t.fake.callsTo('views.open').length;
    await t.click(PEOPLE.ana, 'C0TRIAGE', rumour, 'case.close');
    await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), { timeout: 5000 });
    expect((await t.submit(PEOPLE.ana, t.openedView(PEOPLE.ana), { outcome: 'facts_corrected', note: 'Corrected in a reply on the post' })).status).toBe(200);
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(rumour))?.outcome).toBe('facts_corrected'), { timeout: 5000 });
    await t.settle();

    // Nothing happened to the other case itself, yet its message now says so.
    expect((await t.desk.ctx.store.cases.get(other))?.version).toBe(otherVersion);
    expect(cardText(other)).toContain(`The facts were already corrected on this thread (${rumour})`);
    expect(replyButton(other)).toMatchObject({ text: { text: 'Reply anyway' } });
    expect(replyButton(other)).not.toHaveProperty('style');
    expect(updatesOf(other)).toBe(otherUpdates + 1);
    // Another thread is not touched.
    expect(updatesOf(elsewhere)).toBe(elsewhereUpdates);
    expect(cardText(elsewhere)).not.toContain('already corrected');
    // The refresh is queued once per save (idempotency key), for this case only.
    const queued = await t.db.query<{ case_id: string }>(`SELECT case_id FROM outbox WHERE key LIKE $1`, [`card:slack:%:thread-corrected:${rumour}:%`]);
    expect(queued.rows.map((r) => r.case_id)).toEqual([other]);

    // Reopening the rumour lifts it from the other card at once.
    await t.click(PEOPLE.ana, 'C0TRIAGE', rumour, 'case.reopen');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(rumour))?.state).not.toBe('closed'), { timeout: 5000 });
    await t.settle();
    expect(cardText(other)).not.toContain('already corrected');
    expect(replyButton(other)).toMatchObject({ text: { text: 'Reply' }, style: 'primary' });
  });
});
