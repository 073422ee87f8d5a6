// Owns finding a reply or DM an earlier attempt already made on X (outcome unknown), so a retry never sends twice.
import type { XClient } from './x-client.js';

const CLOCK_SKEW_MS = 15 * 60_000;

interface XPost { id: string; text?: string; created_at?: string; sender_id?: string; referenced_tweets?: Array<{ type: string; id: string }> }

/** X prepends the @handles of a reply and wraps links in t.co: compare what is left. */
export function comparableText(s: string): string {
  return s
    .replace(/^(\s*@\w+)+\s*/, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function findEarlierXReply(client: XClient, userId: string, inReplyTo: string, text: string, firstAt: Date): Promise<string | null> {
  const res = await client.read<{ data?: XPost[] }>(`/2/users/${userId}/tweets`, {
    start_time: new Date(firstAt.getTime() - CLOCK_SKEW_MS).toISOString(),
    max_results: '100',
    exclude: 'retweets',
    'tweet.fields': 'created_at,referenced_tweets',
  });
  const want = comparableText(text);
  const hit = (res.data ?? []).find((t) => t.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === inReplyTo) && comparableText(t.text ?? '') === want);
  return hit?.id ?? null;
}

/** The one-to-one conversation with the person, read as the account (X refuses app-only tokens on DMs). */
export async function findEarlierXMessage(client: XClient, userId: string, participantId: string, text: string, firstAt: Date): Promise<string | null> {
  const res = await client.readAsUser<{ data?: XPost[] }>(`/2/dm_conversations/with/${participantId}/dm_events`, {
    max_results: '50',
    'dm_event.fields': 'id,text,sender_id,created_at',
    event_types: 'MessageCreate',
  });
  const since = firstAt.getTime() - CLOCK_SKEW_MS;
  const hit = (res.data ?? []).find((e) => e.sender_id === userId && (e.text ?? '').trim() === text.trim() && !(Date.parse(e.created_at ?? '') < since));
  return hit?.id ?? null;
}
