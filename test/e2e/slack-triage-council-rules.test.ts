// End to end in Slack (issue 16): the card shows the desk's suggestion with its confidence and reasons; a threat is a
// red safeguarding case with a police decision recorded by a manager (002 §6.3.3–6.3.4); a high reputational risk
// is routed to the comms manager and offered for leadership (001 matrix option 5); a ready reply is sent and counted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { mention, PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  // The default policy's safeguarding lexicons on the test desk: its own lists are deliberately short.
  const defaults = await loadPolicy(null);
  t = await startSlackDesk({
    policy: (p) => ({
      ...p,
      safeguarding: defaults.safeguarding,
      permissions: { ...p.permissions, 'case.police.refer': ['comms_manager', 'safeguarding_lead'] },
      signposts: { source: 'test', templates: [{ id: 'waste-missed-bin', service: 'waste', kind: 'report_online', label: 'Report a missed bin', text: 'Please report it online: {website}/bins' }] },
    }),
  });
});
afterAll(() => t.close());

const blocksOf = (caseId: string) => JSON.stringify(t.message('C0TRIAGE', caseId).blocks);

async function openForm(user: (typeof PEOPLE)[keyof typeof PEOPLE], caseId: string, actionId: string): Promise<SlackBody> {
  const opened = t.fake.callsTo('views.open').length;
  await t.click(user, 'C0TRIAGE', caseId, actionId);
  await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBe(opened + 1), DESK_ACTS);
  return t.openedView(user);
}

describe('the card\'s suggestion', () => {
  it('shows the suggested service and kind with how sure it is and why, and the classify form says the same', async () => {
    const { caseId } = await t.ingest(mention({ text: 'Fed up. Third week running the brown bin has not been collected on Elm Road' }));
    await t.settle();
    expect(blocksOf(caseId)).toMatch(/\*Suggested\*\\n[^"]*\(\d+% sure\)/);
    expect(blocksOf(caseId)).toContain('*Why*\\nservice Waste and Recycling: mentions \\"bin\\"');
    const view = await openForm(PEOPLE.ana, caseId, 'case.classify');
    const kind = (view.blocks as SlackBody[]).find((b) => b.block_id === 'kind')!;
    expect((kind.hint as { text: string }).text).toMatch(/^Suggested: .+\(\d+% sure\)\. Why: /);
  });
});

describe('a threat to staff', () => {
  it('is an unmistakable safeguarding case, and the police decision is a manager\'s, recorded with their name', async () => {
    const { caseId } = await t.ingest(mention({ text: 'Tell the bin crew I know where they park the lorries. Next time I will burn the depot down with them in it.' }));
    await t.settle();
    const blocks = t.message('C0TRIAGE', caseId).blocks as SlackBody[];
    expect(blocks[1]).toMatchObject({ block_id: 'safeguarding', text: { text: expect.stringContaining('*SAFEGUARDING REFERRAL*') } });
    expect(blocksOf(caseId)).toContain('No decision recorded yet (002 §6.3.4');

    // An officer may not decide: the form does not open, the refusal is theirs alone and nothing is recorded.
    const opened = t.fake.callsTo('views.open').length;
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.police.refer');
    const told = await t.fake.waitFor('chat.postEphemeral', (c) => c.body['user'] === 'U0ANA', 3000);
    expect(String(told.body['text'])).toMatch(/^Only comms manager or safeguarding lead can do that/);
    expect(t.fake.callsTo('views.open')).toHaveLength(opened);
    expect((await t.desk.ctx.store.cases.get(caseId))?.policeReferral ?? null).toBeNull();

    const view = await openForm(PEOPLE.cara, caseId, 'case.police.refer');
    expect(view).toMatchObject({ callback_id: 'case.police.refer', title: { text: 'Police' } });
    const res = await t.submit(PEOPLE.cara, view, { decision: 'referred', reason: 'Threat to set fire to the depot with staff inside', reference: 'HC-2026-1187' });
    expect(res.status).toBe(200);
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.policeReferral).toMatchObject({ decision: 'referred', decidedBy: 'Cara Lee', reference: 'HC-2026-1187' }), DESK_ACTS);
    await t.settle();
    expect(blocksOf(caseId)).toMatch(/Told the police \(Cara Lee, [^)]*reference HC-2026-1187\): Threat to set fire to the depot with staff inside/);
    const thread = t.fake.messagesIn('C0TRIAGE').filter((m) => m.thread_ts === t.message('C0TRIAGE', caseId).ts).map((m) => m.text);
    expect(thread).toContain('Cara Lee told the police (reference HC-2026-1187): Threat to set fire to the depot with staff inside');
  });
});

describe('a high reputational risk', () => {
  it('is routed to the comms manager in the card\'s thread, with the leadership offer on the card', async () => {
    const { caseId } = await t.ingest(mention({ text: 'Why are the bins still not collected on Elm Road?', author: { id: 'x-big', name: 'Local Voice', handle: 'localvoice', followers: 48_000, verified: true } }));
    await t.settle();
    expect(blocksOf(caseId)).toContain('High reputational risk: an influential author (48,000 followers). Routed to the comms manager');
    const escalateButtons = (blocksOf(caseId).match(/"action_id":"case\.escalate(#\d+)?"/g) ?? []);
    expect(escalateButtons).toHaveLength(2); // the Escalate form and the one-click leadership offer
    expect(blocksOf(caseId)).toContain('Escalate to leadership');
    const notice = t.fake.messagesIn('C0TRIAGE').find((m) => String(m.text).startsWith(`${caseId} is a high reputational risk`));
    expect(JSON.stringify(notice?.blocks)).toContain('<@U0CARA>');
  });
});

describe('a ready reply', () => {
  it('is offered in the reply form and, with the box left empty, sent as it is and counted on the event', async () => {
    const { caseId } = await t.ingest(mention({ text: 'bin missed again on Elm Road' }));
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    await t.settle();
    const view = await openForm(PEOPLE.ana, caseId, 'case.reply.submit');
    const field = (view.blocks as SlackBody[]).find((b) => b.block_id === 'signpost')!;
    expect(field).toMatchObject({ optional: true, element: { type: 'static_select' } });
    const res = await t.submit(PEOPLE.ana, view, { text: undefined, visibility: 'public', signpost: 'waste-missed-bin' });
    expect(res.status).toBe(200);
    await t.settle();
    expect(t.connector.replies.at(-1)).toMatchObject({ text: 'Please report it online: https://www.example.gov.uk/bins ^AP' });
    const events = await t.db.query<{ body: { data: { signpost?: unknown } } }>(`SELECT body FROM events WHERE case_id = $1 AND type = 'case.reply.requested'`, [caseId]);
    expect(events.rows[0]?.body.data.signpost).toEqual({ templateId: 'waste-missed-bin', kind: 'report_online', serviceTag: 'waste' });
  });
});
