// Owns one sweep of the council's X mentions: since_id, every next_token page, the cursor saved after each page.
import type { Mention } from '../../../domain/mention.js';
import type { Clock } from '../../../services/ports.js';
import type { PollCursors } from '../../../services/network-state-ports.js';
import { createSweepPoll } from '../shared/sweep-pages.js';
import { parseXMentions, type XMentionsPage } from './parse-x-mentions.js';
import type { XClient } from './x-client.js';
import { newerId } from './x-ids.js';

export interface XMentionsPollOptions {
  readonly client: XClient;
  readonly userId: string;
  readonly cursors: PollCursors;
  readonly ingest: (mentions: Mention[]) => Promise<unknown>;
  readonly clock: Clock;
  /** Pages per run; a longer backlog carries on at the next run. */
  readonly maxPages?: number;
  readonly maxResults?: number;
  /** With no cursor yet (first start), how far back to read. */
  readonly firstLookbackMs?: number;
  /** A post that cannot be read is kept whole (unreadable_changes), so the rest of the page and the cursor move on. */
  readonly keepUnreadable: (post: { readonly reason: string; readonly raw: string }) => Promise<void>;
}

export function xMentionsSource(userId: string): string {
  return `x:mentions:${userId}`;
}

/** X filters by since_id itself and pages from newest to oldest (next_token). */
export function createXMentionsPoll(o: XMentionsPollOptions): () => Promise<void> {
  return createSweepPoll({
    source: xMentionsSource(o.userId),
    cursors: o.cursors,
    ingest: o.ingest,
    newer: newerId,
    maxPages: o.maxPages,
    async readPage(sinceId, token) {
      const res = await o.client.read<XMentionsPage>(`/2/users/${o.userId}/mentions`, query(o, sinceId, token));
      const { mentions, unreadable } = parseXMentions(res, o.userId);
      // Kept before the page's mentions and cursor are saved: a crash re-reads the page, and keeping is idempotent.
      for (const post of unreadable) await o.keepUnreadable(post);
      return { mentions, newest: res.meta?.newest_id, nextToken: res.meta?.next_token };
    },
  });
}

function query(o: XMentionsPollOptions, sinceId: string | null, token: string | undefined): Record<string, string> {
  const q: Record<string, string> = {
    max_results: String(o.maxResults ?? 100),
    expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id',
    'user.fields': 'public_metrics,verified,name,username',
    'tweet.fields': 'created_at,conversation_id,referenced_tweets,author_id',
  };
  if (sinceId) q['since_id'] = sinceId;
  else q['start_time'] = new Date(o.clock.now().getTime() - (o.firstLookbackMs ?? 24 * 3600_000)).toISOString();
  if (token) q['pagination_token'] = token;
  return q;
}
