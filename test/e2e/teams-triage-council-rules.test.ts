// End to end on Teams (issue 16): the card and the classify form show the desk's suggestion with its confidence and
// reasons; a threat is an unmistakable safeguarding case whose police decision a manager records; a high reputational
// risk is offered for leadership in one click; ready replies are offered in the reply form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { MentionInput } from '../../src/domain/mention.js';
import { answerCard } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { loadTeamsPolicy, TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { mention } from '../helpers/slack-desk.js';
import { checkAdaptiveCard } from '../unit/adapters/teams/adaptive-card-check.js';

let t: TeamsDesk;
beforeAll(async () => {
  // The default policy's safeguarding lexicons and ready replies on the test desk: its own lists are deliberately short.
  const defaults = await loadPolicy(null);
  const policy = await loadTeamsPolicy();
  t = await startInstalledTeamsDesk({
    policy: { ...policy, safeguarding: defaults.safeguarding, signposts: defaults.signposts, permissions: { ...policy.permissions, 'case.police.refer': ['comms_manager'] } },
  });
});
afterAll(() => t.close());

async function opened(text: string, author?: MentionInput['author']): Promise<string> {
  const { caseId } = await t.ingest(mention({ text, ...(author ? { author } : {}) }));
  await t.settle();
  return caseId;
}

describe('the suggestion on a Teams card', () => {
  it('shows the service and kind with how sure it is and why, on the card and in the classify form', async () => {
    const caseId = await opened('Fed up. Third week running the brown bin has not been collected on Elm Road');
    expect(t.card(caseId).fact('Suggested')).toMatch(/^Waste and Recycling, .+ \(\d+% sure\)$/);
    expect(t.card(caseId).fact('Why')).toMatch(/^service Waste and Recycling: mentions .*"bin"/);
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.classify'));
    expect(checkAdaptiveCard(form.json).problems).toEqual([]);
    expect(form.text()).toMatch(/Suggested: Waste and Recycling, .+\(\d+% sure\)\. Why: service Waste and Recycling/);
  });
});

describe('a threat on Teams', () => {
  it('is red and named first, and the police decision is recorded by a comms manager, not an officer', async () => {
    const caseId = await opened('Tell the bin crew I know where they park the lorries. Next time I will burn the depot down with them in it.');
    const body = t.card(caseId).json['body'] as Array<Record<string, unknown>>;
    expect(body[1]).toMatchObject({ type: 'Container', id: 'safeguarding', style: 'attention' });
    expect(t.card(caseId).fact('Police')).toMatch(/^No decision recorded yet/);

    // An officer is refused on pressing the button: the card comes back with the refusal, not the form.
    const refused = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.police.refer'));
    expect(refused.text()).toContain('Only comms manager can do that');
    expect(refused.executes().map((a) => a.verb)).not.toContain('desk.card.show');
    expect((await t.desk.ctx.store.cases.get(caseId))?.policeReferral ?? null).toBeNull();

    const form = answerCard(await t.click(TEAMS_PEOPLE.cara, caseId, 'case.police.refer'));
    expect(checkAdaptiveCard(form.json).problems).toEqual([]);
    const answer = answerCard(await t.submit(TEAMS_PEOPLE.cara, caseId, form, { decision: 'referred', reason: 'Threat to burn the depot with the crew inside', reference: 'HC-2026-1190' }));
    expect(answer.fact('Police')).toMatch(/^Told the police \(Cara Lee, .*reference HC-2026-1190\): Threat to burn the depot/);
    expect((await t.desk.ctx.store.cases.get(caseId))?.policeReferral).toMatchObject({ decision: 'referred', decidedBy: 'Cara Lee' });
  });
});

describe('a high reputational risk on Teams', () => {
  it('carries the leadership offer, which a comms manager takes in one click', async () => {
    const caseId = await opened('Why are the bins still not collected on Elm Road?', { id: 'x-big', name: 'Local Voice', handle: 'localvoice', followers: 48_000, verified: true });
    expect(t.card(caseId).text()).toContain('High reputational risk: an influential author (48,000 followers). Routed to the comms manager');
    const answer = answerCard(await t.click(TEAMS_PEOPLE.cara, caseId, 'case.escalate', { args: { target: 'leadership' } }));
    expect(answer.text()).toContain('Escalated to leadership: pending');
    expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]).toMatchObject({ target: { type: 'leadership' }, raisedBy: 'Cara Lee', reason: 'High reputational risk (001 triage matrix option 5): an influential author (48,000 followers)' });
  });
});

describe('ready replies on Teams', () => {
  it('are offered in the reply form for the case\'s service', async () => {
    const caseId = await opened('bin missed again on Elm Road');
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.reply.submit'));
    expect(checkAdaptiveCard(form.json).problems).toEqual([]);
    expect(form.text()).toContain('Report online: Report a missed bin');
  });
});
