// End to end on Slack: one reply per resident. A reply form belongs to the case as it was when opened: a reply
// made since is named (who, when, what) and sending another needs the explicit "Send a further reply"; one
// opened form sends at most once, even submitted twice at the same moment; a classification does not block it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { PEOPLE, repliesSentFor, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import type { SlackPerson } from '../helpers/slack-payloads.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

async function openReply(person: SlackPerson, caseId: string): Promise<SlackBody> {
  const opened = t.fake.callsTo('views.open').length;
  await t.click(person, 'C0TRIAGE', caseId, 'case.reply.submit');
  await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), { timeout: 5000 });
  return t.openedView(person);
}

async function claimedByAna(): Promise<string> {
  const { caseId } = await t.ingest();
  await t.settle();
  await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
  await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), { timeout: 5000 });
  await t.settle();
  return caseId;
}

type Answer = { response_action?: string; view?: SlackBody; errors?: Record<string, string> };
const answer = async (res: Response): Promise<Answer> => {
  const text = await res.text();
  return text ? (JSON.parse(text) as Answer) : {};
};
const sentTo = (caseId: string) => repliesSentFor(t, caseId);
const blockIds = (view: SlackBody) => (view.blocks as SlackBody[]).map((b) => b.block_id);

describe('a reply made by someone else while the form was open', () => {
  it('is named in words, Send alone never sends a second reply, and "Send a further reply" sends exactly one', async () => {
    const caseId = await claimedByAna();
    const anasForm = await openReply(PEOPLE.ana, caseId);
    // Cara, a comms manager, replies from her own form and it goes out.
    const carasForm = await openReply(PEOPLE.cara, caseId);
    expect(await answer(await t.submit(PEOPLE.cara, carasForm, { text: 'We are on it and will update you today.', visibility: 'public' }))).toEqual({});
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['We are on it and will update you today. ^CL']);

    // Ana presses Send on the form she opened before Cara replied: refused, with who, when and the text.
    const draft = { text: 'We will look into it.', visibility: 'public' };
    const first = await answer(await t.submit(PEOPLE.ana, anasForm, draft));
    expect(first.response_action).toBe('update');
    const notice = JSON.stringify((first.view!.blocks as SlackBody[]).find((b) => b.block_id === 'notice'));
    expect(notice).toMatch(/Since you opened this form, Cara Lee replied at \d\d:\d\d: \\"We are on it and will update you today. \^CL\\". Nothing was sent./);
    expect(notice).toContain('choose \\"Send a further reply\\"');
    const confirm = (first.view!.blocks as SlackBody[]).find((b) => b.block_id === 'confirm')!;
    expect(confirm).toMatchObject({ type: 'input', optional: true, element: { type: 'checkboxes', action_id: 'confirm', options: [{ text: { text: 'Send a further reply' }, value: 'further:1' }] } });
    expect(confirm.element).not.toHaveProperty('initial_options');
    expect((first.view!.blocks as SlackBody[]).find((b) => b.block_id === 'text')!.element).toMatchObject({ initial_value: 'We will look into it.' });

    // Send again on the redrawn form, without the choice: still refused, still one reply.
    const second = await answer(await t.submit(PEOPLE.ana, first.view!, draft));
    expect(second.response_action).toBe('update');
    expect(JSON.stringify(second.view!.blocks)).toContain('Cara Lee replied at');
    await t.settle();
    expect(await sentTo(caseId)).toHaveLength(1);

    // The explicit choice: exactly one further reply.
    expect(await answer(await t.submit(PEOPLE.ana, second.view!, { ...draft, confirm: 'further:1' }))).toEqual({});
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['We are on it and will update you today. ^CL', 'We will look into it. ^AP']);

    // The same form once more, choice and all: it has sent, so nothing more goes out.
    const again = await answer(await t.submit(PEOPLE.ana, second.view!, { ...draft, confirm: 'further:1' }));
    expect(JSON.stringify(again.view!.blocks)).toContain('This form has already sent its reply: Ana Patel');
    await t.settle();
    expect(await sentTo(caseId)).toHaveLength(2);
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies).toHaveLength(2);
  });
});

describe('one opened form sends at most once', () => {
  it('sends one reply when the same form is submitted twice at the same moment', async () => {
    const caseId = await claimedByAna();
    const form = await openReply(PEOPLE.ana, caseId);
    const values = { text: 'A crew is booked for Thursday.', visibility: 'public' };
    const answers = await Promise.all([t.submit(PEOPLE.ana, form, values), t.submit(PEOPLE.ana, form, values)].map(async (r) => answer(await r)));
    expect(answers.filter((a) => a.response_action === undefined)).toHaveLength(1);
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['A crew is booked for Thursday. ^AP']);
    const types = (await t.db.query<{ type: string }>(`SELECT type FROM events WHERE case_id = $1 AND type = 'case.reply.requested'`, [caseId])).rows;
    expect(types).toHaveLength(1);
  });

  it('refuses the same text to the same resident from a new form unless the person ticks "Send the same text again"', async () => {
    const caseId = await claimedByAna();
    const values = { text: 'A crew is booked for Thursday.', visibility: 'public' };
    expect(await answer(await t.submit(PEOPLE.ana, await openReply(PEOPLE.ana, caseId), values))).toEqual({});
    await t.settle();
    const refused = await answer(await t.submit(PEOPLE.ana, await openReply(PEOPLE.ana, caseId), values));
    expect(JSON.stringify(refused.view!.blocks)).toContain('Ana Patel already sent this same text to the resident on this case at');
    expect(blockIds(refused.view!)).toContain('confirm');
    expect(await answer(await t.submit(PEOPLE.ana, refused.view!, { ...values, confirm: 'same-text:rep-1' }))).toEqual({});
    await t.settle();
    expect(await sentTo(caseId)).toHaveLength(2);
  });
});

describe('changes that do not affect the reply', () => {
  it('sends a reply whose form was opened before a manager classified and escalated the case', async () => {
    const caseId = await claimedByAna();
    const form = await openReply(PEOPLE.ana, caseId);
    const cara = { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager' as const], surface: 'slack' as const };
    await executeCaseCommand(t.desk.ctx, { caseId, seenVersion: null, command: { type: 'case.classify', serviceTag: 'waste', kind: 'question' }, actor: cara });
    await executeCaseCommand(t.desk.ctx, { caseId, seenVersion: null, command: { type: 'case.escalate', target: { type: 'leadership' }, reason: 'Press interest' }, actor: cara });
    expect(await answer(await t.submit(PEOPLE.ana, form, { text: 'We will look into it.', visibility: 'public' }))).toEqual({});
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['We will look into it. ^AP']);
  });
});
