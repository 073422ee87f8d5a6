// Local-development Teams mode (TEAMS_ALLOW_UNAUTHENTICATED) takes activities without a token, so whatever
// arrives is read as it comes: a malformed one is a 400, never a 500, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startTeamsDesk({ auth: 'local' });
});
afterAll(() => t.close());

async function raw(body: string): Promise<number> {
  const res = await fetch(`${t.desk.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.text();
  return res.status;
}

/** What a refused activity must not change: the case log and outbound work (where to reach a chat is a cache). */
const counts = async () => (await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM events)::int + (SELECT count(*) FROM outbox)::int + (SELECT count(*) FROM cases)::int AS n`)).rows[0]!.n;

describe('a malformed activity in local Teams mode', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['not JSON', '{"type":'],
    ['an empty object', '{}'],
    ['a message with no conversation', JSON.stringify({ type: 'message', text: 'desk help', from: { id: 'u1' } })],
    ['a message with no sender', JSON.stringify({ type: 'message', text: 'desk help', conversation: { id: 'c1' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['an invoke with no value', JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action', from: { id: 'u1' }, conversation: { id: 'c1' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['an invoke with a null value', JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action', value: null, from: { id: 'u1' }, conversation: { id: 'c1' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['a conversation update with members as a string', JSON.stringify({ type: 'conversationUpdate', membersAdded: 'all', from: { id: 'u1' }, conversation: { id: 'c1' }, recipient: { id: 'b' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['a message whose text is not a string', JSON.stringify({ type: 'message', text: true, from: { id: 'u1' }, conversation: { id: 'c1' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['a sender whose Entra id is a number', JSON.stringify({ type: 'message', text: 'desk help', from: { id: 'u1', aadObjectId: 1e300 }, conversation: { id: 'c1' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['a conversation id with a lone surrogate', JSON.stringify({ type: 'message', text: 'desk help', from: { id: 'u1' }, conversation: { id: '\ud800' }, serviceUrl: 'https://smba.trafficmanager.net/teams' })],
    ['a type that is a number', JSON.stringify({ type: 7, from: { id: 'u1' }, conversation: { id: 'c1' } })],
    // Found by the structure-aware 50,000-request fuzz (seed 71): keys the SDK reads as the activity's own fields.
    ['a message with a top-level channel of "constructor"', JSON.stringify({ type: 'message', id: 'a1', text: 'desk help', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/teams', from: { id: '29:u1' }, conversation: { id: 'a:1', conversationType: 'personal' }, recipient: { id: '28:b' }, channel: 'constructor' })],
    ['a message with a top-level "__proto__" key', `{"type":"message","id":"a1","text":"desk help","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/teams","from":{"id":"29:u1"},"conversation":{"id":"a:1","conversationType":"personal"},"recipient":{"id":"28:b"},"__proto__":{"x":1}}`],
    ['a message with a top-level team object', JSON.stringify({ type: 'message', id: 'a1', text: 'desk help', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/teams', from: { id: '29:u1' }, conversation: { id: 'a:1', conversationType: 'personal' }, recipient: { id: '28:b' }, team: { x: true } })],
    // Read as text to learn which team holds a channel (find-teams-message.ts) and which channel was picked.
    ['a channel message whose team\'s Entra group id is a list', JSON.stringify({ type: 'message', id: 'a2', text: 'desk help', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/teams', from: { id: '29:u1' }, conversation: { id: '19:c@thread.tacv2', conversationType: 'channel' }, recipient: { id: '28:b' }, channelData: { team: { id: '19:t@thread.tacv2', aadGroupId: ['g1', 'g2'] } } })],
    ['an install whose picked channel id is an object', JSON.stringify({ type: 'conversationUpdate', id: 'a3', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/teams', from: { id: '29:u1' }, conversation: { id: '19:t@thread.tacv2', conversationType: 'channel' }, recipient: { id: '28:b' }, membersAdded: [{ id: '28:b' }], channelData: { team: { id: '19:t@thread.tacv2' }, settings: { selectedChannel: { id: { x: 1 } } } } })],
  ])('answers %s with a 4xx (or an empty 200), never a 5xx, and stores nothing', async (_what, body) => {
    const before = await counts();
    const status = await raw(body);
    expect(status).toBeLessThan(500);
    await t.settle();
    expect(await counts()).toBe(before);
  });
});
