// Owns one round of the RSS/Atom watch: fetch each feed, keep new entries that mention the council, remember what was seen.
import type { Log } from '../../../services/log.js';
import type { Mention } from '../../../domain/mention.js';
import type { FeedWatch } from '../../../policy/policy-schema.js';
import type { Clock } from '../../../services/ports.js';
import type { Fetch } from '../shared/call-json.js';
import type { PollCursors } from '../../../services/network-state-ports.js';
import { feedEntryMention, keywordsFor, matchesKeywords } from './feed-entry-mention.js';
import type { FeedEntry } from './parse-feed.js';
import { parseFeedOffThread } from './parse-feed-off-thread.js';

/** Ids of entries already looked at (matched or not), newest first, and the server's validators. */
export interface FeedCursor {
  readonly seen: readonly string[];
  readonly etag: string | null;
  readonly lastModified: string | null;
}

// Enough to cover any feed's window (feeds list 10 to 100 entries) without growing for ever.
const SEEN_LIMIT = 1_000;
// A feed seen for the first time brings in only recent entries, not years of archive.
const FIRST_LOOK_MS = 14 * 24 * 3600_000;
// Real feeds are kilobytes to a few hundred; anything larger is not read this round.
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

export interface FeedPollOptions {
  readonly feeds: readonly FeedWatch[];
  readonly councilName: string;
  readonly cursors: PollCursors;
  readonly ingest: (mentions: Mention[]) => Promise<unknown>;
  readonly clock: Clock;
  readonly fetch?: Fetch;
  readonly log: Pick<Log, 'warn' | 'info'>;
}

export function feedSource(url: string): string {
  return `rss:${url}`;
}

/** One feed failing (down, not a feed) is logged and skipped; the others still run. Store errors are thrown. */
export function createFeedPoll(o: FeedPollOptions): () => Promise<void> {
  return async () => {
    for (const feed of o.feeds) {
      const result = await pollOne(o, feed).catch((e: unknown) => {
        if (e instanceof FeedFetchError) return e.message;
        throw e;
      });
      if (typeof result === 'string') o.log.warn({ feed: feed.url }, `RSS: ${feed.name}: ${result}`);
      else if (result > 0) o.log.info({ feed: feed.url, kept: result }, `RSS: ${feed.name}: ${result} new entries mention the council`);
    }
  };
}

class FeedFetchError extends Error {}

async function pollOne(o: FeedPollOptions, feed: FeedWatch): Promise<number> {
  const source = feedSource(feed.url);
  const cursor = await o.cursors.get<FeedCursor>(source);
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5', 'user-agent': 'MentionDesk/0.1 (council social media inbox)' };
  if (cursor?.etag) headers['if-none-match'] = cursor.etag;
  if (cursor?.lastModified) headers['if-modified-since'] = cursor.lastModified;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(feed.url, { headers, signal: AbortSignal.timeout(20_000) });
  } catch (e) {
    throw new FeedFetchError(`could not fetch: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (res.status === 304) return 0;
  if (!res.ok) throw new FeedFetchError(`HTTP ${res.status}`);
  // Read in a worker: a huge or deeply nested feed costs that thread, never the desk's (Slack, Teams, Meta).
  // Any failure (cut off, too big, not a feed) throws here, before anything is stored or marked seen.
  let entries: FeedEntry[];
  try {
    const bytes = await readCapped(res, MAX_FEED_BYTES);
    entries = (await parseFeedOffThread(bytes, { baseUrl: feed.url, contentType: res.headers.get('content-type') })).feed.entries;
  } catch (e) {
    throw new FeedFetchError(e instanceof Error ? e.message : String(e));
  }
  const seen = new Set(cursor?.seen ?? []);
  const now = o.clock.now();
  const fresh = entries.filter((e) => !seen.has(e.id));
  const keywords = keywordsFor(feed, o.councilName);
  const recentEnough = (e: (typeof entries)[number]) => !!cursor || !e.publishedAt || Date.parse(e.publishedAt) >= now.getTime() - FIRST_LOOK_MS;
  const mentions = fresh
    .filter((e) => recentEnough(e) && matchesKeywords(e, keywords))
    .map((e) => feedEntryMention(feed, e, now))
    .filter((m): m is Mention => m !== null);
  // Stored first, cursor second: a crash in between re-reads the entries, and dedupe absorbs them.
  if (mentions.length) await o.ingest(mentions);
  const next: FeedCursor = {
    seen: [...fresh.map((e) => e.id), ...(cursor?.seen ?? [])].slice(0, SEEN_LIMIT),
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
  };
  await o.cursors.set(source, next);
  return mentions.length;
}

/** The body as bytes (the charset is the parser's business), refused past `max` without reading the rest. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  if (Number(res.headers.get('content-length') ?? 0) > max) throw new Error(`larger than ${max / 1024 / 1024} MB`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > max) throw new Error(`larger than ${max / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
