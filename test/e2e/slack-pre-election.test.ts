// End to end: in the pre-election period a political reply waits for a comms manager (004 §2), shown in
// Slack as an approval request; an officer cannot approve it, a manager can, and only then does it go out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DateTime } from 'luxon';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  const today = DateTime.now().setZone('Europe/London');
  t = await startSlackDesk({
    policy: (p) => ({ ...p, replyRules: { ...p.replyRules, preElectionPeriods: [{ name: 'Local elections', from: today.minus({ days: 10 }).toISODate()!, to: today.plus({ days: 10 }).toISODate()! }] } }),
  });
});
afterAll(() => t.close());

describe('a reply in the pre-election period', () => {
  it('waits for a manager, who approves it in the thread; then it goes out once', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.reply.submit');
    await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBeGreaterThan(0), DESK_ACTS);
    const res = await t.submit(PEOPLE.ana, t.openedView(PEOPLE.ana), { text: 'The candidate manifesto does not change collections.', visibility: 'public' });
    expect(res.status).toBe(200);
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies[0]?.status).toBe('awaiting_approval');
    expect(t.connector.replies).toHaveLength(0);
    const request = t.message('C0TRIAGE', caseId, 'approval:rep-1');
    expect(JSON.stringify(request['blocks'])).toContain('<@U0CARA>');

    await t.click(PEOPLE.ben, 'C0TRIAGE', caseId, 'case.reply.approve', 'approval:rep-1');
    const refusal = await t.fake.waitFor('chat.postEphemeral', (c) => c.body['user'] === 'U0BEN');
    expect(String(refusal.body['text'])).toMatch(/comms manager/);

    await t.click(PEOPLE.cara, 'C0TRIAGE', caseId, 'case.reply.approve', 'approval:rep-1');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.replies[0]?.status).toBe('sending'), DESK_ACTS);
    await t.settle();
    expect(t.connector.replies).toHaveLength(1);
    expect((await t.desk.ctx.store.cases.get(caseId))?.replies[0]?.status).toBe('sent');
  });
});
