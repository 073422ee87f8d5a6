// X end to end: mentions polled page by page with a durable cursor that survives a restart, replies
// and hiding out through the outbox, block off unless X_FEATURES says so, and the webhook CRC.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../src/domain/commands.js';
import { PermanentError, RateLimitError } from '../../src/services/errors.js';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import type { Db } from '../../src/store/db.js';
import { ana } from '../helpers/domain-builders.js';
import { startFakeXApi, xUser, type FakeXApi } from '../helpers/fake-x-api.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { startTestDesk, type TestDesk } from '../helpers/test-desk.js';

const USER_ID = '1000000000000000001';
const BEARER = 'AAAA-test-bearer';
const CONSUMER_SECRET = 'x-consumer-secret-for-tests';
const jo = xUser('1000000000000000002', 'resident_jo', 120);
const reporter = xUser('1000000000000000003', 'local_reporter', 15000, true);

let x: FakeXApi;
let db: Db;
let now = new Date();
const clock = { now: () => now };

const env = (extra: Record<string, string> = {}) => ({
  X_BEARER_TOKEN: BEARER, X_USER_ID: USER_ID, X_API_URL: x.url, X_POLL_SECONDS: '60',
  X_CONSUMER_KEY: 'ck', X_CONSUMER_SECRET: CONSUMER_SECRET, X_ACCESS_TOKEN: 'at', X_ACCESS_TOKEN_SECRET: 'ats', ...extra,
});

beforeAll(async () => {
  x = await startFakeXApi({ userId: USER_ID, bearerToken: BEARER, pageSize: 2 });
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
  await x?.close();
});

async function withDesk<T>(work: (desk: TestDesk) => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  const desk = await startTestDesk({ db, clock, env: env(extra), startPollers: false });
  try {
    return await work(desk);
  } finally {
    await desk.close();
  }
}

const poll = (desk: TestDesk) => desk.networks.pollers.find((p) => p.name === 'x-mentions')!.runOnce!();

async function storedXIds(): Promise<string[]> {
  const { rows } = await db.query<{ external_id: string }>(`SELECT external_id FROM mentions WHERE network = 'x' ORDER BY external_id`);
  return rows.map((r) => r.external_id);
}

async function caseFor(desk: TestDesk, tweetId: string) {
  const { rows } = await db.query<{ id: string }>(`SELECT c.id FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.network = 'x' AND m.external_id = $1`, [tweetId]);
  return (await desk.ctx.store.cases.get(rows[0]!.id))!;
}

async function act(desk: TestDesk, caseId: string, command: CaseCommand) {
  const r = await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command, actor: ana });
  if (!r.ok) throw new Error(r.refusal.message);
}

describe('polling X mentions', () => {
  it('reads every page, keeps the cursor across a restart, and stores no mention twice', async () => {
    const first = [x.mention(jo, '@ExampleCouncil bins missed on Elm Road'), x.mention(reporter, 'Asking @ExampleCouncil about the road closure'), x.mention(jo, '@ExampleCouncil still waiting')];
    await withDesk(async (desk) => {
      await poll(desk);
      const reads = x.callsTo('GET', `/2/users/${USER_ID}/mentions`);
      expect(reads).toHaveLength(2);
      expect(reads[0]!.query).toMatchObject({ expansions: expect.stringContaining('author_id'), 'user.fields': 'public_metrics,verified,name,username' });
      expect(reads[1]!.query['pagination_token']).toBeTruthy();
      expect(reads[0]!.authorization).toBe(`Bearer ${BEARER}`);
    });
    expect(await storedXIds()).toEqual([...first].sort());

    const later = [x.mention(reporter, '@ExampleCouncil any statement?'), x.mention(jo, '@ExampleCouncil thanks, collected')];
    await withDesk(async (desk) => {
      await poll(desk);
      const reads = x.callsTo('GET', `/2/users/${USER_ID}/mentions`);
      expect(reads[2]!.query['since_id']).toBe(first[2]);
      const stored = await desk.ctx.store.mentions.get((await caseFor(desk, later[0]!)).mentionId);
      expect(stored?.mention.author).toMatchObject({ handle: '@local_reporter', followers: 15000, verified: true });
    });
    expect(await storedXIds()).toEqual([...first, ...later].sort());
  });

  it('resumes a sweep that failed part-way at the page it stopped on, after a restart', async () => {
    const before = await storedXIds();
    const three = [x.mention(jo, '@ExampleCouncil one'), x.mention(jo, '@ExampleCouncil two'), x.mention(jo, '@ExampleCouncil three')];
    x.failNext('GET', `/2/users/${USER_ID}/mentions`, { status: 503, onlyIf: (q) => !!q['pagination_token'] });
    await withDesk(async (desk) => {
      await expect(poll(desk)).rejects.toThrow(/temporary failure/);
    });
    // Page one (the two newest) is stored; the oldest waits on the saved next_token.
    expect(await storedXIds()).toEqual([...before, three[1]!, three[2]!].sort());
    await withDesk(async (desk) => {
      const from = x.calls.length;
      await poll(desk);
      const resumed = x.calls.slice(from)[0]!;
      expect(resumed.query['pagination_token']).toBeTruthy();
      await poll(desk);
      expect(x.calls[x.calls.length - 1]!.query['since_id']).toBe(three[2]);
    });
    expect(await storedXIds()).toEqual([...before, ...three].sort());
  });

  it('honours x-rate-limit-reset on a 429', async () => {
    const reset = Math.floor(now.getTime() / 1000) + 600;
    x.failNext('GET', `/2/users/${USER_ID}/mentions`, { status: 429, headers: { 'x-rate-limit-reset': String(reset) }, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } });
    await withDesk(async (desk) => {
      const error = await poll(desk).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(590_000);
    });
  });
});

describe('an X post the desk cannot read', () => {
  it('is kept whole while the rest of the page is stored and the cursor moves on past it', async () => {
    const good = x.mention(jo, '@ExampleCouncil the bins came, thanks');
    // X cut an emoji in half: a lone surrogate no mention may carry. Before, the whole poll failed on it every round.
    const bad = x.mention(reporter, '@ExampleCouncil half an emoji \ud83d');
    const kept = async () => (await db.query<{ reason: string; raw: string; times_received: number }>(`SELECT reason, raw, times_received FROM unreadable_changes WHERE source = 'x' AND raw LIKE $1`, [`%${bad}%`])).rows;
    await withDesk(async (desk) => {
      await poll(desk);
      expect(await storedXIds()).toContain(good);
      expect(await storedXIds()).not.toContain(bad);
      expect(await kept()).toEqual([{ reason: expect.stringMatching(/^data\.\d \(mention text\): /), raw: expect.any(String), times_received: 1 }]);
      await poll(desk);
      expect(x.calls[x.calls.length - 1]!.query['since_id']).toBe(bad);
      // Replayed with today's parser it is still unreadable, so it stays kept.
      expect(await desk.networks.readers['x']!((await kept())[0]!.raw)).toEqual({ unreadable: expect.stringMatching(/mention text/) });
    });
  });
});

describe('acting on X', () => {
  it('replies once under the mention, as the council, even when the first answer is lost', async () => {
    const tweet = x.mention(jo, '@ExampleCouncil when is the next green bin day?');
    await withDesk(async (desk) => {
      await poll(desk);
      const c = await caseFor(desk, tweet);
      await act(desk, c.id, { type: 'case.claim' });
      await act(desk, c.id, { type: 'case.reply.submit', text: 'Hi Jo, it is next Tuesday. ^AP', visibility: 'public' });
      x.failNext('POST', '/2/tweets', { status: 503, afterProcessing: true });
      await desk.worker.runOnce();
      now = new Date(now.getTime() + 30 * 60_000);
      await desk.worker.runOnce();
      now = new Date();
      const mine = x.posted.filter((t) => t.referenced_tweets?.[0]?.id === tweet);
      expect(mine).toHaveLength(1);
      expect(x.callsTo('POST', '/2/tweets')[0]!.body).toEqual({ text: 'Hi Jo, it is next Tuesday. ^AP', reply: { in_reply_to_tweet_id: tweet } });
      expect(x.callsTo('POST', '/2/tweets')[0]!.authorization).toMatch(/^OAuth oauth_consumer_key="ck", .*oauth_signature="/);
      expect((await desk.ctx.store.cases.get(c.id))?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: mine[0]!.id });
    });
  });

  it('hides a reply', async () => {
    const tweet = x.mention(jo, '@ExampleCouncil spam spam spam', '1800000000000000001');
    await withDesk(async (desk) => {
      await poll(desk);
      const c = await caseFor(desk, tweet);
      await act(desk, c.id, { type: 'case.claim' });
      await act(desk, c.id, { type: 'case.moderate', action: 'hide', ruleId: 'spam', needsApproval: false });
      await desk.worker.runOnce();
      expect(x.hidden.get(tweet)).toBe(true);
      expect(x.callsTo('PUT', `/2/tweets/${tweet}/hidden`)[0]!.body).toEqual({ hidden: true });
    });
  });

  it('offers no block while X_FEATURES leaves it off, and refuses one with what to do', async () => {
    await withDesk(async (desk) => {
      expect(desk.ctx.policy.networks['x']?.actions).not.toContain('block');
      expect(desk.ctx.policy.networks['x']?.directMessages).toBe(false);
      const connector = desk.networks.connectors.find((c) => c.network === 'x')!;
      const target = { network: 'x', externalId: '1', authorId: jo.id, parentExternalId: null, kind: 'mention' as const };
      const error = await connector.moderate(target, 'block', 'k-block').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).hint).toMatch(/block on x\.com/);
    });
    await withDesk(async (desk) => {
      expect(desk.ctx.policy.networks['x']?.actions).toContain('block');
      const connector = desk.networks.connectors.find((c) => c.network === 'x')!;
      await connector.moderate({ network: 'x', externalId: '1', authorId: jo.id, parentExternalId: null, kind: 'mention' }, 'block', 'k-block-2');
      expect(x.blocked.has(jo.id)).toBe(true);
    }, { X_FEATURES: 'block' });
  });

  it('answers the webhook CRC with the HMAC of crc_token', async () => {
    await withDesk(async (desk) => {
      const res = await fetch(`${desk.url}/webhooks/x?crc_token=challenge-123`);
      expect(res.status).toBe(200);
      const expected = `sha256=${createHmac('sha256', CONSUMER_SECRET).update('challenge-123').digest('base64')}`;
      expect(await res.json()).toEqual({ response_token: expected });
    });
  });

  it('says at start-up what is on', async () => {
    await withDesk(async (desk) => {
      expect(desk.networks.report).toContain(`X: on (mentions of user ${USER_ID} every 60 s; replies and hiding on; block off, DMs off — X_FEATURES)`);
    });
  });
});
