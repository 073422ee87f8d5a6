// X direct messages in: DM events into direct-message mentions (the council's own and joins left out), and the
// poller that pages GET /2/dm_events newest first as the account, stopping where its durable cursor is.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollCursors } from '../../../../src/services/network-state-ports.js';
import type { SweepCursor } from '../../../../src/adapters/networks/shared/sweep-pages.js';
import { parseXDmEvents, type XDmEventsPage } from '../../../../src/adapters/networks/x/parse-x-dm-events.js';
import { createXDmPoll, X_DM_EVENT_FIELDS, xDmSource } from '../../../../src/adapters/networks/x/poll-x-dms.js';
import { createXClient } from '../../../../src/adapters/networks/x/x-client.js';
import type { Mention } from '../../../../src/domain/mention.js';
import { PermanentError } from '../../../../src/services/errors.js';
import { startFakeXApi, xUser, type FakeXApi } from '../../../helpers/fake-x-api.js';

const COUNCIL = '1000000000000000001';
const page = JSON.parse(readFileSync(new URL('../../../fixtures/networks/x.dm-events.page.json', import.meta.url), 'utf8')) as XDmEventsPage;
const NOW = new Date('2026-03-27T16:00:00.000Z');

describe('parseXDmEvents', () => {
  it('maps each message with its sender and the conversation link, leaving out the council\'s own and joins', () => {
    const mentions = parseXDmEvents(page, COUNCIL, NOW);
    expect(mentions.map((m) => m.externalId)).toEqual(['1810000000000000006', '1810000000000000004', '1810000000000000003']);
    expect(mentions[0]).toEqual({
      network: 'x',
      externalId: '1810000000000000006',
      url: 'https://x.com/messages/1000000000000000001-1000000000000000002',
      text: 'Thanks, I have sent the address through the form',
      postedAt: '2026-03-27T15:20:00.000Z',
      kind: 'direct_message',
      author: { id: '1000000000000000002', name: 'Jo Resident', handle: '@resident_jo', followers: 120, verified: false },
    });
    expect(mentions[1]).toMatchObject({ author: { handle: '@local_reporter', followers: 15000, verified: true }, media: [{ type: 'link', url: 'https://x.com/i/web/status/1800000000000000002' }] });
    expect(mentions[2]).toMatchObject({ url: 'https://x.com/messages/1810000000000000001', author: { handle: '@mill_lane_ra' } });
  });

  it('says a message was media only, and reads an empty page as nothing', () => {
    const [m] = parseXDmEvents({ data: [{ id: '1810000000000000010', event_type: 'MessageCreate', text: '', sender_id: '1000000000000000002', attachments: { media_keys: ['3_1'] } }] }, COUNCIL, NOW);
    expect(m).toMatchObject({ text: expect.stringMatching(/media sent/), author: { id: '1000000000000000002', handle: '', followers: null }, postedAt: NOW.toISOString() });
    expect(parseXDmEvents({ meta: { result_count: 0 } }, COUNCIL, NOW)).toEqual([]);
  });
});

describe('createXDmPoll', () => {
  const jo = xUser('1000000000000000002', 'resident_jo', 120);
  const reporter = xUser('1000000000000000003', 'local_reporter', 15000, true);
  const council = xUser(COUNCIL, 'ExampleCouncil', 52000, true);
  const clock = { now: () => new Date() };
  let x: FakeXApi;
  let cursors: PollCursors & { saved: Map<string, unknown> };
  let stored: Mention[];
  beforeEach(async () => {
    x = await startFakeXApi({ userId: COUNCIL, bearerToken: 'bearer', pageSize: 2 });
    const saved = new Map<string, unknown>();
    cursors = { saved, get: async <T>(s: string) => (saved.get(s) as T | undefined) ?? null, set: async (s, c) => void saved.set(s, structuredClone(c)) };
    stored = [];
  });
  afterEach(() => x.close());

  const poll = () => {
    const client = createXClient({ apiUrl: x.url, bearerToken: 'bearer', user: { consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at', accessTokenSecret: 'ats' }, clock });
    return createXDmPoll({ client, userId: COUNCIL, cursors, clock, ingest: async (m) => void stored.push(...m) })();
  };

  it('asks as the account for messages with the sender expanded', async () => {
    x.directMessage(jo, 'Hello');
    await poll();
    const [call] = x.callsTo('GET', '/2/dm_events');
    expect(call!.authorization).toMatch(/^OAuth oauth_consumer_key="ck", /);
    expect(call!.query).toEqual({ 'dm_event.fields': X_DM_EVENT_FIELDS, event_types: 'MessageCreate', expansions: 'sender_id', 'user.fields': 'name,username,public_metrics,verified', max_results: '100' });
    expect(stored[0]).toMatchObject({ kind: 'direct_message', text: 'Hello', author: { handle: '@resident_jo' } });
  });

  it('reads back 24 hours on the first start, then stops at the cursor, never storing a message twice', async () => {
    x.directMessage(jo, 'old news', { created_at: new Date(Date.now() - 3 * 24 * 3600_000).toISOString() });
    const first = [x.directMessage(jo, 'one'), x.directMessage(reporter, 'two')];
    x.directMessage(council, 'our answer', { to: jo });
    const last = x.directMessage(jo, 'three');
    await poll();
    expect(stored.map((m) => m.externalId).sort()).toEqual([...first, last].sort());
    expect(x.callsTo('GET', '/2/dm_events')).toHaveLength(3); // 5 events, 2 a page: the third page reaches the look-back
    expect(cursors.saved.get(xDmSource(COUNCIL))).toEqual({ sinceId: last } satisfies SweepCursor);

    const later = x.directMessage(reporter, 'four');
    stored = [];
    await poll();
    expect(stored.map((m) => m.externalId)).toEqual([later]);
    expect(x.callsTo('GET', '/2/dm_events')).toHaveLength(4); // one page: it already reaches the cursor
    stored = [];
    await poll();
    expect(stored).toEqual([]);
  });

  it('starts again from the cursor when X no longer takes a saved page token', async () => {
    const since = x.directMessage(jo, 'seen');
    cursors.saved.set(xDmSource(COUNCIL), { sinceId: since, sweep: { newest: since, nextToken: 'stale-token' } });
    x.failNext('GET', '/2/dm_events', { status: 400, body: { title: 'Invalid Request', detail: 'The `pagination_token` query parameter value is not valid', type: 'https://api.twitter.com/2/problems/invalid-request' } });
    await expect(poll()).rejects.toBeInstanceOf(PermanentError);
    expect(cursors.saved.get(xDmSource(COUNCIL))).toEqual({ sinceId: since });
    const fresh = x.directMessage(jo, 'new');
    await poll();
    expect(stored.map((m) => m.externalId)).toEqual([fresh]);
  });
});
