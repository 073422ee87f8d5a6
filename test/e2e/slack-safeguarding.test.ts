// End to end: a safeguarding concern skips the queue and working hours (004 §2): the escalation card reaches the
// safeguarding channel at once, naming the safeguarding lead, who acknowledges it; nobody else can.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mention, PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => { t = await startSlackDesk(); });
afterAll(() => t.close());

describe('a safeguarding concern', () => {
  it('goes to the safeguarding lead at once, who alone can acknowledge it', async () => {
    const { caseId } = await t.ingest(mention({ text: 'Nobody listens. I am going to kill myself tonight.' }));
    await t.settle();
    const card = t.message('C0SAFE', caseId, 'escalation:esc-1');
    expect(JSON.stringify(card['blocks'])).toContain('<@U0GIL>');
    // The triage card looks like a safeguarding case: red, the referral named first, never "risk low".
    const triage = t.message('C0TRIAGE', caseId)['blocks'] as Array<Record<string, unknown>>;
    expect(triage[1]).toMatchObject({ block_id: 'safeguarding', text: { text: expect.stringContaining('*SAFEGUARDING REFERRAL*') } });
    expect(JSON.stringify(triage)).toContain('*Risk*\\nhigh (safeguarding referral');

    await t.click(PEOPLE.ana, 'C0SAFE', caseId, 'case.escalation.acknowledge', 'escalation:esc-1');
    const refusal = await t.fake.waitFor('chat.postEphemeral', (c) => c.body['user'] === 'U0ANA');
    expect(String(refusal.body['text'])).toMatch(/safeguarding lead/);

    await t.click(PEOPLE.gil, 'C0SAFE', caseId, 'case.escalation.acknowledge', 'escalation:esc-1');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]).toMatchObject({ target: { type: 'safeguarding' }, status: 'acknowledged', answeredBy: 'Gil Moss' }), DESK_ACTS);
    await t.settle();
    expect(JSON.stringify(t.message('C0TRIAGE', caseId)['blocks'])).toContain('safeguarding lead: acknowledged by Gil Moss');
  });
});
