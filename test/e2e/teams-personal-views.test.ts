// End to end on Teams: each person sees the actions they may take. Every card carries a Universal Actions refresh
// naming the people the bot has seen (by MRI, at most 60); Teams' automatic refresh invoke is answered with that
// person's own card: an officer is not shown "Approve block", a service channel's people are not all shown
// Acknowledge. The refusal after a click on the shared card stays the backstop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, type TeamsCard } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';

let t: TeamsDesk;
beforeAll(async () => { t = await startInstalledTeamsDesk(); });
afterAll(() => t.close());

const titles = (card: TeamsCard) => card.executes().map((a) => a.title);

/** Ana holds a case and has asked to block the author: the block waits for a comms manager. */
async function blockAwaitingApproval(): Promise<string> {
  const { caseId } = await t.ingest();
  await t.settle();
  answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
  await t.settle();
  const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.moderate'));
  answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { action: 'block', ruleId: 'abuse_of_staff', note: 'Abusive' }));
  await t.settle();
  return caseId;
}

describe('the refresh every Teams card carries', () => {
  it('names, by MRI, the people the bot has seen, and asks for the show verb on the same case', async () => {
    // Ben and Cara are seen once (any activity from them), so the next cards name them too.
    const earlier = await blockAwaitingApproval();
    for (const person of [TEAMS_PEOPLE.ben, TEAMS_PEOPLE.cara]) answerCard(await t.refreshAs(person, earlier));
    const caseId = await blockAwaitingApproval();
    const refresh = t.card(caseId).refresh()!;
    expect(refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'desk.card.show', data: { c: caseId, view: 'triage' } });
    expect(refresh.userIds).toEqual(expect.arrayContaining([TEAMS_PEOPLE.ana.id, TEAMS_PEOPLE.ben.id, TEAMS_PEOPLE.cara.id]));
    expect(refresh.userIds.length).toBeLessThanOrEqual(60);
  });
});

describe('the card as each person sees it', () => {
  it('does not show an officer "Approve block"; shows the comms manager it; the shared card keeps the backstop', async () => {
    const caseId = await blockAwaitingApproval();
    expect(titles(t.card(caseId))).toContain('Approve block'); // the shared card, for people the bot has not seen

    const ben = answerCard(await t.refreshAs(TEAMS_PEOPLE.ben, caseId));
    expect(titles(ben)).not.toContain('Approve block');
    expect(titles(ben)).not.toContain('Release'); // Ana holds it: releasing is hers or a manager's
    const ana = answerCard(await t.refreshAs(TEAMS_PEOPLE.ana, caseId));
    expect(titles(ana)).not.toContain('Approve block');
    expect(titles(ana)).toEqual(expect.arrayContaining(['Release', 'Reply', 'Moderate', 'Close']));
    const cara = answerCard(await t.refreshAs(TEAMS_PEOPLE.cara, caseId));
    expect(titles(cara)).toEqual(expect.arrayContaining(['Approve block', 'Reject block']));
    // Someone on the shared card still pressing it is refused, on their card alone.
    const refused = answerCard(await t.click(TEAMS_PEOPLE.ben, caseId, 'case.moderation.approve'));
    expect(refused.text()).toContain('Only comms manager or leadership can do that (moderation approve).');
    expect(titles(refused)).not.toContain('Approve block');
    expect((await t.desk.ctx.store.cases.get(caseId))?.moderation[0]?.status).toBe('awaiting_approval');
  });

  it('shows the service\'s answers on the Waste channel\'s escalation card to its lead only', async () => {
    const caseId = await blockAwaitingApproval();
    const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.escalate'));
    answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { target: 'service_lead:waste', reason: 'Needs the depot' }));
    await t.settle();
    const purpose = 'escalation:esc-1';
    expect(t.card(caseId, purpose).refresh()?.action).toMatchObject({ verb: 'desk.card.show', data: { view: purpose } });
    for (const person of [TEAMS_PEOPLE.ana, TEAMS_PEOPLE.ben, TEAMS_PEOPLE.zed]) {
      expect(titles(answerCard(await t.refreshAs(person, caseId, purpose))), person.name).toEqual([]);
    }
    expect(titles(answerCard(await t.refreshAs(TEAMS_PEOPLE.dev, caseId, purpose)))).toEqual(['Acknowledge', 'Answer for comms', 'Draft a reply myself', 'Pass to a colleague', 'Decline']);
  });
});
