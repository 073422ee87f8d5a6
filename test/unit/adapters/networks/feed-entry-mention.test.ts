// Feed entries into mentions: which ones mention the council, and the shape they are stored in.
import { describe, expect, it } from 'vitest';
import { entryExternalId, feedEntryMention, keywordsFor, matchesKeywords } from '../../../../src/adapters/networks/rss/feed-entry-mention.js';
import type { FeedEntry } from '../../../../src/adapters/networks/rss/parse-feed.js';

const feed = { url: 'https://news.example.org/feed', name: 'Local News', keywords: [], network: 'web' };
const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({ id: 'e-1', url: 'https://news.example.org/a', title: 'Example Council votes on budget', text: 'Details inside.', publishedAt: '2026-03-27T10:00:00.000Z', author: 'Sam Writer', ...over });

describe('feed entries', () => {
  it('uses the council name when the feed lists no keywords, whole words, any case', () => {
    const keywords = keywordsFor(feed, 'Example Council');
    expect(keywords).toEqual(['Example Council']);
    expect(matchesKeywords(entry({ title: 'EXAMPLE COUNCIL\'s budget' }), keywords)).toBe(true);
    expect(matchesKeywords(entry({ title: 'Example Councillors meet' }), keywords)).toBe(false);
    expect(matchesKeywords(entry({ title: 'Budget', text: 'said Example  Council today' }), keywords)).toBe(true);
    expect(keywordsFor({ ...feed, keywords: ['pothole'] }, 'Example Council')).toEqual(['pothole']);
  });

  it('makes a mention filed under the feed\'s network, with title and text', () => {
    expect(feedEntryMention(feed, entry(), new Date('2026-03-28T00:00:00Z'))).toEqual({
      network: 'web',
      externalId: 'e-1',
      url: 'https://news.example.org/a',
      text: 'Example Council votes on budget\n\nDetails inside.',
      postedAt: '2026-03-27T10:00:00.000Z',
      kind: 'mention',
      author: { id: 'Local News:Sam Writer', name: 'Sam Writer', handle: 'Local News', followers: null, verified: false },
    });
  });

  it('falls back to the feed link, and hashes ids too long to store', () => {
    const m = feedEntryMention(feed, entry({ url: 'javascript:alert(1)', publishedAt: null }), new Date('2026-03-28T00:00:00Z'));
    expect(m).toMatchObject({ url: 'https://news.example.org/feed', postedAt: '2026-03-28T00:00:00.000Z' });
    expect(entryExternalId(entry({ id: 'x'.repeat(301) }))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
