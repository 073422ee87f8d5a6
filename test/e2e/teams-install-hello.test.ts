// End to end on Teams: wherever the app is added, the bot says hello and tells the admin what to do next, from
// conversationUpdate activities shaped as Microsoft documents them: a team with no channel picked (the hello goes
// to its General channel), a 1:1 chat and a group chat. It used to stay silent in all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBotAddedToGroupChat, buildBotAddedToPersonal, buildBotAddedToTeam, GROUP_CHAT_ID, TEAM_ID, USER } from '../helpers/teams-activities.js';
import { cardOfCall, postsTo } from '../helpers/teams-cards.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';

let t: TeamsDesk;
let fx: { serviceUrl: string };
beforeAll(async () => {
  t = await startTeamsDesk();
  fx = { serviceUrl: t.fake.serviceUrl };
});
afterAll(() => t.close());

async function helloIn(conversationId: string, activity: Record<string, unknown>): Promise<string[]> {
  expect((await t.post(activity)).status).toBe(200);
  await t.settle();
  return postsTo(t.fake.calls, conversationId).map((c) => cardOfCall(c).text());
}

describe('the app added with no channel picked', () => {
  it('says hello in the team\'s General channel, naming its id and how to pick the triage channel', async () => {
    const said = await helloIn(TEAM_ID, buildBotAddedToTeam(fx, { selectedChannelId: null }));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('Mention Desk is installed in this team, but no channel was picked for the case cards.');
    expect(said[0]).toContain(`To make this team's General channel the triage channel, set channels.triage.teams to ${TEAM_ID} in the policy file`);
    expect(said[0]).toContain('To use another channel, add the app to that channel');
  });

  it('says it once, however often Teams repeats the activity', async () => {
    await helloIn(TEAM_ID, buildBotAddedToTeam(fx, { selectedChannelId: null }));
    expect(postsTo(t.fake.calls, TEAM_ID)).toHaveLength(1);
  });
});

describe('the app added to a chat', () => {
  it('in a 1:1 chat: says what it answers there, how to set it up, and the person\'s Entra id for the policy file', async () => {
    const chat = `a:1personal-${USER.aadObjectId}`;
    const said = await helloIn(chat, buildBotAddedToPersonal(fx));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('Hello, I am Mention Desk. Case cards go to the triage channel, not to this chat; here you can ask me "desk mine"');
    expect(said[0]).toContain(`Your Entra object id, for your entry under people (teams:) in the policy file, is ${USER.aadObjectId}.`);
  });

  it('in a group chat: says it posts no cards there and how to set it up', async () => {
    const said = await helloIn(GROUP_CHAT_ID, buildBotAddedToGroupChat(fx));
    expect(said).toEqual([expect.stringContaining('Hello, I am Mention Desk. I post no case cards in group chats. To set me up: add the app to the team that holds your triage channel and pick that channel')]);
  });
});
