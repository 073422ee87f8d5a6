// End to end, Slack and Teams: a comms manager gives a case to someone who can work it; the form offers only
// such people, and the new owner is told directly (a Slack DM, a Teams 1:1) with a link to the card.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { answerCard, cardOfCall, postsTo } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

describe('reassigning in Slack', () => {
  let t: SlackDesk;
  beforeAll(async () => { t = await startSlackDesk(); });
  afterAll(() => t.close());

  it('offers only people who can work a case, and DMs the new owner a link to the card', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    await t.settle();

    expect((await t.click(PEOPLE.cara, 'C0TRIAGE', caseId, 'case.reassign')).status).toBe(200);
    await vi.waitFor(() => expect(t.fake.callsTo('views.open')).not.toHaveLength(0), { timeout: 10_000 });
    const view = t.openedView(PEOPLE.cara);
    const select = (view.blocks as SlackBody[]).find((b) => b.block_id === 'toPersonId')?.element as { options: Array<{ value: string }> };
    // Ana holds it; Dev leads a service, Eve is leadership, Gil is the safeguarding lead: none of them works cases.
    expect(select.options.map((o) => o.value)).toEqual(['ben', 'cara']);

    t.fake.reset();
    expect((await t.submit(PEOPLE.cara, view, { toPersonId: 'ben' })).status).toBe(200);
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.owner?.personId).toBe('ben'), { timeout: 10_000 });
    await t.settle();
    const dm = t.fake.messagesIn('D0BEN');
    expect(dm).toHaveLength(1);
    const shown = JSON.stringify(dm[0]!.blocks);
    expect(shown).toContain(`Cara Lee gave you case ${caseId}: it is yours now.`);
    expect(shown).toMatch(/<https:\/\/example\.slack\.com\/archives\/C0TRIAGE\/p\d+\|Open the card>/);
  });
});

describe('reassigning in Teams', () => {
  let t: TeamsDesk;
  beforeAll(async () => {
    t = await startInstalledTeamsDesk();
  });
  afterAll(() => t.close());

  it('tells the new owner in a 1:1 chat, with a button that opens the card', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    const form = answerCard(await t.click(TEAMS_PEOPLE.cara, caseId, 'case.reassign'));
    const choices = (form.json['body'] as Array<Record<string, unknown>>).find((e) => e['id'] === 'reassign.toPersonId')?.['choices'] as Array<{ value: string }>;
    expect(choices.map((c) => c.value)).toEqual(['ben', 'cara']);
    await t.submit(TEAMS_PEOPLE.cara, caseId, form, { toPersonId: 'ben' });
    await t.settle();
    expect((await t.desk.ctx.store.cases.get(caseId))?.owner?.personId).toBe('ben');

    const created = t.fake.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
    const toBen = created.find((c) => JSON.stringify(c.body).includes(TEAMS_PEOPLE.ben.aadObjectId));
    expect(toBen).toBeDefined();
    const chat = (toBen!.response as { id: string }).id;
    const card = cardOfCall(postsTo(t.fake.calls, chat).at(-1)!);
    expect(card.text()).toContain(`Cara Lee gave you case ${caseId}: it is yours now.`);
    expect(JSON.stringify(card.json['actions'])).toMatch(/"type":"Action\.OpenUrl","title":"Open the card","url":"https:\/\/teams\.microsoft\.com\/l\/message\//);
  });
});
