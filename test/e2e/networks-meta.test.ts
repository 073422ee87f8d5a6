// Facebook and Instagram end to end: Meta's signed webhook into cases, replies and moderation out
// through the outbox to a fake Graph API, with retries that never reply twice.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signMetaBody } from '../../src/adapters/networks/meta/verify-meta-signature.js';
import { buildCaseCard } from '../../src/cards/build-case-card.js';
import type { CaseCommand } from '../../src/domain/commands.js';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import { ana } from '../helpers/domain-builders.js';
import { startFakeGraphApi, type FakeGraphApi } from '../helpers/fake-graph-api.js';
import { startTestDesk, type TestDesk } from '../helpers/test-desk.js';

const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY_TOKEN = 'meta-verify-token-for-tests';
const PAGE_ID = '100000000000001';
const IG_ID = '17841400000000001';
const COMMENT_ID = '300000000000001_400000000000001';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/networks/${name}`, import.meta.url), 'utf8');

let graph: FakeGraphApi;
let desk: TestDesk;
let now = new Date();
const clock = { now: () => now };

beforeAll(async () => {
  graph = await startFakeGraphApi({ pageId: PAGE_ID, instagramAccountId: IG_ID });
  desk = await startTestDesk({
    clock,
    env: { META_APP_SECRET: APP_SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN, META_PAGE_TOKEN: 'EAA-test-page-token', META_PAGE_ID: PAGE_ID, INSTAGRAM_ACCOUNT_ID: IG_ID, META_GRAPH_API_URL: graph.url, META_GRAPH_API_VERSION: 'v26.0' },
  });
});
afterAll(async () => {
  await desk?.close();
  await graph?.close();
});
beforeEach(() => void (now = new Date()));

function postWebhook(raw: string, signature: string | null = signMetaBody(APP_SECRET, raw)): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['x-hub-signature-256'] = signature;
  return fetch(`${desk.url}/webhooks/meta`, { method: 'POST', headers, body: raw });
}

/** A fresh copy of a fixture with its ids made unique, so each test owns its mentions. */
function unique(raw: string, tag: string): string {
  return raw.replace(/(300000000000001_4000000000000)(\d\d)/g, `$1$2${tag}`).replace(/m_scrubbed-message-id-(\d+)/g, `m_scrubbed-message-id-$1-${tag}`).replace(/"(178000000000000\d\d)"/g, `"$1${tag}"`).replace(/"(100000000000001_300000000000002)"/g, `"$1${tag}"`).replace(/"(500000000000001_600000000000001)"/g, `"$1${tag}"`);
}

async function caseOf(network: string, externalId: string) {
  const { rows } = await desk.db.query<{ id: string }>('SELECT c.id FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.network = $1 AND m.external_id = $2', [network, externalId]);
  return rows[0] ? desk.ctx.store.cases.get(rows[0].id) : null;
}

async function act(caseId: string, command: CaseCommand) {
  const r = await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command, actor: ana });
  if (!r.ok) throw new Error(r.refusal.message);
  return r.case;
}

async function outboxItem(key: string) {
  const { rows } = await desk.db.query<{ status: string; attempts: number; last_error: string | null }>('SELECT status, attempts, last_error FROM outbox WHERE key = $1', [key]);
  return rows[0];
}

/** Runs the outbox, then again once any back-off has passed. */
async function runOutboxTwice(): Promise<void> {
  await desk.worker.runOnce();
  now = new Date(now.getTime() + 30 * 60_000);
  await desk.worker.runOnce();
}

describe('GET /webhooks/meta (subscription verification)', () => {
  it('echoes hub.challenge as text when the verify token matches', async () => {
    const res = await fetch(`${desk.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('answers 403 to a wrong verify token', async () => {
    const res = await fetch(`${desk.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(res.status).toBe(403);
  });
});

describe('POST /webhooks/meta', () => {
  it('stores a signed Facebook comment as a case, with the post as its parent', async () => {
    const res = await postWebhook(fixture('meta.page.feed-comment.json'));
    expect(res.status).toBe(200);
    const c = await caseOf('facebook', COMMENT_ID);
    expect(c?.state).toBe('new');
    const stored = await desk.ctx.store.mentions.get(c!.mentionId);
    expect(stored?.mention).toMatchObject({ kind: 'comment', author: { id: '200000000000001', name: 'Jo Bloggs' }, parent: { externalId: '100000000000001_300000000000001' } });
    expect(stored?.mention.url).toBe('https://www.facebook.com/examplecouncil/posts/pfbid0000000000000000001?comment_id=300000000000001_400000000000001');
    // Meta redelivers: the same comment again is the same case.
    expect((await postWebhook(fixture('meta.page.feed-comment.json'))).status).toBe(200);
    expect((await caseOf('facebook', COMMENT_ID))?.id).toBe(c!.id);
  });

  it('refuses a wrong or missing X-Hub-Signature-256 with 401 and stores nothing', async () => {
    const raw = unique(fixture('meta.page.feed-comment.json'), 'sig');
    expect((await postWebhook(raw, signMetaBody('not-the-app-secret', raw))).status).toBe(401);
    expect((await postWebhook(raw, null)).status).toBe(401);
    // Signed, then one byte changed: the signature covers the raw bytes.
    expect((await postWebhook(raw.replace('Elm Road', 'Elm Street'), signMetaBody(APP_SECRET, raw))).status).toBe(401);
    const { rows } = await desk.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentions WHERE external_id LIKE '%sig'`);
    expect(rows[0]?.n).toBe(0);
  });

  it('takes every entry and change of one POST, and skips what is not a mention', async () => {
    const raw = unique(fixture('meta.page.mixed.json'), 'mix');
    expect((await postWebhook(raw)).status).toBe(200);
    const { rows } = await desk.db.query<{ external_id: string; kind: string }>(`SELECT external_id, body->>'kind' AS kind FROM mentions WHERE external_id LIKE '%mix' ORDER BY external_id`);
    expect(rows).toEqual([
      { external_id: '100000000000001_300000000000002mix', kind: 'post' },
      { external_id: '300000000000001_400000000000002mix', kind: 'reply' },
      { external_id: '500000000000001_600000000000001mix', kind: 'mention' },
      { external_id: 'm_scrubbed-message-id-0001-mix', kind: 'direct_message' },
    ]);
  });

  it('answers 200 to a malformed change and keeps it, naming the field, instead of refusing the delivery', async () => {
    const raw = JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: 1, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', from: { id: '2', name: 'X' }, post_id: '1_2malformed' } }] }] });
    const res = await postWebhook(raw);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 0, new: 0, unreadable: 1 });
    const { rows } = await desk.db.query<{ reason: string }>(`SELECT reason FROM unreadable_changes WHERE raw LIKE '%1_2malformed%'`);
    expect(rows).toEqual([{ reason: 'entry.0.changes.0.value.comment_id: required: a non-empty id' }]);
  });

  it('stores Instagram comments and mentions, with the link and text looked up', async () => {
    const raw = unique(fixture('meta.instagram.comments.json'), '77');
    graph.setObject('1780000000000000177', { id: '1780000000000000177', timestamp: '2026-03-27T15:20:00+0000', media: { id: '17900000000000001', permalink: 'https://www.instagram.com/p/SCRUBBED1/', caption: 'Garden waste season starts in April' } });
    graph.setObject(IG_ID, { id: IG_ID, mentioned_comment: { id: '1780000000000000277', text: '@examplecouncil the bus shelter is smashed', timestamp: '2026-03-27T15:25:00+0000', username: 'commuter_kim', media: { id: '17900000000000002', permalink: 'https://www.instagram.com/p/SCRUBBED2/' } } });
    expect((await postWebhook(raw)).status).toBe(200);
    const comment = await desk.ctx.store.mentions.get((await caseOf('instagram', '1780000000000000177'))!.mentionId);
    expect(comment?.mention).toMatchObject({ kind: 'comment', url: 'https://www.instagram.com/p/SCRUBBED1/', parent: { externalId: '17900000000000001', text: 'Garden waste season starts in April' }, author: { handle: 'resident_jo' } });
    const mention = await desk.ctx.store.mentions.get((await caseOf('instagram', '1780000000000000277'))!.mentionId);
    expect(mention?.mention).toMatchObject({ kind: 'mention', text: '@examplecouncil the bus shelter is smashed', author: { id: 'username:commuter_kim' } });
  });
});

describe('replies and moderation through the outbox', () => {
  async function claimedFacebookCase(tag: string) {
    const raw = unique(fixture('meta.page.feed-comment.json'), tag);
    expect((await postWebhook(raw)).status).toBe(200);
    const c = (await caseOf('facebook', `${COMMENT_ID}${tag}`))!;
    await act(c.id, { type: 'case.claim' });
    return { caseId: c.id, commentId: `${COMMENT_ID}${tag}` };
  }

  for (const afterProcessing of [true, false]) {
    it(`sends exactly one reply under the comment when Graph's first answer is a 500 (${afterProcessing ? 'reply made' : 'nothing made'})`, async () => {
      const { caseId, commentId } = await claimedFacebookCase(afterProcessing ? 'r1' : 'r2');
      await act(caseId, { type: 'case.reply.submit', text: 'Sorry about this. The crew will collect on Thursday. ^AP', visibility: 'public' });
      graph.failNext('POST', `/${commentId}/comments`, { status: 500, afterProcessing });
      await runOutboxTwice();
      const replies = graph.commentsOn(commentId);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ message: 'Sorry about this. The crew will collect on Thursday. ^AP', from: { id: PAGE_ID } });
      expect(graph.callsTo('GET', `/${commentId}/comments`)).toHaveLength(1);
      // The version is configuration (META_GRAPH_API_VERSION), so a council moves on before Meta retires it.
      expect(new Set(graph.callsTo('POST', `/${commentId}/comments`).map((call) => call.version))).toEqual(new Set(['v26.0']));
      const c = await desk.ctx.store.cases.get(caseId);
      expect(c?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: replies[0]!.id });
      expect(await outboxItem(`network:reply:${caseId}:rep-1`)).toMatchObject({ status: 'done', attempts: 2 });
    });
  }

  it('records a retried private reply that Facebook answers with (#10900) Activity already replied to as sent, not failed', async () => {
    const { caseId, commentId } = await claimedFacebookCase('p1');
    await act(caseId, { type: 'case.reply.submit', text: 'We have sent you a message about your account. ^AP', visibility: 'private' });
    // The first attempt's message lands but its answer is lost; the retry is refused as a second private reply.
    graph.failNext('POST', `/${PAGE_ID}/messages`, { status: 500, afterProcessing: true });
    await runOutboxTwice();
    expect(graph.commentsOn(`messages:${commentId}`)).toHaveLength(1);
    const c = await desk.ctx.store.cases.get(caseId);
    expect(c?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: `private-reply-to:${commentId}`, error: null });
    expect(await outboxItem(`network:reply:${caseId}:rep-1`)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('records a hide Facebook refuses as failed after one attempt, shows it on the card, and does not retry', async () => {
    const { caseId, commentId } = await claimedFacebookCase('h1');
    await act(caseId, { type: 'case.moderate', action: 'hide', ruleId: 'spam', needsApproval: false });
    graph.failNext('POST', `/${commentId}`, { status: 403, error: { code: 200, message: '(#200) Permissions error', type: 'OAuthException' } });
    await runOutboxTwice();
    expect(graph.callsTo('POST', `/${commentId}`)).toHaveLength(1);
    expect(await outboxItem(`network:moderate:${caseId}:mod-1`)).toMatchObject({ status: 'failed', attempts: 1 });
    const c = (await desk.ctx.store.cases.get(caseId))!;
    expect(c.moderation[0]).toMatchObject({ status: 'failed', note: expect.stringContaining('pages_manage_engagement') });
    const mention = (await desk.ctx.store.mentions.get(c.mentionId))!.mention;
    const card = buildCaseCard({ case: c, mention, policy: desk.ctx.policy, now });
    expect(card.banners.map((b) => b.text).join(' ')).toMatch(/network action failed/);
    expect(card.activity.join('\n')).toMatch(/Hide for .*: failed \(Not permitted\. Facebook said: \(#200\) Permissions error/);
  });

  it('hides, then bans the author from the page', async () => {
    const { caseId, commentId } = await claimedFacebookCase('b1');
    await act(caseId, { type: 'case.moderate', action: 'hide', ruleId: 'abuse_of_staff', needsApproval: false });
    await act(caseId, { type: 'case.moderate', action: 'block', ruleId: 'abuse_of_staff', needsApproval: false });
    await desk.worker.runOnce();
    expect(graph.hidden.get(commentId)).toBe(true);
    expect(graph.callsTo('POST', `/${PAGE_ID}/blocked`)[0]?.body).toEqual({ user: ['200000000000001'] });
    const c = (await desk.ctx.store.cases.get(caseId))!;
    expect(c.moderation.map((m) => m.status)).toEqual(['done', 'done']);
  });

  it('replies to an Instagram comment under it, through /replies', async () => {
    const raw = unique(fixture('meta.instagram.comments.json'), '88');
    expect((await postWebhook(raw)).status).toBe(200);
    const c = (await caseOf('instagram', '1780000000000000188'))!;
    await act(c.id, { type: 'case.claim' });
    await act(c.id, { type: 'case.reply.submit', text: 'Collections restart on 6 April. ^AP', visibility: 'public' });
    await desk.worker.runOnce();
    expect(graph.callsTo('POST', '/1780000000000000188/replies')[0]?.body).toEqual({ message: 'Collections restart on 6 April. ^AP' });
    expect((await desk.ctx.store.cases.get(c.id))?.replies[0]?.status).toBe('sent');
  });
});
