// The Facebook and Instagram connectors against the fake Graph API: which call each action makes, and
// what a retry after an unknown outcome does instead of acting twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacebookConnector } from '../../../../src/adapters/networks/meta/facebook-connector.js';
import { createGraphClient } from '../../../../src/adapters/networks/meta/graph-client.js';
import { createInstagramConnector } from '../../../../src/adapters/networks/meta/instagram-connector.js';
import { createMemoryAttemptLog } from '../../../../src/adapters/networks/shared/attempt-log.js';
import { PermanentError, RateLimitError } from '../../../../src/services/errors.js';
import type { NetworkTarget } from '../../../../src/services/ports.js';
import { startFakeGraphApi, type FakeGraphApi } from '../../../helpers/fake-graph-api.js';

const PAGE_ID = '100000000000001';
const IG_ID = '17841400000000001';
const clock = { now: () => new Date() };
let graph: FakeGraphApi;
let seq = 0;

beforeAll(async () => void (graph = await startFakeGraphApi({ pageId: PAGE_ID, instagramAccountId: IG_ID })));
afterAll(() => graph.close());

function facebook() {
  const client = createGraphClient({ baseUrl: graph.url, pageToken: 'EAA-page', appSecret: 'app-secret', network: 'Facebook', clock });
  return createFacebookConnector({ graph: client, pageId: PAGE_ID, attempts: createMemoryAttemptLog(clock) });
}
function instagram() {
  const client = createGraphClient({ baseUrl: graph.url, pageToken: 'EAA-page', appSecret: null, network: 'Instagram', clock });
  return createInstagramConnector({ graph: client, accountId: IG_ID, attempts: createMemoryAttemptLog(clock) });
}
const target = (over: Partial<NetworkTarget> = {}): NetworkTarget => ({ network: 'facebook', externalId: `c-${++seq}`, authorId: '200000000000001', parentExternalId: 'p-1', kind: 'comment', ...over });

describe('Facebook connector', () => {
  it('sends the page token as a bearer header with appsecret_proof, never in the path', async () => {
    const t = target();
    await facebook().reply(t, 'Hello', 'public', 'k1');
    const call = graph.callsTo('POST', `/${t.externalId}/comments`)[0]!;
    expect(call.authorization).toBe('Bearer EAA-page');
    expect(call.query['appsecret_proof']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a reply under its top-level comment', async () => {
    const t = target({ kind: 'reply', parentExternalId: 'top-1' });
    await facebook().reply(t, 'Thanks', 'public', 'k2');
    expect(graph.commentsOn('top-1').map((c) => c.message)).toEqual(['Thanks']);
  });

  it('sends private replies to the comment, the visitor post, or the Messenger sender', async () => {
    const fb = facebook();
    const comment = target();
    const post = target({ kind: 'post', parentExternalId: null });
    const dm = target({ kind: 'direct_message', authorId: '700000000000009' });
    await fb.reply(comment, 'a', 'private', 'k3');
    await fb.reply(post, 'b', 'private', 'k4');
    await fb.reply(dm, 'c', 'public', 'k5');
    const bodies = graph.callsTo('POST', `/${PAGE_ID}/messages`).slice(-3).map((c) => c.body['recipient']);
    expect(bodies).toEqual([{ comment_id: comment.externalId }, { post_id: post.externalId }, { id: '700000000000009' }]);
  });

  it('takes #10900 on a retried private reply as the first attempt having landed, and refuses it on a first attempt', async () => {
    const fb = facebook();
    const comment = target();
    graph.failNext('POST', `/${PAGE_ID}/messages`, { status: 500, afterProcessing: true });
    await expect(fb.reply(comment, 'We have messaged you.', 'private', 'k10900')).rejects.toThrow(/temporary failure/);
    expect(await fb.reply(comment, 'We have messaged you.', 'private', 'k10900')).toEqual({ networkReplyId: `private-reply-to:${comment.externalId}` });
    expect(graph.commentsOn(`messages:${comment.externalId}`)).toHaveLength(1);
    // Another action's first try (someone answered from the page inbox): not ours, so not sent.
    await expect(fb.reply(comment, 'A second message.', 'private', 'k10900-other')).rejects.toThrow(/Already replied privately\. Facebook said: \(#10900\) Activity already replied to \(code 10900\)/);
  });

  it('finds a Messenger reply the first attempt sent instead of sending it again', async () => {
    const fb = facebook();
    const dm = target({ kind: 'direct_message', authorId: '700000000000010' });
    graph.failNext('POST', `/${PAGE_ID}/messages`, { status: 500, afterProcessing: true });
    await expect(fb.reply(dm, 'We will call you back.', 'private', 'k6')).rejects.toThrow(/temporary failure/);
    const { networkReplyId } = await fb.reply(dm, 'We will call you back.', 'private', 'k6');
    expect(graph.commentsOn('messages:700000000000010')).toHaveLength(1);
    expect(networkReplyId).toBe(graph.commentsOn('messages:700000000000010')[0]!.id);
  });

  it('counts a delete whose answer was lost as done when the retry finds it gone', async () => {
    const fb = facebook();
    const t = target();
    graph.failNext('DELETE', `/${t.externalId}`, { status: 502, afterProcessing: true });
    await expect(fb.moderate(t, 'delete', 'k7')).rejects.toThrow();
    await expect(fb.moderate(t, 'delete', 'k7')).resolves.toBeUndefined();
    // A first attempt that finds it gone says so: someone deleted it on Facebook.
    await expect(facebook().moderate(t, 'delete', 'k8')).rejects.toThrow(PermanentError);
  });

  it('bans and unbans Messenger senders by PSID, commenters by user id', async () => {
    const fb = facebook();
    await fb.moderate(target({ kind: 'direct_message', authorId: '700' }), 'block', 'k9');
    await fb.moderate(target({ authorId: '201' }), 'unblock', 'k10');
    expect(graph.callsTo('POST', `/${PAGE_ID}/blocked`).at(-1)!.body).toEqual({ psid: ['700'] });
    expect(graph.callsTo('DELETE', `/${PAGE_ID}/blocked`).at(-1)!.query).toMatchObject({ user: '201' });
  });

  it('refuses to hide a Messenger message, and maps token and rate-limit failures', async () => {
    await expect(facebook().moderate(target({ kind: 'direct_message' }), 'hide', 'k11')).rejects.toThrow(/cannot be hidden/);
    const t = target();
    graph.failNext('POST', `/${t.externalId}/comments`, { status: 400, error: { code: 190, error_subcode: 463, message: 'Session has expired' } });
    const expired = await facebook().reply(t, 'x', 'public', 'k12').catch((e: unknown) => e);
    expect((expired as PermanentError).hint).toMatch(/META_PAGE_TOKEN/);
    graph.failNext('POST', `/${t.externalId}`, { status: 400, error: { code: 32, message: 'Page request limit reached' } });
    expect(await facebook().moderate(t, 'hide', 'k13').catch((e: unknown) => e)).toBeInstanceOf(RateLimitError);
  });
});

describe('Instagram connector', () => {
  const ig = (over: Partial<NetworkTarget> = {}) => target({ network: 'instagram', ...over });

  it('replies to an @mention on someone else\'s media through /{account}/mentions, and will not guess on a retry', async () => {
    const connector = instagram();
    const t = ig({ kind: 'mention', externalId: '1781', parentExternalId: '1791' });
    graph.failNext('POST', `/${IG_ID}/mentions`, { status: 500 });
    await expect(connector.reply(t, 'Thanks for the tag', 'public', 'i1')).rejects.toThrow();
    expect(graph.callsTo('POST', `/${IG_ID}/mentions`)[0]!.body).toEqual({ media_id: '1791', comment_id: '1781', message: 'Thanks for the tag' });
    const again = await connector.reply(t, 'Thanks for the tag', 'public', 'i1').catch((e: unknown) => e);
    expect((again as PermanentError).hint).toMatch(/check the post/);
  });

  it('hides and unhides comments, and cannot hide an @mention or reply privately', async () => {
    const t = ig();
    await instagram().moderate(t, 'hide', 'i2');
    expect(graph.hidden.get(t.externalId)).toBe(true);
    await instagram().moderate(t, 'unhide', 'i3');
    expect(graph.hidden.get(t.externalId)).toBe(false);
    const mention = await instagram().moderate(ig({ kind: 'mention' }), 'hide', 'i4').catch((e: unknown) => e);
    expect((mention as PermanentError).hint).toMatch(/someone else's post/);
    await expect(instagram().reply(t, 'psst', 'private', 'i5')).rejects.toThrow(PermanentError);
  });
});
