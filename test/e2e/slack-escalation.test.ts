// End to end: an officer classifies a case and escalates it to the Waste lead, whose escalation card appears in
// the service's channel; the lead acknowledges and the triage card says so. Also by DM, and to leadership.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { buttonsIn } from '../helpers/slack-payloads.js';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

async function claimed(): Promise<string> {
  const { caseId } = await t.ingest();
  await t.settle();
  await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
  await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
  await t.settle();
  return caseId;
}

/** Clicks a form button, waits for the modal, submits it with `values`; returns Slack's answer to the submit. */
async function fillForm(caseId: string, actionId: string, values: Record<string, string>): Promise<Response> {
  const opened = t.fake.callsTo('views.open').length;
  expect((await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, actionId)).status).toBe(200);
  await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), DESK_ACTS);
  return t.submit(PEOPLE.ana, t.openedView(PEOPLE.ana), values);
}

const text = (m: SlackBody) => JSON.stringify(m.blocks);

describe('classify, escalate to the service lead, the lead acknowledges', () => {
  it('runs from the triage card to the escalation card and back', async () => {
    const caseId = await claimed();

    const classify = await fillForm(caseId, 'case.classify', { serviceTag: 'waste', kind: 'complaint' });
    // The bot's suggestion from the text ("brown bin … not been collected") came preselected.
    const suggested = (t.openedView(PEOPLE.ana).blocks as SlackBody[]).find((b) => b.block_id === 'serviceTag');
    expect(suggested?.element).toMatchObject({ initial_option: { value: 'waste' } });
    expect(classify.status).toBe(200);
    expect(await classify.text()).toBe('');
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.classification).toMatchObject({ serviceTag: 'waste', kind: 'complaint' });

    const escalate = await fillForm(caseId, 'case.escalate', { target: 'service_lead:waste', reason: 'Third missed collection on Elm Road this month' });
    expect(escalate.status).toBe(200);
    await t.settle();

    const escalation = t.message('C0WASTE', caseId, 'escalation:esc-1');
    expect(escalation.text).toContain('Escalated to the Waste and Recycling service lead');
    expect(text(escalation)).toContain('<@U0DEV> *Ana Patel* escalated this to the Waste and Recycling service lead');
    expect(text(escalation)).toContain('Third missed collection on Elm Road this month');
    expect(buttonsIn(escalation.blocks as SlackBody[]).map((b) => b.button.action_id)).toEqual(['case.escalation.acknowledge', 'case.escalation.answer', 'case.escalation.draft', 'case.escalation.pass', 'case.escalation.decline']);
    expect(text(t.message('C0TRIAGE', caseId))).toContain('Escalated to the Waste and Recycling service lead: pending');

    t.fake.reset();
    expect((await t.click(PEOPLE.dev, 'C0WASTE', caseId, 'case.escalation.acknowledge', 'escalation:esc-1')).status).toBe(200);
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]?.status).toBe('acknowledged'), DESK_ACTS);
    expect(t.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
    await t.settle();

    expect(text(t.message('C0TRIAGE', caseId))).toContain('Escalated to the Waste and Recycling service lead: acknowledged by Dev Shah');
    const acknowledged = t.message('C0WASTE', caseId, 'escalation:esc-1');
    // "On it" is not the answer: the substantive answers stay offered (001 matrix option 2).
    expect(buttonsIn(acknowledged.blocks as SlackBody[]).map((b) => b.button.action_id)).toEqual(['case.escalation.answer', 'case.escalation.draft', 'case.escalation.pass', 'case.escalation.decline']);
    expect(text(acknowledged)).toContain('Acknowledged by Dev Shah; the substantive answer is still to come.');
    expect((await t.desk.ctx.store.cases.get(caseId))?.deadlines['service_lead_response']).toBeDefined();
    const thread = t.fake.messagesIn('C0TRIAGE').filter((m) => m.thread_ts === t.message('C0TRIAGE', caseId).ts).map((m) => m.text);
    expect(thread).toEqual([
      'Ana Patel claimed',
      'Classified: Waste and Recycling, Complaint',
      'Escalated to the Waste and Recycling service lead by Ana Patel: Third missed collection on Elm Road this month',
      'Dev Shah acknowledged the escalation (on it; the substantive answer is still to come)',
    ]);

    const opened = t.fake.callsTo('views.open').length;
    await t.click(PEOPLE.dev, 'C0WASTE', caseId, 'case.escalation.answer', 'escalation:esc-1');
    await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), DESK_ACTS);
    expect(t.openedView(PEOPLE.dev)).toMatchObject({ callback_id: 'case.escalation.answer', title: { text: 'Answer for comms' } });
    await t.submit(PEOPLE.dev, t.openedView(PEOPLE.dev), { facts: 'The crew missed Elm Road twice; back on Thursday.', proposedReply: 'Sorry, the crew will collect on Thursday.' });
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.deadlines['service_lead_response']).toBeUndefined();
    expect(buttonsIn(t.message('C0WASTE', caseId, 'escalation:esc-1').blocks as SlackBody[])).toHaveLength(0);
    expect(text(t.message('C0TRIAGE', caseId))).toContain('Dev Shah: The crew missed Elm Road twice; back on Thursday. Proposed wording:');
  });

  it('tells someone who is not the lead, privately, that only the lead can answer', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'service_lead:waste', reason: 'Needs the depot' });
    await t.settle();
    t.fake.reset();
    await t.click(PEOPLE.ben, 'C0WASTE', caseId, 'case.escalation.acknowledge', 'escalation:esc-1');
    const refusal = await t.fake.waitFor('chat.postEphemeral');
    expect(refusal.body).toMatchObject({ channel: 'C0WASTE', user: 'U0BEN' });
    expect(String(refusal.body.text)).toBe('Only service lead or service officer or leadership or safeguarding lead or comms manager can do that (escalation acknowledge).');
    expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]?.status).toBe('pending');
  });
});

describe('the lead declines', () => {
  it('asks why in a modal, and the triage card shows the decline with the reason', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'service_lead:waste', reason: 'Fly-tipping on the verge' });
    await t.settle();
    const opened = t.fake.callsTo('views.open').length;
    await t.click(PEOPLE.dev, 'C0WASTE', caseId, 'case.escalation.decline', 'escalation:esc-1');
    await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), DESK_ACTS);
    const modal = t.openedView(PEOPLE.dev);
    expect(modal).toMatchObject({ callback_id: 'case.escalation.decline', title: { text: 'Decline the escalation' } });
    const res = await t.submit(PEOPLE.dev, modal, { reason: 'Verges are Highways, not Waste' });
    expect(res.status).toBe(200);
    await t.settle();
    expect(text(t.message('C0TRIAGE', caseId))).toContain('Escalated to the Waste and Recycling service lead: declined by Dev Shah (Verges are Highways, not Waste)');
    expect(text(t.message('C0WASTE', caseId, 'escalation:esc-1'))).toContain('Declined by Dev Shah: Verges are Highways, not Waste');
  });
});

describe('where escalations go', () => {
  it('sends a service with no channel to each lead by direct message', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'service_lead:housing', reason: 'Damp in a council flat' });
    await t.settle();
    expect(t.fake.callsTo('conversations.open').at(-1)?.body).toMatchObject({ users: 'U0DEV' });
    const dm = t.message('D0DEV', caseId, 'escalation:esc-1:U0DEV');
    expect(text(dm)).toContain('escalated this to the Housing service lead');
    expect(text(dm)).not.toContain('<@U0DEV>');
  });

  it('posts a leadership escalation to the leadership channel with the reason and the risk', async () => {
    const caseId = await claimed();
    await fillForm(caseId, 'case.escalate', { target: 'leadership', reason: 'A journalist is asking' });
    await t.settle();
    const post = t.message('C0LEAD', caseId, 'escalation:esc-1');
    expect(text(post)).toContain('<@U0EVE> *Ana Patel* escalated this to leadership');
    expect(text(post)).toContain('A journalist is asking');
    expect(text(post)).toContain('*Risk*');
  });
});
