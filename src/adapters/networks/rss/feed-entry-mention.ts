// Owns deciding whether a feed entry mentions the council, and turning it into a mention.
import { fitByGrapheme } from '../../../domain/cut-text.js';
import { createHash } from 'node:crypto';
import { mentionSchema, type Mention } from '../../../domain/mention.js';
import { findTerms } from '../../../policy/find-terms.js';
import type { FeedWatch } from '../../../policy/policy-schema.js';
import type { FeedEntry } from './parse-feed.js';

const MAX_TEXT = 5_000;

/** The feed's own keywords, else the council's name: a local news feed is mostly about other things. */
export function keywordsFor(feed: FeedWatch, councilName: string): string[] {
  return feed.keywords.length ? feed.keywords : [councilName];
}

export function matchesKeywords(entry: FeedEntry, keywords: readonly string[]): boolean {
  return findTerms(`${entry.title}\n${entry.text}`, keywords).length > 0;
}

/** Entry ids can be long URLs; the mention's id must fit in 300 characters, so long ones are hashed. */
export function entryExternalId(entry: FeedEntry): string {
  return entry.id.length <= 300 ? entry.id : `sha256:${createHash('sha256').update(entry.id).digest('hex')}`;
}

/** null when the entry cannot make a valid mention (no usable link at all, say). */
export function feedEntryMention(feed: FeedWatch, entry: FeedEntry, now: Date): Mention | null {
  const joined = [entry.title, entry.text].filter(Boolean).join('\n\n');
  const text = fitByGrapheme(joined, MAX_TEXT);
  const r = mentionSchema.safeParse({
    network: feed.network,
    externalId: entryExternalId(entry),
    url: entry.url && /^https?:\/\//.test(entry.url) ? entry.url : feed.url,
    text,
    postedAt: entry.publishedAt ?? now.toISOString(),
    kind: 'mention',
    author: { id: `${feed.name}:${entry.author ?? 'unknown'}`.slice(0, 200), name: (entry.author ?? feed.name).slice(0, 200), handle: feed.name.slice(0, 200) },
  });
  return r.success ? r.data : null;
}
