// Owns turning one page of GET /2/dm_events into direct-message mentions, with each sender from the expansion.
import { mentionSchema, type Mention } from '../../../domain/mention.js';
import { tweetUrl, type XUser } from './parse-x-mentions.js';

/** A DM event with the dm_event.fields the poller asks for; only id, event_type and text come unasked. */
export interface XDmEvent {
  readonly id: string;
  readonly event_type?: string;
  readonly text?: string;
  readonly sender_id?: string;
  readonly dm_conversation_id?: string;
  readonly created_at?: string;
  /** Only on ParticipantsJoin / ParticipantsLeave. */
  readonly participant_ids?: readonly string[];
  /** A post shared in the message. */
  readonly referenced_tweets?: ReadonlyArray<{ readonly id: string }>;
  readonly attachments?: { readonly media_keys?: readonly string[]; readonly card_ids?: readonly string[] };
}

export interface XDmEventsPage {
  readonly data?: readonly XDmEvent[];
  readonly includes?: { readonly users?: readonly XUser[] };
  /** No newest_id here, unlike the timelines: events come newest first. */
  readonly meta?: { readonly result_count?: number; readonly next_token?: string; readonly previous_token?: string };
}

/** One-to-one conversations are "<lower id>-<higher id>"; groups have a single number. */
export function dmConversationUrl(conversationId: string | undefined): string {
  return conversationId ? `https://x.com/messages/${encodeURIComponent(conversationId)}` : 'https://x.com/messages';
}

/** Messages only (joins and leaves are not something to answer); the council's own messages skipped. */
export function parseXDmEvents(page: XDmEventsPage, ourUserId: string, now: Date): Mention[] {
  const users = new Map((page.includes?.users ?? []).map((u) => [u.id, u]));
  const out: Mention[] = [];
  for (const e of page.data ?? []) {
    if (e.event_type !== undefined && e.event_type !== 'MessageCreate') continue;
    if (e.sender_id === ourUserId) continue;
    const sender = e.sender_id ? users.get(e.sender_id) : undefined;
    const shared = (e.referenced_tweets ?? []).map((r) => ({ type: 'link' as const, url: tweetUrl(undefined, r.id) }));
    const attached = (e.attachments?.media_keys?.length ?? 0) > 0;
    out.push(
      mentionSchema.parse({
        network: 'x',
        externalId: e.id,
        url: dmConversationUrl(e.dm_conversation_id),
        text: e.text || (attached ? '(media sent: open the conversation on x.com)' : shared.length ? '(a post shared)' : ''),
        postedAt: e.created_at ?? now.toISOString(),
        kind: 'direct_message',
        author: {
          id: e.sender_id ?? 'unknown',
          name: sender?.name ?? '',
          handle: sender?.username ? `@${sender.username}` : '',
          followers: sender?.public_metrics?.followers_count ?? null,
          verified: sender?.verified ?? false,
        },
        media: shared.length ? shared.slice(0, 20) : undefined,
      }),
    );
  }
  return out;
}
