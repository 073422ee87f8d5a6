// End to end: a mention arrives, the triage card is posted to the triage channel once, retried through 429s and
// unknown outcomes without a duplicate, and signed Slack requests are the only ones that change anything.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_METHOD_SCOPES } from '../../src/adapters/slack/slack-api-usage.js';
import { buttonsIn } from '../helpers/slack-payloads.js';
import { interactivityBody, postSignedToSlack } from '../helpers/slack-signing.js';
import { blockActionsPayload } from '../helpers/slack-payloads.js';
import { mention, PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import type { SlackBody } from '../helpers/fake-slack-api.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());
beforeEach(() => t.fake.reset());

const texts = (blocks: SlackBody[]) => JSON.stringify(blocks);

describe('a mention arriving', () => {
  it('posts its card to the triage channel once, with the mention, its facts and the allowed buttons', async () => {
    const m = mention({ text: 'Bins not collected on Elm Road <!channel> & <https://evil.example|click here>', author: { id: 'a1', name: 'Sam Resident', handle: 'samres', followers: 15000, verified: true } });
    const { status, caseId } = await t.ingest(m);
    expect(status).toBe(202);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0); // nothing before the outbox runs
    await t.settle();

    // 15,000 followers is a high reputational risk: besides the card, the comms managers are told (001 matrix option 5).
    const all2 = t.fake.callsTo('chat.postMessage');
    expect(all2).toHaveLength(2);
    const notice = all2.find((c) => String(c.body.text).startsWith(`${caseId} is a high reputational risk`));
    expect(JSON.stringify(notice?.body.blocks)).toContain('<@U0CARA>');
    const posts = all2.filter((c) => c !== notice);
    const post = posts[0]!.body;
    expect(post.channel).toBe('C0TRIAGE');
    expect(post.metadata).toEqual({ event_type: 'mention_desk_message', event_payload: { case_id: caseId, purpose: 'triage' } });
    expect(post.unfurl_links).toBe('false');
    const blocks = post.blocks as SlackBody[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: expect.stringContaining(caseId) } });
    const all = texts(blocks);
    expect(all).toContain('Sam Resident');
    expect(all).toContain('15,000 followers');
    expect(all).toContain('verified');
    // The resident's markup arrives as text: no channel ping, no disguised link.
    expect(all).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt;');
    expect(all).not.toContain('<!channel>');
    expect(all).toContain(`<${m.url}|Open the original post>`);
    const fields = (blocks.find((b) => b.block_id === 'facts-1')!.fields as Array<{ text: string }>).map((f) => f.text);
    // "Bins not collected" names no complaint cue. Since it learned from parts M, N and Q the seed model reads the
    // "click here" link as a possible spam breach; since parts R to U (session 10) it reads the post as spam (43%),
    // no longer as a complaint, so the risk gives no "reads as a complaint".
    expect(fields).toEqual(expect.arrayContaining(['*State*\nIn the queue', '*Owner*\nUnclaimed', '*Risk*\nhigh (15,000 followers; verified account; possible breach: spam)']));
    const buttons = buttonsIn(blocks).map((b) => b.button.action_id);
    expect(buttons).toEqual(['case.claim', 'case.reassign', 'case.classify', 'case.escalate', 'case.close', 'case.escalate#2']);
    expect(all).toContain('Escalate to leadership');
    expect(t.fake.messagesIn('C0TRIAGE')).toHaveLength(2);
  });

  it('posts the card once, after the Retry-After, when Slack first answers 429', async () => {
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const { caseId } = await t.ingest();
    const start = t.clock.now().getTime();
    expect(await t.desk.worker.runOnce()).toBe(1);
    expect(t.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429]);

    t.clock.advance(1_900);
    expect(await t.desk.worker.runOnce()).toBe(0); // not before the 2 s Slack asked for
    t.clock.advance(200);
    expect(await t.desk.worker.runOnce()).toBe(1);
    const calls = t.fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at.getTime()).toBeGreaterThanOrEqual(calls[0]!.at.getTime());
    expect(t.clock.now().getTime() - start).toBeGreaterThanOrEqual(2_000);
    expect(t.fake.messagesIn('C0TRIAGE').filter((m) => JSON.stringify(m.metadata).includes(caseId))).toHaveLength(1);
  });

  it('does not post twice when a post landed but its answer was lost (a 500 after Slack posted it)', async () => {
    t.fake.failNext('chat.postMessage', { status: 500, afterProcessing: true });
    const { caseId } = await t.ingest();
    await t.settle();
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
    // The retry looked for the message by its metadata, found it, and brought it up to date.
    expect(t.fake.callsTo('conversations.history')[0]?.body).toMatchObject({ channel: 'C0TRIAGE', include_all_metadata: 'true' });
    expect(t.fake.callsTo('chat.update')).toHaveLength(1);
    expect(t.fake.messagesIn('C0TRIAGE').filter((m) => JSON.stringify(m.metadata).includes(caseId))).toHaveLength(1);
  });

  it('posts after a 500 that did not post, once', async () => {
    t.fake.failNext('chat.postMessage', { status: 500 });
    const { caseId } = await t.ingest();
    await t.settle();
    expect(t.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);
    expect(t.fake.messagesIn('C0TRIAGE').filter((m) => JSON.stringify(m.metadata).includes(caseId))).toHaveLength(1);
  });
});

describe('a card whose post had an unknown outcome', () => {
  const cardsOf = (caseId: string) => t.fake.messagesIn('C0TRIAGE').filter((m) => JSON.stringify(m.metadata ?? {}).includes(`"${caseId}"`));

  it('is found, not posted again, however many messages the channel got since (a crash under load)', async () => {
    t.fake.failNext('chat.postMessage', { status: 500, afterProcessing: true });
    const { caseId } = await t.ingest();
    expect(await t.desk.worker.runOnce()).toBe(1); // posted, but the answer was lost
    // An hour of a busy channel later: far more than any fixed number of history pages.
    t.fake.advanceClock(3_600);
    t.fake.addChatter('C0TRIAGE', 2_500);
    await t.settle();
    expect(cardsOf(caseId)).toHaveLength(1);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const look = t.fake.callsTo('conversations.history')[0]!.body;
    expect(Number(look.latest)).toBeLessThan(Date.now() / 1000 + 3_600);
  });

  it('is posted once when Slack fails both the post and the look-up, without waiting out a mark of its own', async () => {
    t.fake.failNext('chat.postMessage', { status: 500 });
    t.fake.failNext('conversations.history', { status: 500 });
    // Not about bins, so no surge notice shares the failures.
    const { caseId } = await t.ingest(mention({ text: 'When does the library on Elm Road open on Saturdays?' }));
    await t.settle();
    expect(cardsOf(caseId)).toHaveLength(1);
    const cardPosts = t.fake.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body.metadata).includes('"triage"'));
    expect(cardPosts.map((c) => c.status)).toEqual([500, 200]);
    expect(t.fake.callsTo('conversations.history').map((c) => c.status)).toEqual([500, 200]);
    const items = await t.db.query<{ status: string }>(`SELECT status FROM outbox WHERE case_id = $1 AND kind LIKE 'chat.%'`, [caseId]);
    expect(items.rows.every((r) => r.status === 'done')).toBe(true);
  });
});

describe('a card Slack keeps failing', () => {
  it('keeps being retried past the old eight attempts, an admin is told once it is a quarter of an hour old, and it is posted once', async () => {
    for (let i = 0; i < 16; i++) t.fake.failNext('chat.postMessage', { status: 503 });
    const { caseId } = await t.ingest(mention({ text: 'Is the Elm Road library open on bank holidays?' }));
    await t.settle(80);
    const triage = t.fake.messagesIn('C0TRIAGE');
    expect(triage.filter((m) => JSON.stringify(m.metadata ?? {}).includes(`"${caseId}"`) && !m.thread_ts)).toHaveLength(1);
    const told = triage.filter((m) => String(m.text).includes('still trying') && String(m.text).includes(caseId));
    expect(told).toHaveLength(1);
    const failed = await t.db.query(`SELECT key FROM outbox WHERE status = 'failed'`);
    expect(failed.rows).toEqual([]);
  });
});

describe('requests not signed by Slack', () => {
  it('answers 401 to a click signed with the wrong secret, and the case does not change', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    const before = await t.desk.ctx.store.cases.get(caseId);
    const message = t.message('C0TRIAGE', caseId);
    const claim = buttonsIn(message.blocks as SlackBody[]).find((b) => b.button.action_id === 'case.claim')!;
    t.fake.reset();
    const { body, contentType } = interactivityBody(blockActionsPayload({ user: PEOPLE.ana, channel: 'C0TRIAGE', message, ...claim }));
    const res = await postSignedToSlack(t.desk.url, 'not-the-signing-secret', body, contentType);
    expect(res.status).toBe(401);
    await t.settle();
    expect(await t.desk.ctx.store.cases.get(caseId)).toEqual(before);
    expect(t.fake.calls).toHaveLength(0);
  });
});

it('calls only Web API methods the manifest grants scopes for', () => {
  const used = new Set(t.fake.calls.map((c) => c.method));
  for (const method of used) expect(Object.keys(SLACK_METHOD_SCOPES)).toContain(method);
});
