// End to end on Teams: replying. The form names the officer's sign-off; a reply over X's limit comes back as the
// form with the error under the reply field and nothing is sent; a good one goes through the outbox to the
// network exactly once, and the card says sent only after that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, type TeamsCard } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startInstalledTeamsDesk();
});
afterAll(() => t.close());

async function claimedAndOpenReply(): Promise<{ caseId: string; form: TeamsCard }> {
  const { caseId } = await t.ingest();
  await t.settle();
  answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
  await t.settle();
  return { caseId, form: answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.reply.submit')) };
}

const outboxKinds = async (caseId: string) =>
  (await t.db.query<{ kind: string }>(`SELECT kind FROM outbox WHERE case_id = $1 ORDER BY id`, [caseId])).rows.map((r) => r.kind);
const body = (card: TeamsCard) => card.json['body'] as Array<Record<string, unknown>>;

describe('the reply form in Teams', () => {
  it('opens for the clicker with the draft field, X\'s limit and their sign-off explained', async () => {
    const { form } = await claimedAndOpenReply();
    expect(body(form).find((e) => e['id'] === 'reply.text')).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 4000, isRequired: true });
    expect(form.text()).toContain('X allows 280 characters including the sign-off "^AP". X counts a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2. The sign-off is added for you.');
    expect(form.executes().map((a) => [a.title, a.verb])).toEqual([['Send reply', 'case.reply.submit'], ['Cancel', 'desk.card.show']]);
  });

  it('puts a too-long reply\'s error under the reply field, keeps the draft, and sends nothing', async () => {
    const { caseId, form } = await claimedAndOpenReply();
    const before = await outboxKinds(caseId);
    const calls = t.fake.calls.length;
    const again = answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { text: 'a'.repeat(277), visibility: 'public' }));
    const fields = body(again);
    const input = fields.findIndex((e) => e['id'] === 'reply.text');
    expect(fields[input]).toMatchObject({ value: 'a'.repeat(277) });
    expect(fields.find((e) => e['id'] === 'reply.text.error')).toMatchObject({ color: 'Attention', text: "X counts this reply as 281 with the sign-off (a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2), 1 over X's limit of 280. Shorten it or link to the website." });
    expect(fields.findIndex((e) => e['id'] === 'reply.text.error')).toBeGreaterThan(input);
    await t.settle();
    expect(await outboxKinds(caseId)).toEqual(before);
    expect(t.fake.calls.length).toBe(calls);
    expect(t.connector.replies).toHaveLength(0);
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies).toEqual([]);
  });

  it('sends a good reply once through the outbox, signed, and the card shows it sent', async () => {
    const { caseId, form } = await claimedAndOpenReply();
    const answer = answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { text: 'Sorry about this. The crew will collect on Thursday.', visibility: 'public' }));
    expect(answer.text()).toContain('Reply sending (Ana Patel)');
    expect(t.connector.replies).toHaveLength(0); // nothing goes out before the outbox runs
    await t.settle();
    expect(t.connector.replies).toHaveLength(1);
    expect(t.connector.replies[0]).toMatchObject({ text: 'Sorry about this. The crew will collect on Thursday. ^AP', visibility: 'public', target: { network: 'x' } });
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: 'x-reply-1' });
    expect(t.card(caseId).text()).toContain('Reply sent (Ana Patel): Sorry about this. The crew will collect on Thursday. ^AP');
    await t.settle();
    expect(t.connector.replies).toHaveLength(1);
  });

  it('Cancel shows the card as it is, to the clicker only', async () => {
    const { caseId, form } = await claimedAndOpenReply();
    const cancel = form.executes().find((a) => a.title === 'Cancel')!;
    const shown = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, cancel.verb, { on: form }));
    expect(shown.fact('Owner')).toBe('Ana Patel');
    expect(shown.executes().map((a) => a.verb)).toContain('case.reply.submit');
  });
});
