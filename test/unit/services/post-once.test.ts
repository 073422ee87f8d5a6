// Posting a case's message at most once: the reservation protocol over an in-memory card_messages table.
import { describe, expect, it } from 'vitest';
import type { CardMessage, CardMessageRepository } from '../../../src/services/ports.js';
import { postOnce, PostInProgressError, type PostOnceSpec } from '../../../src/services/post-once.js';
import { certainlyNotSent } from '../../../src/adapters/slack/map-slack-error.js';

function memoryStore(): CardMessageRepository & { rows: Map<string, CardMessage>; age(purpose: string): void } {
  const rows = new Map<string, CardMessage>();
  let version = 0;
  const key = (c: string, s: string, p: string) => `${c}|${s}|${p}`;
  const put = (c: string, s: string, p: string, patch: Partial<CardMessage>) => {
    const before = rows.get(key(c, s, p));
    rows.set(key(c, s, p), { caseId: c, surface: s, purpose: p, channel: '', messageId: '', threadId: null, createdAt: new Date(), inFlight: true, ...before, ...patch, version: String(++version) });
  };
  return {
    rows,
    age: (p) => { const r = [...rows.values()].find((x) => x.purpose === p)!; rows.set(key(r.caseId, r.surface, p), { ...r, inFlight: false }); },
    get: async (c, s, p) => rows.get(key(c, s, p)) ?? null,
    reserve: async (c, s, p, channel) => (rows.has(key(c, s, p)) ? false : (put(c, s, p, { channel }), true)),
    takeOver: async (row) => {
      const now = rows.get(key(row.caseId, row.surface, row.purpose));
      if (!now || now.version !== row.version || now.messageId) return false;
      put(row.caseId, row.surface, row.purpose, { inFlight: true });
      return true;
    },
    complete: async (c, s, p, channel, messageId, threadId) => put(c, s, p, { channel, messageId, threadId, inFlight: false }),
    release: async (c, s, p) => { if (!rows.get(key(c, s, p))?.messageId) rows.delete(key(c, s, p)); },
    markUnknown: async (c, s, p) => put(c, s, p, { inFlight: false }),
    forget: async (c, s, p) => void rows.delete(key(c, s, p)),
    listPosted: async () => [...rows.values()].filter((r) => r.messageId),
  };
}

function spec(posts: string[], finds: number[], behaviour: { fail?: unknown; found?: string } = {}): PostOnceSpec {
  return {
    surface: 'slack', certainlyNotSent, caseId: 'MD-1', purpose: 'triage', channel: 'C0TRIAGE',
    async post() {
      posts.push('post');
      if (behaviour.fail) throw behaviour.fail;
      return { channel: 'C0TRIAGE', ts: `ts-${posts.length}` };
    },
    async find(oldest) {
      finds.push(oldest);
      return behaviour.found ? { channel: 'C0TRIAGE', ts: behaviour.found } : null;
    },
  };
}

const timeout = Object.assign(new Error('socket hang up'), { code: 'slack_webapi_request_error' });
const rateLimited = Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 2 });

describe('postOnce', () => {
  it('posts a first message straight away, without looking first, and remembers it', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: number[] = [];
    expect(await postOnce(store, spec(posts, finds))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-1', created: true });
    expect(await postOnce(store, spec(posts, finds))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-1', created: false });
    expect(posts).toHaveLength(1);
    expect(finds).toHaveLength(0);
  });

  it('after an unknown outcome, finds the message that landed instead of posting again', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: number[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    expect(await postOnce(store, spec(posts, finds, { found: 'ts-landed' }))).toEqual({ channel: 'C0TRIAGE', ts: 'ts-landed', created: false });
    expect(posts).toHaveLength(1);
    expect(finds).toHaveLength(1);
    expect((await store.get('MD-1', 'slack', 'triage'))?.messageId).toBe('ts-landed');
  });

  it('after an unknown outcome that did not land, looks, then posts once', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: number[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: timeout }))).rejects.toBe(timeout);
    expect(await postOnce(store, spec(posts, finds))).toMatchObject({ ts: 'ts-2', created: true });
    expect(finds).toHaveLength(1);
  });

  it('after a 429, posts again without looking: Slack certainly did not post', async () => {
    const store = memoryStore();
    const posts: string[] = [];
    const finds: number[] = [];
    await expect(postOnce(store, spec(posts, finds, { fail: rateLimited }))).rejects.toBe(rateLimited);
    expect(store.rows.size).toBe(0);
    expect(await postOnce(store, spec(posts, finds))).toMatchObject({ created: true });
    expect(finds).toHaveLength(0);
  });

  it('leaves a post another worker has under way alone, then takes it over once it is abandoned', async () => {
    const store = memoryStore();
    await store.reserve('MD-1', 'slack', 'triage', 'C0TRIAGE');
    const posts: string[] = [];
    const finds: number[] = [];
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
});
