// End to end on Teams with a fake Microsoft Graph: an escalation to a service lead who never opened the app
// installs it for him (TeamsAppInstallation.ReadWriteSelfForUser.All) and delivers the card in the chat Graph
// names; without that consent it goes to the case's thread in the triage channel, mentioning him, and the case
// records why (so too when his chat refuses the bot later); a 429 from Graph is waited out (its Retry-After)
// through the outbox, and the card still arrives once. The start-up report says which of these is in place.
import { toThreadedConversationId } from '@microsoft/teams.apps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDELIVERED_RULE } from '../../src/services/record-undelivered-message.js';
import { answerCard, cardOfCall, postsTo } from '../helpers/teams-cards.js';
import { DESK_CHANNEL_ID } from '../helpers/teams-activities.js';
import { startTeamsDesk, TEAMS_CATALOG_ID, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { userKey } from '../../src/adapters/teams/pg-conversation-ref-repository.js';

const DEV = TEAMS_PEOPLE.dev.aadObjectId;
const everyone = Object.values(TEAMS_PEOPLE).map((p) => p.aadObjectId);

async function escalateToHousing(t: TeamsDesk, reason: string): Promise<string> {
  const { caseId } = await t.ingest();
  await t.settle();
  answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
  await t.settle();
  const form = answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.escalate'));
  // Housing has no channel in the test policy: its lead, Dev, gets the card in a 1:1 chat.
  answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, form, { target: 'service_lead:housing', reason }));
  return caseId;
}

const installs = () => t.msGraph!.callsTo('POST', /^\/users\/[^/]+\/teamwork\/installedApps$/);
const refusedIn = (chat: string) => t.fake.calls.filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${chat}/activities` && c.status === 403).length;
const creates = () => t.fake.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');

let t: TeamsDesk;
beforeAll(async () => {
  t = await startTeamsDesk({ msGraph: { users: everyone } });
  await t.install();
  await t.settle();
});
afterAll(() => t.close());

/** Dev removes the app: Teams forgets the installation, and the desk its chat with him. */
async function devRemovesTheApp(): Promise<void> {
  t.msGraph!.installedFor.delete(DEV);
  await t.db.query(`DELETE FROM conversation_refs WHERE surface = 'teams' AND key = $1`, [userKey(DEV)]);
}

const reachReport = async () => (await t.desk.adapters.find((a) => a.surface === 'teams')!.report!())[0];

describe('with admin consent for Graph', () => {
  it('says in the start-up report that consent is in place and for how many people the app is installed', async () => {
    t.msGraph!.installedFor.set(TEAMS_PEOPLE.ana.aadObjectId, 'ana-installation'); // Ana opened the app herself; Gil has no Teams id
    expect(await reachReport()).toBe('Teams reach: admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All is in place. The app is installed for 1 of the 5 people in the policy; the desk installs it for the other 4 when it first writes to them.');
  });

  it('installs the app for a lead who never opened it and delivers the escalation card in the chat Graph names', async () => {
    const caseId = await escalateToHousing(t, 'Damp in a council flat');
    await t.settle();
    expect(installs().map((c) => [c.path, c.body, c.status])).toEqual([[`/users/${DEV}/teamwork/installedApps`, { 'teamsApp@odata.bind': `${t.msGraph!.url}/v1.0/appCatalogs/teamsApps/${TEAMS_CATALOG_ID}` }, 201]]);
    expect(t.msGraph!.callsTo('GET', /\/chat$/).map((c) => c.status)).toEqual([200]);
    expect(t.msGraph!.calls.every((c) => c.authorization.startsWith('Bearer '))).toBe(true);
    const chat = t.msGraph!.chatIdOf(DEV);
    const card = cardOfCall(postsTo(t.fake.calls, chat).at(-1)!);
    expect(card.text()).toContain('escalated this to the Housing service lead');
    expect(card.executes().map((a) => a.verb)).toEqual(['case.escalation.acknowledge', 'case.escalation.answer', 'case.escalation.pass', 'case.escalation.decline']);
    expect(creates()).toEqual([]); // Graph gave the chat: no createConversation needed
    expect((await t.desk.ctx.store.events.forCase(caseId)).filter((e) => e.event.rule === UNDELIVERED_RULE)).toEqual([]);

    // The chat is remembered: the next escalation goes straight there, with no Graph call.
    const graphCalls = t.msGraph!.calls.length;
    await escalateToHousing(t, 'Mould again');
    await t.settle();
    expect(t.msGraph!.calls.length).toBe(graphCalls);
    expect(postsTo(t.fake.calls, chat)).toHaveLength(2);
  });
});

describe('when Graph says 429', () => {
  it('tries the install again only after its Retry-After, and delivers the card once', async () => {
    await devRemovesTheApp();
    const before = installs().length;
    const chatPosts = postsTo(t.fake.calls, t.msGraph!.chatIdOf(DEV)).length;
    const fresh = () => installs().slice(before);
    t.msGraph!.failNext('POST', /teamwork\/installedApps$/, { status: 429, retryAfter: 7 });
    const caseId = await escalateToHousing(t, 'Damp in a council flat');
    for (let i = 0; i < 20 && fresh().length === 0; i++) await t.desk.worker.runOnce();
    const throttledAt = t.clock.now().getTime();
    expect(fresh().map((c) => c.status)).toEqual([429]);
    const item = (await t.db.query<{ run_at: Date; rate_limits: number; status: string }>(`SELECT run_at, rate_limits, status FROM outbox WHERE kind = 'chat.escalation.post' AND case_id = $1`, [caseId])).rows[0]!;
    expect(item).toMatchObject({ status: 'pending', rate_limits: 1 });
    expect(item.run_at.getTime()).toBeGreaterThan(throttledAt + 6_000);
    expect(item.run_at.getTime()).toBeLessThanOrEqual(throttledAt + 7_000);

    await t.desk.worker.runOnce(); // not due yet: Graph is not asked again
    expect(fresh()).toHaveLength(1);
    await t.settle(); // moves the clock to the item's time
    expect(fresh().map((c) => c.status)).toEqual([429, 201]);
    expect(postsTo(t.fake.calls, t.msGraph!.chatIdOf(DEV))).toHaveLength(chatPosts + 1);
  });
});

describe('when Teams refuses the message in the chat', () => {
  it('posts it in the case\'s thread instead, mentioning the lead, and records why', async () => {
    const chat = t.msGraph!.chatIdOf(DEV);
    t.fake.refuseIn.add(chat); // Dev removed the app since: his chat refuses the bot
    const refusedBefore = refusedIn(chat);
    const caseId = await escalateToHousing(t, 'Leaking roof');
    await t.settle();
    expect(refusedIn(chat)).toBe(refusedBefore + 1);
    const root = (await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND purpose = 'triage'`, [caseId])).rows[0]!.message_id;
    const thread = postsTo(t.fake.calls, toThreadedConversationId(DESK_CHANNEL_ID, root)).map(cardOfCall);
    expect(thread.some((c) => c.text().includes('<at>Dev Shah</at> **Ana Patel** escalated this to the Housing service lead:'))).toBe(true);
    const notes = (await t.desk.ctx.store.events.forCase(caseId)).filter((e) => e.event.rule === UNDELIVERED_RULE).map((e) => (e.event.data as { text: string }).text);
    expect(notes).toEqual([`The escalation (esc-1) could not be sent to Dev Shah directly: Teams refused it in their chat with the bot (Teams send to ${chat}: Bot Connector answered 403). It was posted in the case's thread in the Teams triage channel, mentioning Dev Shah.`]);
    t.fake.refuseIn.delete(chat);
  });
});

describe('without admin consent', () => {
  it('posts the escalation in the case\'s thread in the triage channel mentioning the lead, and records why on the case', async () => {
    await devRemovesTheApp();
    t.msGraph!.consent.installation = false;
    t.fake.unreachable.add(DEV); // and Dev is in no team with the app, so Teams will not open a chat either
    expect(await reachReport()).toMatch(/^Teams reach: admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All is NOT in place \(Microsoft Graph answered 403 Forbidden .*\)\. People who never opened the app are reached only if a Teams app setup policy pre-installs it; otherwise their direct messages go to the case's thread in the triage channel, mentioning them, and the case records why\.$/);
    const graphBefore = t.msGraph!.calls.length;
    const caseId = await escalateToHousing(t, 'Damp in a council flat');
    await t.settle();
    // Without the permission Graph will not even list Dev's apps; no install is attempted.
    expect(t.msGraph!.calls.slice(graphBefore).map((c) => [c.method, c.status])).toEqual([['GET', 403]]);
    expect(creates().map((c) => c.status)).toEqual([403]);

    const root = (await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND purpose = 'triage'`, [caseId])).rows[0]!.message_id;
    const thread = postsTo(t.fake.calls, toThreadedConversationId(DESK_CHANNEL_ID, root)).map(cardOfCall);
    const escalation = thread.find((c) => c.text().includes('escalated this to the Housing service lead'));
    expect(escalation?.text()).toContain('<at>Dev Shah</at> **Ana Patel** escalated this to the Housing service lead:');
    expect(escalation?.json['msteams']).toMatchObject({ entities: [{ type: 'mention', text: '<at>Dev Shah</at>', mentioned: { id: DEV, name: 'Dev Shah' } }] });
    expect(escalation?.executes().map((a) => a.verb)).toEqual(['case.escalation.acknowledge', 'case.escalation.answer', 'case.escalation.pass', 'case.escalation.decline']);

    const notes = (await t.desk.ctx.store.events.forCase(caseId)).filter((e) => e.event.rule === UNDELIVERED_RULE);
    expect(notes).toHaveLength(1);
    const text = (notes[0]!.event.data as { text: string }).text;
    expect(text).toMatch(/^The escalation \(esc-1\) could not be sent to Dev Shah directly: Microsoft Graph answered 403 Forbidden to listing a user's installed apps: Missing role permissions/);
    expect(text).toContain('TeamsAppInstallation.ReadWriteSelfForUser.All');
    expect(text).toContain("Teams would not open a chat (Teams create conversation: Bot Connector answered 403)");
    expect(text).toContain("It was posted in the case's thread in the Teams triage channel, mentioning Dev Shah.");
    // The record is on the thread too, as every event is.
    expect(thread.map((c) => c.text())).toContain(text);

    // Dev answers from the thread like anywhere else.
    const ack = answerCard(await t.click(TEAMS_PEOPLE.dev, caseId, 'case.escalation.acknowledge', { purpose: `escalation:esc-1:${DEV}` }));
    expect(ack.text()).toContain('Acknowledged by Dev Shah');
  });
});
