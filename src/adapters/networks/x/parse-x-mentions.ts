// Owns turning one page of GET /2/users/:id/mentions into mentions, with each author's public metrics.
import { mentionSchema, type Mention } from '../../../domain/mention.js';

export interface XTweet {
  readonly id: string;
  readonly text: string;
  readonly author_id?: string;
  readonly created_at?: string;
  readonly conversation_id?: string;
  readonly referenced_tweets?: ReadonlyArray<{ readonly type: string; readonly id: string }>;
}

export interface XUser {
  readonly id: string;
  readonly name?: string;
  readonly username?: string;
  readonly verified?: boolean;
  readonly public_metrics?: { readonly followers_count?: number };
}

export interface XMentionsPage {
  readonly data?: readonly XTweet[];
  readonly includes?: { readonly users?: readonly XUser[]; readonly tweets?: readonly XTweet[] };
  readonly meta?: { readonly newest_id?: string; readonly oldest_id?: string; readonly result_count?: number; readonly next_token?: string };
}

export function tweetUrl(username: string | undefined, id: string): string {
  return username ? `https://x.com/${username}/status/${id}` : `https://x.com/i/web/status/${id}`;
}

export interface ParsedXMentions {
  readonly mentions: Mention[];
  /** Posts that could not be read, each kept as a one-post page (parseXMentions reads it again on replay). */
  readonly unreadable: Array<{ readonly reason: string; readonly raw: string }>;
}

/** Skips the council's own posts (its replies mention people back and would echo in). One bad post never costs the page. */
export function parseXMentions(page: XMentionsPage, ourUserId: string): ParsedXMentions {
  const users = new Map((page.includes?.users ?? []).map((u) => [u.id, u]));
  const tweets = new Map((page.includes?.tweets ?? []).map((t) => [t.id, t]));
  const out: ParsedXMentions = { mentions: [], unreadable: [] };
  (page.data ?? []).forEach((t, i) => {
    if (t.author_id === ourUserId) return;
    const author = t.author_id ? users.get(t.author_id) : undefined;
    const repliedTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
    const parent = repliedTo ? tweets.get(repliedTo) : undefined;
    const parentAuthor = parent?.author_id ? users.get(parent.author_id) : undefined;
    const r = mentionSchema.safeParse({
      network: 'x',
      externalId: t.id,
      url: tweetUrl(author?.username, t.id),
      text: t.text,
      postedAt: t.created_at ?? new Date().toISOString(),
      kind: repliedTo ? 'reply' : 'mention',
      author: {
        id: t.author_id ?? 'unknown',
        name: author?.name ?? '',
        handle: author?.username ? `@${author.username}` : '',
        followers: author?.public_metrics?.followers_count ?? null,
        verified: author?.verified ?? false,
      },
      parent: repliedTo ? { externalId: repliedTo, text: parent?.text ?? '', url: tweetUrl(parentAuthor?.username, repliedTo) } : undefined,
    });
    if (r.success) return void out.mentions.push(r.data);
    const issue = r.error.issues[0];
    const onePost: XMentionsPage = { data: [t], includes: { users: [author, parentAuthor].filter((u) => u !== undefined), tweets: parent ? [parent] : [] } };
    out.unreadable.push({ reason: `data.${i} (mention ${issue?.path.join('.') ?? ''}): ${issue?.message ?? 'invalid'}`, raw: JSON.stringify(onePost) });
  });
  return out;
}
