// End to end on Teams: a block needs a comms manager's yes (002 §6.3.3). The request appears in the card's thread
// naming the manager; an officer's own approve is refused on their card alone; the manager approves from the
// request and it is carried out, and leadership is told of the block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, cardOfCall, postsTo } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_CHANNELS, TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { checkAdaptiveCard } from '../unit/adapters/teams/adaptive-card-check.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startInstalledTeamsDesk();
});
afterAll(() => t.close());

describe('a block waits for a comms manager, on Teams', () => {
  it('asks in the thread, refuses an officer\'s approval alone, and goes ahead on the manager\'s', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.moderate'));
    answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { action: 'block', ruleId: 'abuse_of_staff', note: 'Third abusive reply this week' }));
    await t.settle();
    expect(t.connector.moderations).toHaveLength(0);

    const request = t.card(caseId, 'approval:mod-1');
    expect(checkAdaptiveCard(request.json).problems).toEqual([]);
    expect(request.text()).toContain('<at>Cara Lee</at> **Ana Patel** asks to **block** this post for breaking the house rule _Abuse or harassment of staff_.');
    expect(request.json['msteams']).toMatchObject({ entities: [{ mentioned: { id: TEAMS_PEOPLE.cara.aadObjectId, name: 'Cara Lee' } }] });
    expect(request.executes().map((a) => a.verb)).toEqual(['case.moderation.approve', 'case.moderation.reject']);

    const calls = t.fake.calls.length;
    const refused = answerCard(await t.click(TEAMS_PEOPLE.ben, caseId, 'case.moderation.approve', { purpose: 'approval:mod-1' }));
    expect(refused.text()).toContain('Only comms manager or leadership can do that (moderation approve).');
    expect(t.fake.calls.length).toBe(calls);

    const approved = answerCard(await t.click(TEAMS_PEOPLE.cara, caseId, 'case.moderation.approve', { purpose: 'approval:mod-1' }));
    expect(approved.text()).toContain('block: approved by Cara Lee');
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.moderation[0]?.status).toBe('done');
    expect(t.connector.moderations.map((m) => m.action)).toEqual(['block']);
    expect(t.card(caseId, 'approval:mod-1').executes()).toEqual([]);
    expect(t.card(caseId, 'approval:mod-1').text()).toContain('block: done');
    expect(t.card(caseId).text()).toContain('Block for Abuse or harassment of staff: done');
    // The Chief Executive is made aware of every block (002 §6.3.3), in the leadership channel.
    const told = postsTo(t.fake.calls, TEAMS_CHANNELS.leadership).map((c) => cardOfCall(c).text());
    expect(told.some((x) => x.includes('<at>Eve Grant</at>') && x.includes('Account blocked on X'))).toBe(true);
  });
});
