// Owns one sweep of the council's X mentions: since_id, every next_token page, the cursor saved after each page.
import type { Mention } from '../../../domain/mention.js';
import { PermanentError } from '../../../services/errors.js';
import type { Clock } from '../../../services/ports.js';
import type { PollCursors } from '../shared/poll-cursors.js';
import { newerId, parseXMentions, type XMentionsPage } from './parse-x-mentions.js';
import type { XClient } from './x-client.js';

/**
 * sinceId: everything up to it is stored. sweep: a sweep in progress (X pages from newest to
 * oldest), so a crash mid-sweep resumes at the page it stopped on instead of skipping the rest.
 */
export interface XMentionsCursor {
  readonly sinceId: string | null;
  readonly sweep?: { readonly newest: string | null; readonly nextToken: string };
}

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
}

export function xMentionsSource(userId: string): string {
  return `x:mentions:${userId}`;
}

export function createXMentionsPoll(o: XMentionsPollOptions): () => Promise<void> {
  const source = xMentionsSource(o.userId);
  return async () => {
    const saved = (await o.cursors.get<XMentionsCursor>(source)) ?? { sinceId: null };
    const sinceId = saved.sinceId;
    let newest = saved.sweep?.newest ?? null;
    let token = saved.sweep?.nextToken;
    for (let page = 0; page < (o.maxPages ?? 10); page++) {
      const res = await readPage(o, source, sinceId, token);
      const mentions = parseXMentions(res, o.userId);
      // Stored first, cursor second: a crash between the two re-reads the page, and dedupe absorbs it.
      if (mentions.length) await o.ingest(mentions);
      newest = newerId(newest, res.meta?.newest_id);
      token = res.meta?.next_token;
      if (!token) {
        await o.cursors.set(source, { sinceId: newerId(sinceId, newest) } satisfies XMentionsCursor);
        return;
      }
      await o.cursors.set(source, { sinceId, sweep: { newest, nextToken: token } } satisfies XMentionsCursor);
    }
  };
}

/** A pagination token X no longer accepts ends the sweep: restart from sinceId, which loses nothing. */
async function readPage(o: XMentionsPollOptions, source: string, sinceId: string | null, token: string | undefined): Promise<XMentionsPage> {
  try {
    return await o.client.read<XMentionsPage>(`/2/users/${o.userId}/mentions`, query(o, sinceId, token));
  } catch (e) {
    if (token && e instanceof PermanentError) await o.cursors.set(source, { sinceId } satisfies XMentionsCursor);
    throw e;
  }
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
