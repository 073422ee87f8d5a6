// Posting a case's message at most once: the reservation protocol over an in-memory card_messages table.
import { describe, expect, it } from 'vitest';
import type { CardMessage, CardMessageRepository } from '../../../src/services/ports.js';
import { postOnce, PostInProgressError, type PostOnceSpec, type SearchWindow } from '../../../src/services/post-once.js';
import { certainlyNotSent, unanswered } from '../../../src/adapters/slack/map-slack-error.js';

function memoryStore(o: { landingAfterUnknown?: boolean } = {}): CardMessageRepository & { rows: Map<string, CardMessage>; age(purpose: string): void; settle(purpose: string): void } {
  const rows = new Map<string, CardMessage>();
  let version = 0;
  const key = (c: string, s: string, p: string) => `${c}|${s}|${p}`;
  const put = (c: string, s: string, p: string, patch: Partial<CardMessage>) => {
    const before = rows.get(key(c, s, p));
    const window = { from: new Date(), to: new Date(Date.now() + 45_000) };
    rows.set(key(c, s, p), { caseId: c, surface: s, purpose: p, channel: '', messageId: '', threadId: null, createdAt: new Date(), inFlight: true, landing: false, attemptWindow: window, ...before, ...patch, version: String(++version) });
  };
  return {
    rows,
    age: (p) => { const r = [...rows.values()].find((x) => x.purpose === p)!; rows.set(key(r.caseId, r.surface, p), { ...r, inFlight: false }); },
    settle: (p) => { const r = [...rows.values()].find((x) => x.purpose === p)!; rows.set(key(r.caseId, r.surface, p), { ...r, landing: false }); },
    get: async (c, s, p) => rows.get(key(c, s, p)) ?? null,
    reserve: async (c, s, p, channel) => (rows.has(key(c, s, p)) ? false : (put(c, s, p, { channel }), true)),
    takeOver: async (row) => {
      const now = rows.get(key(row.caseId, row.surface, row.purpose));
      if (!now || now.version !== row.version || now.messageId) return false;
      put(row.caseId, row.surface, row.purpose, { inFlight: true });
      return true;
    },
    beginAttempt: async (c, s, p) => put(c, s, p, { inFlight: true, attemptWindow: { from: new Date(), to: new Date(Date.now() + 45_000) } }),
    complete: async (c, s, p, channel, messageId, threadId) => put(c, s, p, { channel, messageId, threadId, inFlight: false }),
    release: async (c, s, p) => { if (!rows.get(key(c, s, p))?.messageId) rows.delete(key(c, s, p)); },
    markUnknown: async (c, s, p, mayStillLand) => put(c, s, p, { inFlight: false, landing: Boolean(mayStillLand && o.landingAfterUnknown) }),
    forget: async (c, s, p) => void rows.delete(key(c, s, p)),
    listPosted: async () => [...rows.values()].filter((r) => r.messageId),
  };
}

function spec(posts: string[], finds: SearchWindow[], behaviour: { fail?: unknown; found?: string; findFails?: unknown } = {}): PostOnceSpec {
  return {
    surface: 'slack', certainlyNotSent, unanswered, caseId: 'MD-1', purpose: 'triage', channel: 'C0TRIAGE',
    async post() {
      posts.push('post');
      if (behaviour.fail) throw behaviour.fail;
      return { channel: 'C0TRIAGE', ts: `ts-${posts.length}` };
    },
    async find(window) {
      finds.push(window);
      if (behaviour.findFails) throw behaviour.findFails;
      return behaviour.found ? { channel: 'C0TRIAGE', ts: behaviour.found } : null;
    },
  };
}

const timeout = Object.assign(new Error('socket hang up'), { code: 'slack_webapi_request_error' });
const badGateway = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 502'), { code: 'slack_webapi_http_error', statusCode: 502 });
const rateLimited = Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 2 });

describe('postOnce', () => {
  it('posts a first message straight away, without looking first, and remembers it', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    expect(await postOnce(store, spec(posts, finds))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-1', created: true });
    expect(await postOnce(store, spec(posts, finds))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-1', created: false });
    expect(posts).toHaveLength(1);
    expect(finds).toHaveLength(0);
  });

  it('after an unknown outcome, finds the message that landed instead of posting again', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    expect(await postOnce(store, spec(posts, finds, { found: 'ts-landed' }))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-landed', created: false });
    expect(posts).toHaveLength(1);
    expect(finds).toHaveLength(1);
    expect((await store.get('MD-1', 'slack', 'triage'))?.messageId).toBe('ts-landed');
  });

  it('after an unknown outcome, waits out the landing grace before looking, without posting meanwhile', async () => {
    const store = memoryStore({ landingAfterUnknown: true });
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    // The slow request may still land at the platform: looking now could miss it and post a second one.
    await expect(postOnce(store, spec(posts, finds))).rejects.toBeInstanceOf(PostInProgressError);
    expect(posts).toHaveLength(1);
    expect(finds).toHaveLength(0);
    store.settle('triage');
    expect(await postOnce(store, spec(posts, finds, { found: 'ts-late' }))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-late', created: false });
    expect(posts).toHaveLength(1);
    expect(finds).toHaveLength(1);
  });

  it('looks at once after a 5xx answer: Slack answered, so nothing of that attempt is still on its way', async () => {
    const store = memoryStore({ landingAfterUnknown: true });
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: badGateway }))).rejects.toBe(badGateway);
    expect(await postOnce(store, spec(posts, finds, { found: 'ts-landed' }))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-landed', created: false });
    expect(posts).toHaveLength(1);
  });

  it('after an unknown outcome that did not land, looks, then posts once', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    expect(await postOnce(store, spec(posts, finds))).toMatchObject({ ts: 'ts-2', created: true });
    expect(finds).toHaveLength(1);
  });

  it('after a 429, posts again without looking: Slack certainly did not post', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: rateLimited }))).rejects.toBe(rateLimited);
    expect(store.rows.size).toBe(0);
    expect(await postOnce(store, spec(posts, finds))).toMatchObject({ created: true });
    expect(finds).toHaveLength(0);
  });

  it('leaves a post another worker has under way alone, then takes it over once it is abandoned', async () => {
    const store = memoryStore();
    await store.reserve('MD-1', 'slack', 'triage', 'C0TRIAGE');
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds))).rejects.toBeInstanceOf(PostInProgressError);
    expect(posts).toHaveLength(0);
    store.age('triage'); // the other worker died mid-post
    expect(await postOnce(store, spec(posts, finds))).toMatchObject({ created: true });
    expect(finds).toHaveLength(1);
  });

  it('lets only one of two workers take over an abandoned post', async () => {
    const store = memoryStore();
    await store.reserve('MD-1', 'slack', 'triage', 'C0TRIAGE');
    store.age('triage');
    const posts: string[] = [];
    const results = await Promise.allSettled([postOnce(store, spec(posts, [])), postOnce(store, spec(posts, []))]);
    expect(posts).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('after a failed look, leaves the post for the next try at once, not behind an in-flight mark of its own', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    const lookFailed = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 500'), { code: 'slack_webapi_http_error' });
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    await expect(postOnce(store, spec(posts, finds, { findFails: lookFailed }))).rejects.toBe(lookFailed);
    expect((await store.get('MD-1', 'slack', 'triage'))?.inFlight).toBe(false);
    expect(await postOnce(store, spec(posts, finds))).toMatchObject({ created: true });
    expect(posts).toHaveLength(2);
    expect(finds).toHaveLength(2);
  });

  it('looks only inside the time window the earlier attempt could have landed in, widened for clock skew', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: SearchWindow[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    const row = (await store.get('MD-1', 'slack', 'triage'))!;
    await postOnce(store, spec(posts, finds));
    const seconds = (d: Date) => d.getTime() / 1000;
    expect(finds[0]!.oldest).toBeLessThanOrEqual(seconds(row.attemptWindow.from) - 60);
    expect(finds[0]!.oldest).toBeGreaterThan(seconds(row.attemptWindow.from) - 600);
    expect(finds[0]!.latest).toBeGreaterThanOrEqual(seconds(row.attemptWindow.to) + 60);
    expect(finds[0]!.latest).toBeLessThan(seconds(row.attemptWindow.to) + 600);
  });

  it('tells the outbox that waiting on another worker is a deferral with a delay, not a failed attempt', async () => {
    const store = memoryStore();
    await store.reserve('MD-1', 'slack', 'triage', 'C0TRIAGE');
    const error = await postOnce(store, spec([], [])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostInProgressError);
    expect(error).toMatchObject({ code: 'deferred', retryAfterMs: expect.any(Number) });
  });
});
