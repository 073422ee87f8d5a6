// One round of the feed watch, with the network replaced by a fetch stub: what is stored and when "seen" moves.
import { describe, expect, it } from 'vitest';
import { createFeedPoll, MAX_FEED_BYTES, type FeedCursor } from '../../../../src/adapters/networks/rss/poll-feeds.js';
import type { PollCursors } from '../../../../src/services/network-state-ports.js';
import type { Mention } from '../../../../src/domain/mention.js';
import { feedSchema } from '../../../../src/policy/policy-schema.js';

const FEED = feedSchema.parse({ url: 'https://news.example.org/feed', name: 'Local News' });
const clock = { now: () => new Date('2026-03-28T10:00:00Z') };

function round(body: () => Response) {
  const saved = new Map<string, unknown>();
  const cursors: PollCursors = { get: async <T>(source: string) => (saved.get(source) as T) ?? null, set: async (source, c) => void saved.set(source, c) };
  const stored: Mention[] = [];
  const warnings: string[] = [];
  const log = { warn: (_o: unknown, msg: string) => void warnings.push(msg), info: () => {} };
  const poll = createFeedPoll({ feeds: [FEED], councilName: 'Example Council', cursors, clock, log, fetch: async () => body(), ingest: async (m) => void stored.push(...m) });
  return { poll, saved, stored, warnings };
}

const item = (n: number) => `<item><title>Example Council news ${n}</title><link>/n/${n}</link><guid>n-${n}</guid><pubDate>Fri, 27 Mar 2026 10:00:00 GMT</pubDate></item>`;
const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>${items}</channel></rss>`;

describe('the feed watch', () => {
  it('stores entries naming the council with absolute links, then marks them seen', async () => {
    const r = round(() => new Response(rss(item(1)), { headers: { 'content-type': 'application/rss+xml' } }));
    await r.poll();
    expect(r.stored.map((m) => [m.externalId, m.url])).toEqual([['n-1', 'https://news.example.org/n/1']]);
    expect((r.saved.get(`rss:${FEED.url}`) as FeedCursor).seen).toEqual(['n-1']);
  });

  it('does not read a feed over the size cap, stores nothing and marks nothing seen', async () => {
    const big = rss(item(1) + `<item><title>filler</title><description>${'x'.repeat(MAX_FEED_BYTES)}</description><guid>big</guid></item>`);
    // No Content-Length (chunked): the cap is met while reading, not from the header.
    const r = round(() => new Response(new Blob([big]).stream(), { headers: { 'content-type': 'application/rss+xml' } }));
    await r.poll();
    expect(r.stored).toEqual([]);
    expect(r.saved.size).toBe(0);
    expect(r.warnings).toEqual(['RSS: Local News: larger than 5 MB']);
  });
});
