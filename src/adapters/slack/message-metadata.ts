// Owns the metadata on every message the desk posts (which case, which purpose), and finding a message by it.
import type { webApi } from '@slack/bolt';
import type { PostedMessage, SearchWindow } from '../../services/post-once.js';

export const DESK_EVENT_TYPE = 'mention_desk_message';

export interface DeskMetadata {
  event_type: string;
  event_payload: { case_id: string; purpose: string };
}

export function deskMetadata(caseId: string, purpose: string): DeskMetadata {
  return { event_type: DESK_EVENT_TYPE, event_payload: { case_id: caseId, purpose } };
}

interface MessageLike {
  ts?: string;
  metadata?: unknown;
}

/** The case and purpose the desk wrote on a message it posted; undefined for any other message (a person's, an alert's). */
export function deskPayloadOf(message: MessageLike): { case_id?: unknown; purpose?: unknown } | undefined {
  const metadata = message.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
  return metadata?.event_type === DESK_EVENT_TYPE ? metadata.event_payload : undefined;
}

/**
 * A safety stop, not the bound: the window is a few minutes around one attempt, and Slack posts at most about
 * one message a second to a channel, so a window holds a few hundred messages however busy the channel is.
 */
const PAGES = 50;

/**
 * Looks through a channel (or one thread, when threadTs is given) for our message, only among messages posted
 * inside the window (inclusive); null when it is not there.
 */
export async function findDeskMessage(
  client: webApi.WebClient,
  where: { channel: string; threadTs?: string | null } & SearchWindow,
  caseId: string,
  purpose: string,
): Promise<PostedMessage | null> {
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const common = {
      channel: where.channel, include_all_metadata: true, limit: 200, inclusive: true,
      oldest: String(where.oldest), latest: String(where.latest), ...(cursor ? { cursor } : {}),
    };
    const res = where.threadTs
      ? await client.conversations.replies({ ...common, ts: where.threadTs })
      : await client.conversations.history(common);
    const hit = ((res.messages ?? []) as MessageLike[]).find((m) => deskPayloadOf(m)?.case_id === caseId && deskPayloadOf(m)?.purpose === purpose);
    if (hit?.ts) return { channel: where.channel, ts: hit.ts };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
