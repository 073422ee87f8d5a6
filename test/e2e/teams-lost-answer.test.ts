// A Teams post whose answer was lost after Teams acted (a 502 once the card was up) is found through Microsoft
// Graph in its channel or thread and not posted again; where Graph refuses (no resource-specific consent) the
// desk says so once, with the fix, and posts again as it did before.
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_MARK } from '../../src/adapters/teams/teams-card-mark.js';
import { buildChannelMessage, DESK_CHANNEL_ID, TEAM_AAD_GROUP_ID, TEAM_ID } from '../helpers/teams-activities.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { answerCard } from '../helpers/teams-cards.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { mention } from '../helpers/slack-desk.js';

let t: TeamsDesk;
afterEach(() => t.close());

/** What Teams holds for this case and purpose, as people would see it: each marked card once per post. */
const held = (caseId: string, purpose: string) =>
  t.fake.messages.filter((m) => JSON.stringify(m.activity).includes(`"${CARD_MARK}":{"caseId":"${caseId}","purpose":"${purpose}"}`));
const question = (i: number) => mention({ text: `General question number ${i} for the council`, author: { id: `lost-${i}`, name: `Resident ${i}`, handle: `l${i}`, followers: 10, verified: false } });
const lookups = () => t.msGraph!.callsTo('GET', /^\/teams\/.+\/messages/);
/** A message someone else posts in the desk's channel, straight to Teams. */
async function postToDeskChannel(text: string): Promise<void> {
  const res = await fetch(`${t.fake.serviceUrl}v3/conversations/${encodeURIComponent(DESK_CHANNEL_ID)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer a-colleague' },
    body: JSON.stringify({ type: 'message', text }),
  });
  expect(res.status).toBeLessThan(300);
}

describe('a Teams post whose answer was lost', () => {
  it('is found in the channel through Graph and not posted twice, and its row names the message Teams holds', async () => {
    t = await startInstalledTeamsDesk({ msGraph: { users: [] } });
    t.fake.failNext({ status: 502, afterProcessing: true });
    const { caseId } = await t.ingest(question(1));
    await t.settle();
    expect(t.fake.calls.find((c) => c.status === 502)?.path).toBe(`/v3/conversations/${DESK_CHANNEL_ID}/activities`);
    const cards = held(caseId, 'triage');
    expect(cards).toHaveLength(1);
    const row = await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND surface = 'teams' AND purpose = 'triage'`, [caseId]);
    expect(row.rows[0]!.message_id).toBe(cards[0]!.id);
    expect(lookups().map((c) => [c.path, c.status])).toEqual([[`/teams/${TEAM_AAD_GROUP_ID}/channels/${DESK_CHANNEL_ID}/messages`, 200]]);
  });

  it('finds a thread line in its thread\'s replies', async () => {
    t = await startInstalledTeamsDesk({ msGraph: { users: [] } });
    const { caseId } = await t.ingest(question(2));
    await t.settle();
    let lost = false;
    // The claimed line's post into the card's thread, not the card's replacement (PUT).
    t.fake.setChaos((c) => (!lost && c.method === 'POST' && c.path.includes(';messageid=') ? ((lost = true), { status: 502, afterProcessing: true }) : null));
    await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim');
    await t.settle();
    const lines = t.fake.messages.filter((m) => m.conversationId.startsWith(`${DESK_CHANNEL_ID};messageid=`) && JSON.stringify(m.activity).includes('claimed'));
    expect(lines).toHaveLength(1);
    expect(t.fake.calls.filter((c) => c.status === 502)).toHaveLength(1);
    expect(lookups().map((c) => c.path)).toEqual([`/teams/${TEAM_AAD_GROUP_ID}/channels/${DESK_CHANNEL_ID}/messages/${held(caseId, 'triage')[0]!.id}/replies`]);
  });

  it('finds an escalation card in the 1:1 chat Graph named, through the chat\'s messages', async () => {
    t = await startInstalledTeamsDesk({ msGraph: { users: Object.values(TEAMS_PEOPLE).map((p) => p.aadObjectId) } });
    const { caseId } = await t.ingest(question(14));
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    const chat = t.msGraph!.chatIdOf(TEAMS_PEOPLE.dev.aadObjectId);
    let lost = false;
    t.fake.setChaos((c) => (!lost && c.method === 'POST' && c.path === `/v3/conversations/${chat}/activities` ? ((lost = true), { status: 502, afterProcessing: true }) : null));
    // Housing has no channel in the test policy: its lead, Dev, gets the card in a 1:1 chat Graph names.
    const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.escalate'));
    answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { target: 'service_lead:housing', reason: 'Damp in a council flat' }));
    await t.settle();
    expect(lost).toBe(true);
    expect(t.fake.messages.filter((m) => m.conversationId === chat)).toHaveLength(1);
    expect(t.msGraph!.callsTo('GET', /^\/chats\//).map((c) => [c.path, c.query['$orderby'], c.status])).toEqual([[`/chats/${chat}/messages`, 'createdDateTime desc', 200]]);
  });

  it('pages through newer messages to the lost one', async () => {
    t = await startInstalledTeamsDesk({ msGraph: { users: [], messagePageSize: 2 } });
    t.fake.failNext({ status: 502, afterProcessing: true });
    const { caseId } = await t.ingest(question(3));
    expect(await t.desk.worker.runOnce()).toBeGreaterThan(0);
    // Five newer messages are in the channel before the lost one is looked for: it is the sixth newest. They go to
    // Teams straight from here: as cards through the desk they went up in the same batch as the look (run side by
    // side), and on a loaded machine the look could come before the last of them (two pages, not three).
    for (let i = 4; i < 9; i++) await postToDeskChannel(`A colleague's note number ${i}`);
    await t.settle();
    expect(held(caseId, 'triage')).toHaveLength(1);
    expect(lookups().length).toBeGreaterThanOrEqual(3);
    expect(lookups().slice(1).every((c) => c.query['$skiptoken'] !== undefined)).toBe(true);
  });

  it('learns which team holds a channel from the install, and from a message in another channel of that team', async () => {
    t = await startInstalledTeamsDesk();
    const teamOf = async () => (await t.db.query<{ channel_id: string; aad_group_id: string }>(`SELECT channel_id, aad_group_id FROM teams_channel_teams ORDER BY channel_id`)).rows;
    expect(await teamOf()).toEqual([TEAM_ID, DESK_CHANNEL_ID].sort().map((channel_id) => ({ channel_id, aad_group_id: TEAM_AAD_GROUP_ID })));
    // A message names only the team's id (no Entra group): the install told the desk which group that is.
    const other = '19:0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c@thread.tacv2';
    expect((await t.post(buildChannelMessage({ serviceUrl: t.fake.serviceUrl }, { text: 'desk help', channelId: other }))).status).toBe(200);
    expect(await teamOf()).toContainEqual({ channel_id: other, aad_group_id: TEAM_AAD_GROUP_ID });
  });

  it('falls back when Graph answers 403: posts again, and says once in the log what to grant', async () => {
    t = await startInstalledTeamsDesk({ msGraph: { users: [], consent: { channelMessages: false } } });
    const ids: string[] = [];
    for (const i of [10, 11]) {
      t.fake.failNext({ status: 502, afterProcessing: true });
      ids.push((await t.ingest(question(i))).caseId);
      await t.settle();
    }
    expect(ids.map((id) => held(id, 'triage').length)).toEqual([2, 2]);
    expect(lookups().map((c) => c.status)).toEqual([403, 403]);
    const said = t.logs.filter((l) => l.includes('will not let the desk read its Teams messages'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('ChannelMessage.Read.Group');
    expect(said[0]).toContain('may show twice');
  });

  it('without Graph, posts again and says once that cards may show twice, with the fix', async () => {
    t = await startInstalledTeamsDesk();
    const ids: string[] = [];
    for (const i of [12, 13]) {
      t.fake.failNext({ status: 502, afterProcessing: true });
      ids.push((await t.ingest(question(i))).caseId);
      await t.settle();
    }
    expect(ids.map((id) => held(id, 'triage').length)).toEqual([2, 2]);
    const said = t.logs.filter((l) => l.includes('Microsoft Graph is off: a Teams post whose answer was lost'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('MICROSOFT_APP_TENANT_ID');
  });
});
