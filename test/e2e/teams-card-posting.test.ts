// End to end on Teams: the bot is installed in a team, a mention comes in, its card is posted proactively to the
// triage channel; a claim answers the clicker at once, replaces the card for everyone and adds a thread line;
// a 429 from the Bot Connector is waited out and the card still appears once.
import { toThreadedConversationId } from '@microsoft/teams.apps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, callsFor, cardOfCall, postsTo } from '../helpers/teams-cards.js';
import { DESK_CHANNEL_ID, TEAM_ID, USER } from '../helpers/teams-activities.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { checkAdaptiveCard } from '../unit/adapters/teams/adaptive-card-check.js';

let t: TeamsDesk;
let early: string;
beforeAll(async () => {
  t = await startTeamsDesk();
  // A mention that arrives before the app is added to any team: nowhere to post it yet.
  early = (await t.ingest()).caseId;
  await t.settle();
});
afterAll(() => t.close());

describe('installing the bot and posting cards', () => {
  it('remembers where it was installed, says hello in the channel, and brings the open cases\' cards', async () => {
    const lost = await t.db.query<{ last_error: string }>(`SELECT last_error FROM outbox WHERE case_id = $1 AND kind = 'chat.card.refresh'`, [early]);
    expect(lost.rows[0]!.last_error).toContain('Teams has not told the bot about any team or chat yet');
    expect((await t.install()).status).toBe(200);
    const keys = (await t.db.query<{ key: string }>(`SELECT key FROM conversation_refs WHERE surface = 'teams' ORDER BY key`)).rows.map((r) => r.key);
    // The channels, and where the installer was seen (their MRI, for the cards' per-person refresh).
    expect(keys).toEqual([TEAM_ID, DESK_CHANNEL_ID, `seen:${USER.aadObjectId}`].sort());
    await t.settle();
    const posted = postsTo(t.fake.calls, DESK_CHANNEL_ID).map(cardOfCall);
    expect(posted).toHaveLength(2);
    expect(posted.map((c) => c.text()).find((x) => x.includes('Mention Desk is installed'))).toContain('This is the triage channel: case cards will appear here.');
    // The case that came in before the install gets its card now.
    expect(t.card(early).fact('State')).toBe('In the queue');
  });

  it('posts a mention\'s card proactively to the triage channel, once, in a card the renderer accepts', async () => {
    const before = postsTo(t.fake.calls, DESK_CHANNEL_ID).length;
    const { status, caseId } = await t.ingest();
    expect(status).toBe(202);
    await t.settle();
    const posts = postsTo(t.fake.calls, DESK_CHANNEL_ID).slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers.authorization).toMatch(/^Bearer /);
    const card = t.card(caseId);
    expect(card.fact('State')).toBe('In the queue');
    expect(card.executes().map((a) => a.verb)).toContain('case.claim');
    expect(checkAdaptiveCard(card.json).problems).toEqual([]);
    expect(await t.settle()).toBe(0);
    expect(postsTo(t.fake.calls, DESK_CHANNEL_ID).slice(before)).toHaveLength(1);
  });

  it('claims: the clicker sees the claimed card at once; everyone\'s card is replaced in place; a line in its thread', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    const res = await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim');
    const mine = answerCard(res);
    expect(mine.fact('Owner')).toBe('Ana Patel');
    expect(mine.version()).toBe(2);
    await t.settle();
    const { message_id: id } = (await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND purpose = 'triage'`, [caseId])).rows[0]!;
    const puts = callsFor(t.fake.calls, DESK_CHANNEL_ID, id).filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    const shared = t.card(caseId);
    expect(shared.fact('Owner')).toBe('Ana Patel');
    expect(shared.fact('State')).toBe('Claimed');
    expect(shared.executes().map((a) => a.verb)).not.toContain('case.claim');
    const thread = postsTo(t.fake.calls, toThreadedConversationId(DESK_CHANNEL_ID, id)).map((c) => cardOfCall(c).text());
    expect(thread).toEqual(['Ana Patel claimed']);
  });

  it('waits out a 429 with Retry-After, and the card appears once, after the wait', async () => {
    const before = postsTo(t.fake.calls, DESK_CHANNEL_ID).length;
    const started = t.clock.now().getTime();
    t.fake.failNext({ status: 429, retryAfter: 7 });
    const { caseId } = await t.ingest();
    expect(await t.desk.worker.runOnce()).toBeGreaterThan(0);
    const limited = t.fake.calls.at(-1)!;
    expect(limited.status).toBe(429);
    const row = await t.db.query<{ last_error: string; run_at: Date; attempts: number }>(`SELECT last_error, run_at, attempts FROM outbox WHERE case_id = $1 AND kind = 'chat.card.refresh'`, [caseId]);
    expect(row.rows[0]!.last_error).toMatch(/429/);
    expect(row.rows[0]!.run_at.getTime() - started).toBeGreaterThanOrEqual(7000);
    expect(postsTo(t.fake.calls, DESK_CHANNEL_ID).slice(before)).toHaveLength(0);
    await t.settle();
    expect(t.clock.now().getTime() - started).toBeGreaterThanOrEqual(7000);
    expect(postsTo(t.fake.calls, DESK_CHANNEL_ID).slice(before)).toHaveLength(1);
    expect(t.card(caseId).fact('State')).toBe('In the queue');
  });
});
