// Feeds are parsed in a worker thread: the desk's own thread keeps serving while a hostile feed is read.
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../../src/adapters/networks/rss/parse-feed.js';
import { parseFeedOffThread } from '../../../../src/adapters/networks/rss/parse-feed-off-thread.js';

const encode = (s: string) => new TextEncoder().encode(s);
/** The shape that froze the old reader for 10-13 s: 280 KB, 40,000 elements deep. */
const hostile = encode(`<rss version="2.0"><channel><title>T</title><item><guid>1</guid><description>${'<b>'.repeat(40_000)}${'</b>'.repeat(40_000)}</description></item></channel></rss>`);

describe('parseFeedOffThread', () => {
  it('parses in another thread and hands back plain entries', async () => {
    const { feed, threadId: parsedIn } = await parseFeedOffThread(encode('<rss version="2.0"><channel><title>News</title><link>https://n.example/</link><item><title>Example Council</title><link>/a</link><guid>1</guid></item></channel></rss>'), { baseUrl: 'https://n.example/rss' });
    expect(parsedIn).not.toBe(threadId);
    expect(feed).toEqual({ title: 'News', entries: [{ id: '1', url: 'https://n.example/a', title: 'Example Council', text: '', publishedAt: null, author: null }] });
  });

  it('keeps the main thread serving while a 280 KB feed nesting 40,000 elements is read, then refuses the feed', async () => {
    expect(hostile.byteLength).toBeGreaterThan(280_000);
    let turns = 0;
    let pending = true;
    const spin = () => {
      if (!pending) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const outcome = await parseFeedOffThread(hostile).then(() => null, (e: unknown) => e);
    pending = false;
    // A parse on this thread would have finished before any setImmediate ran: these turns are the proof.
    expect(turns).toBeGreaterThan(0);
    expect(outcome).toBeInstanceOf(FeedParseError);
    expect((outcome as Error).message).toMatch(/nested/i);
  });

  it('refuses what is not a feed with the reason, from the worker', async () => {
    await expect(parseFeedOffThread(encode('<html><body>Moved</body></html>'))).rejects.toThrow(new FeedParseError('not a feed: the root element is <html>'));
  });
});
