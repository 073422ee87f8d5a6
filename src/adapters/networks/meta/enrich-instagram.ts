// Owns filling in what Instagram's webhook leaves out (link, caption, a mention's text and author), best effort.
import type { Mention } from '../../../domain/mention.js';
import type { GraphClient } from './graph-client.js';
import { INSTAGRAM_HOME } from './parse-instagram.js';

interface IgMedia { id?: string; permalink?: string; caption?: string; username?: string; timestamp?: string }
interface IgComment { id?: string; text?: string; timestamp?: string; username?: string; media?: IgMedia }

/**
 * Meta retries a webhook that is slow to answer, so each lookup gets a short budget; a mention
 * whose lookup fails is still stored, with the placeholders the parser gave it.
 */
export async function enrichInstagram(graph: GraphClient, accountId: string, mentions: readonly Mention[], budgetMs = 3_000): Promise<{ mentions: Mention[]; failures: number }> {
  let failures = 0;
  const out = await Promise.all(
    mentions.map(async (m) => {
      if (m.network !== 'instagram') return m;
      try {
        return await withBudget(enrichOne(graph, accountId, m), budgetMs);
      } catch {
        failures += 1;
        return m;
      }
    }),
  );
  return { mentions: out, failures };
}

async function enrichOne(graph: GraphClient, accountId: string, m: Mention): Promise<Mention> {
  if (m.kind !== 'mention') {
    const c = await graph.get<IgComment>(m.externalId, { fields: 'timestamp,media{id,permalink,caption}' });
    const url = c.media?.permalink ?? m.url;
    const parent = m.parent && m.kind === 'comment' ? { ...m.parent, text: c.media?.caption ?? '', url } : m.parent;
    return { ...m, url, parent, postedAt: c.timestamp ? new Date(c.timestamp).toISOString() : m.postedAt };
  }
  const mediaId = m.parent?.externalId ?? '';
  if (!m.externalId.startsWith('media:')) {
    const fields = `mentioned_comment.comment_id(${m.externalId}){id,text,timestamp,username,media{id,permalink,caption}}`;
    const res = await graph.get<{ mentioned_comment?: IgComment }>(accountId, { fields });
    const c = res.mentioned_comment ?? {};
    return withAuthor({ ...m, text: c.text ?? m.text, url: c.media?.permalink ?? m.url, parent: { externalId: mediaId, text: c.media?.caption ?? '', url: c.media?.permalink ?? INSTAGRAM_HOME } }, c.username, c.timestamp);
  }
  const fields = `mentioned_media.media_id(${mediaId}){id,caption,permalink,timestamp,username}`;
  const res = await graph.get<{ mentioned_media?: IgMedia }>(accountId, { fields });
  const media = res.mentioned_media ?? {};
  return withAuthor({ ...m, text: media.caption ?? m.text, url: media.permalink ?? m.url }, media.username, media.timestamp);
}

/** Mentions reach us without the author's id: the username is the only stable name we get. */
function withAuthor(m: Mention, username: string | undefined, timestamp: string | undefined): Mention {
  const postedAt = timestamp && !Number.isNaN(Date.parse(timestamp)) ? new Date(timestamp).toISOString() : m.postedAt;
  return username ? { ...m, postedAt, author: { ...m.author, id: `username:${username}`, name: username, handle: username } } : { ...m, postedAt };
}

function withBudget<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
