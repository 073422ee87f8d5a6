// End to end: replying from Slack. A reply over X's limit (sign-off included) is refused inline on the field and
// nothing is sent; a good one goes through the outbox to the network, and the card says sent only after that.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

async function claimedAndOpenReply(): Promise<{ caseId: string; view: SlackBody }> {
  const { caseId } = await t.ingest();
  await t.settle();
  await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
  await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
  await t.settle();
  const opened = t.fake.callsTo('views.open').length;
  await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.reply.submit');
  await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), DESK_ACTS);
  return { caseId, view: t.openedView(PEOPLE.ana) };
}

const outboxKinds = async (caseId: string) =>
  (await t.db.query<{ kind: string }>(`SELECT kind FROM outbox WHERE case_id = $1 ORDER BY id`, [caseId])).rows.map((r) => r.kind);

describe('the reply modal', () => {
  it('opens with the draft field, X\'s limit and the sign-off explained', async () => {
    const { view } = await claimedAndOpenReply();
    expect(view).toMatchObject({ type: 'modal', callback_id: 'case.reply.submit', title: { text: 'Reply' }, submit: { text: 'Send reply' } });
    const field = (view.blocks as SlackBody[]).find((b) => b.block_id === 'text')!;
    // Not capped at 280: X counts a long link as 23, so the desk checks X's count, not Slack.
    expect(field.element).toMatchObject({ type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 });
    expect((field.hint as { text: string }).text).toBe('X allows 280 characters including the sign-off "^AP". X counts a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2. The sign-off is added for you.');
  });

  it('puts a too-long reply\'s error on the reply field and sends nothing', async () => {
    const { caseId, view } = await claimedAndOpenReply();
    const before = await outboxKinds(caseId);
    const res = await t.submit(PEOPLE.ana, view, { text: 'a'.repeat(277), visibility: 'public' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['text']);
    expect(body.errors['text']).toBe("X counts this reply as 281 with the sign-off (a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2), 1 over X's limit of 280. Shorten it or link to the website.");
    await t.settle();
    expect(await outboxKinds(caseId)).toEqual(before);
    expect(t.connector.replies).toHaveLength(0);
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies).toEqual([]);
  });

  it('sends a good reply once through the outbox, signed, and the card shows it sent', async () => {
    const { caseId, view } = await claimedAndOpenReply();
    const res = await t.submit(PEOPLE.ana, view, { text: 'Sorry about this. The crew will collect on Thursday.', visibility: 'public' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // an empty ack closes the modal
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies[0]?.status).toBe('sending');
    expect(t.connector.replies).toHaveLength(0); // nothing goes out before the outbox runs

    await t.settle();
    expect(t.connector.replies).toHaveLength(1);
    expect(t.connector.replies[0]).toMatchObject({ text: 'Sorry about this. The crew will collect on Thursday. ^AP', visibility: 'public', target: { network: 'x' } });
    const c = await t.desk.ctx.store.cases.get(caseId);
    expect(c?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: 'x-reply-1' });
    const card = JSON.stringify(t.message('C0TRIAGE', caseId).blocks);
    expect(card).toContain('Reply sent (Ana Patel): Sorry about this. The crew will collect on Thursday. ^AP');
    const thread = t.fake.messagesIn('C0TRIAGE').filter((m) => m.thread_ts === t.message('C0TRIAGE', caseId).ts).map((m) => m.text);
    expect(thread).toContain('Reply sent: Sorry about this. The crew will collect on Thursday. ^AP');
    await t.settle();
    expect(t.connector.replies).toHaveLength(1);
  });
  it('tells the person on the form when the desk fails on its side, and keeps the form open (Slack would show a bare error)', async () => {
    const { caseId, view } = await claimedAndOpenReply();
    const sentBefore = t.connector.replies.length;
    // A case command is saved by one statement (src/store/pg-case-changes.ts): the database fails it.
    const failing = vi.spyOn(t.desk.ctx.store.caseChanges, 'save').mockRejectedValueOnce(new Error('connection reset by peer'));
    try {
      const res = await t.submit(PEOPLE.ana, view, { text: 'Sorry about this. The crew will collect on Thursday.', visibility: 'public' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.values(body.errors)).toEqual(['Something went wrong on our side and it has been logged. Nothing was changed: try again.']);
    } finally {
      failing.mockRestore();
    }
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies).toEqual([]);
    expect(t.connector.replies).toHaveLength(sentBefore);
  });
});
