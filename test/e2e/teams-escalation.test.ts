// End to end on Teams: an officer classifies a case in a form and escalates it to the Waste lead, whose card
// appears in the service's channel naming him; he acknowledges and every card says so. A service with no
// channel goes to the lead in a 1:1 chat (createConversation); someone who is not a lead is refused alone.
import { toThreadedConversationId } from '@microsoft/teams.apps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, cardOfCall, postsTo } from '../helpers/teams-cards.js';
import { DESK_CHANNEL_ID } from '../helpers/teams-activities.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_CHANNELS, TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { checkAdaptiveCard } from '../unit/adapters/teams/adaptive-card-check.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startInstalledTeamsDesk();
});
afterAll(() => t.close());

async function claimed(): Promise<string> {
  const { caseId } = await t.ingest();
  await t.settle();
  answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
  await t.settle();
  return caseId;
}

/** Clicks a form button, checks the form it answers with, submits it. */
async function fillForm(caseId: string, verb: string, values: Record<string, string>, who = TEAMS_PEOPLE.ana, purpose = 'triage') {
  const form = answerCard(await t.click(who, caseId, verb, { purpose }));
  expect(checkAdaptiveCard(form.json).problems).toEqual([]);
  return { form, answer: await t.submit(who, caseId, form, values, purpose) };
}

describe('classify, escalate to the service lead, the lead acknowledges', () => {
  it('runs from the triage card to the escalation card in the Waste channel and back', async () => {
    const caseId = await claimed();
    const classify = await fillForm(caseId, 'case.classify', { serviceTag: 'waste', kind: 'complaint' });
    // The bot's suggestion from the text ("brown bin … not been collected") came preselected.
    expect((classify.form.json['body'] as Array<Record<string, unknown>>).find((e) => e['id'] === 'classify.serviceTag')).toMatchObject({ value: 'waste' });
    expect(answerCard(classify.answer).fact('Service')).toBe('Waste and Recycling');
    await t.settle();

    const escalate = await fillForm(caseId, 'case.escalate', { target: 'service_lead:waste', reason: 'Third missed collection on Elm Road this month' });
    expect(answerCard(escalate.answer).text()).toContain('Escalated to the Waste and Recycling service lead: pending');
    await t.settle();
    const escalation = t.card(caseId, 'escalation:esc-1');
    expect(escalation.text()).toContain(`<at>Dev Shah</at> **Ana Patel** escalated this to the Waste and Recycling service lead:`);
    expect(escalation.json['msteams']).toEqual({ width: 'Full', entities: [{ type: 'mention', text: '<at>Dev Shah</at>', mentioned: { id: TEAMS_PEOPLE.dev.aadObjectId, name: 'Dev Shah' } }] });
    expect(escalation.text()).toContain('Third missed collection on Elm Road this month');
    expect(escalation.executes().map((a) => a.verb)).toEqual(['case.escalation.acknowledge', 'case.escalation.answer', 'case.escalation.draft', 'case.escalation.pass', 'case.escalation.decline']);
    expect(postsTo(t.fake.calls, TEAMS_CHANNELS.waste)).toHaveLength(1);

    const ack = answerCard(await t.click(TEAMS_PEOPLE.dev, caseId, 'case.escalation.acknowledge', { purpose: 'escalation:esc-1' }));
    expect(ack.text()).toContain('Acknowledged by Dev Shah; the substantive answer is still to come.'); // Dev's own card redrawn as the escalation card
    // "On it" is not the answer: the substantive answers stay offered (001 matrix option 2).
    expect(ack.executes().map((a) => a.verb)).toEqual(['case.escalation.answer', 'case.escalation.draft', 'case.escalation.pass', 'case.escalation.decline']);
    await t.settle();
    expect(t.card(caseId).text()).toContain('Escalated to the Waste and Recycling service lead: acknowledged by Dev Shah');
    expect(t.card(caseId, 'escalation:esc-1').text()).toContain('Acknowledged by Dev Shah');
    const root = (await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND purpose = 'triage'`, [caseId])).rows[0]!.message_id;
    const thread = postsTo(t.fake.calls, toThreadedConversationId(DESK_CHANNEL_ID, root)).map((c) => cardOfCall(c).text());
    expect(thread).toEqual([
      'Ana Patel claimed',
      'Classified: Waste and Recycling, Complaint',
      'Escalated to the Waste and Recycling service lead by Ana Patel: Third missed collection on Elm Road this month',
      'Dev Shah acknowledged the escalation (on it; the substantive answer is still to come)',
    ]);

    const answered = await fillForm(caseId, 'case.escalation.answer', { facts: 'The crew missed Elm Road twice; back on Thursday.', proposedReply: 'Sorry, the crew will collect on Thursday.' }, TEAMS_PEOPLE.dev, 'escalation:esc-1');
    expect(answered.form.text()).toContain('Answer for comms');
    expect(answerCard(answered.answer).executes()).toEqual([]);
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.deadlines['service_lead_response']).toBeUndefined();
    expect(t.card(caseId).fact('Service answer')).toBe('Dev Shah: The crew missed Elm Road twice; back on Thursday. Proposed wording: "Sorry, the crew will collect on Thursday."');
  });

  it('tells someone who is not the lead, on their card alone, that only the lead can answer', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'service_lead:waste', reason: 'Needs the depot' });
    await t.settle();
    const calls = t.fake.calls.length;
    const refusal = answerCard(await t.click(TEAMS_PEOPLE.ben, caseId, 'case.escalation.acknowledge', { purpose: 'escalation:esc-1' }));
    expect(refusal.text()).toContain('Only service lead or service officer or leadership or safeguarding lead or comms manager can do that (escalation acknowledge).');
    // The refusal comes on Ben's own view of the card, which no longer offers him answers that are not his.
    expect(refusal.executes()).toEqual([]);
    expect(t.fake.calls.length).toBe(calls);
    expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]?.status).toBe('pending');
  });

  it('asks the lead why in a form when he declines, and the triage card shows the reason', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'service_lead:waste', reason: 'Fly-tipping on the verge' });
    await t.settle();
    const { form, answer } = await fillForm(caseId, 'case.escalation.decline', { reason: 'Verges are Highways, not Waste' }, TEAMS_PEOPLE.dev, 'escalation:esc-1');
    expect(form.text()).toContain('Decline the escalation');
    expect(answerCard(answer).text()).toContain('Declined by Dev Shah: Verges are Highways, not Waste');
    await t.settle();
    expect(t.card(caseId).text()).toContain('declined by Dev Shah (Verges are Highways, not Waste)');
  });
});

describe('where escalations go', () => {
  it('opens a 1:1 chat with each lead of a service with no channel (createConversation), and posts there', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'service_lead:housing', reason: 'Damp in a council flat' });
    await t.settle();
    const created = t.fake.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created.at(-1)?.body).toMatchObject({ members: [{ id: TEAMS_PEOPLE.dev.aadObjectId, name: 'Dev Shah' }], tenantId: expect.any(String) });
    const chat = (created.at(-1)!.response as { id: string }).id;
    const card = cardOfCall(postsTo(t.fake.calls, chat).at(-1)!);
    expect(card.text()).toContain('escalated this to the Housing service lead');
    expect(card.text()).not.toContain('<at>');
    // Housing does not reply itself in the test policy: no "Draft a reply myself".
    expect(t.card(caseId, `escalation:esc-1:${TEAMS_PEOPLE.dev.aadObjectId}`).executes().map((a) => a.verb)).toEqual(['case.escalation.acknowledge', 'case.escalation.answer', 'case.escalation.pass', 'case.escalation.decline']);
    // The chat is remembered: the next escalation to Dev does not open another.
    const again = await claimed();
    await fillForm(again, 'case.escalate', { target: 'service_lead:housing', reason: 'Mould again' });
    await t.settle();
    expect(t.fake.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations')).toHaveLength(created.length);
    expect(postsTo(t.fake.calls, chat)).toHaveLength(2);
  });

  it('posts a leadership escalation to the leadership channel, naming leadership', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'leadership', reason: 'A journalist is asking' });
    await t.settle();
    const post = cardOfCall(postsTo(t.fake.calls, TEAMS_CHANNELS.leadership).at(-1)!);
    expect(post.text()).toContain('<at>Eve Grant</at> **Ana Patel** escalated this to leadership:');
    expect(post.text()).toContain('A journalist is asking');
  });
});
