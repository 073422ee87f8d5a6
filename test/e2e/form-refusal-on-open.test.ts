// A form is refused when its button is pressed by someone who may not send it (not permitted, not the case's
// owner), in the same words on Slack and Teams, before anyone fills it in: Slack opens no modal and tells the
// clicker alone; Teams answers with the card and the refusal instead of the form. Nothing changes on the case.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { answerCard } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let slack: SlackDesk;
let teams: TeamsDesk;
beforeAll(async () => {
  [slack, teams] = await Promise.all([startSlackDesk(), startInstalledTeamsDesk()]);
});
afterAll(async () => Promise.all([slack?.close(), teams?.close()]));

const NOT_OWNER = 'Ana Patel holds this case; only they or a comms manager can reply.';

async function slackRefusal(who: typeof PEOPLE.ben, caseId: string, actionId: string): Promise<string> {
  const opened = slack.fake.callsTo('views.open').length;
  await slack.click(who, 'C0TRIAGE', caseId, actionId);
  const told = await slack.fake.waitFor('chat.postEphemeral', (x) => x.body.user === who.id, 3000);
  expect(slack.fake.callsTo('views.open')).toHaveLength(opened);
  return String(told.body.text);
}

describe('a form its clicker may not send', () => {
  it('is refused on opening in Slack, in words, and no modal opens', async () => {
    const { caseId } = await slack.ingest();
    await slack.settle();
    await slack.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
    await vi.waitFor(async () => expect((await slack.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    await slack.settle();
    const version = (await slack.desk.ctx.store.cases.get(caseId))!.version;
    // Ben is a comms officer but not the owner; Dev, a service lead, may not reassign at all.
    expect(await slackRefusal(PEOPLE.ben, caseId, 'case.reply.submit')).toBe(NOT_OWNER);
    expect(await slackRefusal(PEOPLE.dev, caseId, 'case.reassign')).toBe('Only comms manager can do that (reassign).');
    expect((await slack.desk.ctx.store.cases.get(caseId))!.version).toBe(version);
    // The owner still gets the form.
    const opened = slack.fake.callsTo('views.open').length;
    await slack.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.reply.submit');
    await vi.waitFor(() => expect(slack.fake.callsTo('views.open')).toHaveLength(opened + 1), DESK_ACTS);
  });

  it('is refused on opening in Teams in the same words, with the card instead of the form', async () => {
    const { caseId } = await teams.ingest();
    await teams.settle();
    answerCard(await teams.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await teams.settle();
    const refused = answerCard(await teams.click(TEAMS_PEOPLE.ben, caseId, 'case.reply.submit'));
    expect(refused.text()).toContain(NOT_OWNER);
    expect(refused.executes().map((a) => a.title)).not.toContain('Send reply');
    const form = answerCard(await teams.click(TEAMS_PEOPLE.ana, caseId, 'case.reply.submit'));
    expect(form.executes().map((a) => a.title)).toContain('Send reply');
  });
});
