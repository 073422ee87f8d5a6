// Owns one sweep of the council's incoming X direct messages (GET /2/dm_events), with the mentions' durable cursor.
import type { Mention } from '../../../domain/mention.js';
import type { Clock } from '../../../services/ports.js';
import type { PollCursors } from '../../../services/network-state-ports.js';
import { createSweepPoll } from '../shared/sweep-pages.js';
import { parseXDmEvents, type XDmEvent, type XDmEventsPage } from './parse-x-dm-events.js';
import type { XClient } from './x-client.js';
import { isAfter, newerId } from './x-ids.js';

export interface XDmPollOptions {
  readonly client: XClient;
  readonly userId: string;
  readonly cursors: PollCursors;
  readonly ingest: (mentions: Mention[]) => Promise<unknown>;
  readonly clock: Clock;
  /** Pages per run; a longer backlog carries on at the next run. */
  readonly maxPages?: number;
  readonly maxResults?: number;
  /** With no cursor yet (first start), how far back to read (X keeps 30 days of DM events). */
  readonly firstLookbackMs?: number;
}

export const X_DM_EVENT_FIELDS = 'id,text,event_type,dm_conversation_id,sender_id,participant_ids,created_at,referenced_tweets,attachments';

export function xDmSource(userId: string): string {
  return `x:dms:${userId}`;
}

/**
 * GET /2/dm_events has no since_id: it always starts at the newest event and pages back
 * (next_token). So the sweep stops at the first page that reaches the cursor's id (or, on the first
 * start, the look-back), and keeps only what is newer. Reading DMs needs the account's own
 * credentials: X refuses the app-only bearer token there.
 */
export function createXDmPoll(o: XDmPollOptions): () => Promise<void> {
  return createSweepPoll({
    source: xDmSource(o.userId),
    cursors: o.cursors,
    ingest: o.ingest,
    newer: newerId,
    maxPages: o.maxPages,
    async readPage(sinceId, token) {
      const res = await o.client.readAsUser<XDmEventsPage>('/2/dm_events', query(o, token));
      const events = res.data ?? [];
      const now = o.clock.now();
      const from = now.getTime() - (o.firstLookbackMs ?? 24 * 3600_000);
      const fresh = (e: XDmEvent) => (sinceId !== null ? isAfter(e.id, sinceId) : !(Date.parse(e.created_at ?? '') < from));
      const kept = events.filter(fresh);
      return {
        mentions: parseXDmEvents({ ...res, data: kept }, o.userId, now),
        newest: events.reduce<string | null>((n, e) => newerId(n, e.id), null),
        nextToken: res.meta?.next_token,
        reachedSince: kept.length < events.length,
      };
    },
  });
}

function query(o: XDmPollOptions, token: string | undefined): Record<string, string> {
  const q: Record<string, string> = {
    'dm_event.fields': X_DM_EVENT_FIELDS,
    event_types: 'MessageCreate',
    expansions: 'sender_id',
    'user.fields': 'name,username,public_metrics,verified',
    max_results: String(o.maxResults ?? 100),
  };
  if (token) q['pagination_token'] = token;
  return q;
}
