// End to end: a block needs a comms manager's yes (002 §6.3.3). The request appears in the card's thread and
// notifies the manager; an officer's own approve is refused privately; the manager approves and it is carried out.
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

describe('a block waits for a comms manager', () => {
  it('asks in the thread, refuses an officer\'s approval, and goes ahead on the manager\'s', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.moderate');
    await vi.waitFor(() => expect(t.fake.callsTo('views.open')).toHaveLength(1), DESK_ACTS);
    const res = await t.submit(PEOPLE.ana, t.openedView(PEOPLE.ana), { action: 'block', ruleId: 'abuse_of_staff', note: 'Third abusive reply this week' });
    expect(res.status).toBe(200);
    await t.settle();
    expect(t.connector.moderations).toHaveLength(0);

    const request = t.message('C0TRIAGE', caseId, 'approval:mod-1');
    expect(request.thread_ts).toBe(t.message('C0TRIAGE', caseId).ts);
    expect(JSON.stringify(request.blocks)).toContain('<@U0CARA> *Ana Patel* asks to *block* this post for breaking the house rule _Abuse or harassment of staff_.');
    expect(buttonsIn(request.blocks as SlackBody[]).map((b) => b.button.action_id)).toEqual(['case.moderation.approve', 'case.moderation.reject']);

    t.fake.reset();
    await t.click(PEOPLE.ben, 'C0TRIAGE', caseId, 'case.moderation.approve', 'approval:mod-1');
    const refusal = await t.fake.waitFor('chat.postEphemeral');
    expect(refusal.body).toMatchObject({ user: 'U0BEN', text: 'Only comms manager or leadership can do that (moderation approve).' });

    await t.click(PEOPLE.cara, 'C0TRIAGE', caseId, 'case.moderation.approve', 'approval:mod-1');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.moderation[0]?.status).toBe('approved'), DESK_ACTS);
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.moderation[0]?.status).toBe('done');
    expect(t.connector.moderations.map((m) => m.action)).toEqual(['block']);
    const answered = t.message('C0TRIAGE', caseId, 'approval:mod-1');
    expect(buttonsIn(answered.blocks as SlackBody[])).toHaveLength(0);
    expect(JSON.stringify(answered.blocks)).toContain('block: done');
    expect(JSON.stringify(t.message('C0TRIAGE', caseId).blocks)).toContain('Block for Abuse or harassment of staff: done');
  });
});
