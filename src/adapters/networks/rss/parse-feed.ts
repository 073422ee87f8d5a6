// Owns reading an RSS 2.0, RSS 1.0 (RDF) or Atom feed into entries, with @rowanmanning/feed-parser doing the XML.
// Synchronous and CPU-bound: the desk calls it through parseFeedOffThread, never on the main thread.
import { parseFeed as parseWithLibrary } from '@rowanmanning/feed-parser';
import { decode } from 'html-entities';
import { decodeFeedBytes, FeedCharsetError } from './decode-feed-bytes.js';
import { readXmlProlog } from './read-xml-prolog.js';
import { FeedParseError } from './feed-parse-error.js';

export interface FeedEntry {
  /** guid, Atom id or rdf:about; else the link; else title + date (some feeds give no id at all). */
  readonly id: string;
  /** Absolute: relative links are resolved against xml:base, the feed's own link, then the feed's address. */
  readonly url: string | null;
  readonly title: string;
  /** The body (content, content:encoded, Atom xhtml), else the summary or description, as plain text. */
  readonly text: string;
  readonly publishedAt: string | null;
  readonly author: string | null;
}

export interface Feed {
  readonly title: string;
  readonly entries: FeedEntry[];
}

export interface ParseFeedOptions {
  /** The address the feed was fetched from: the last base for relative links. */
  readonly baseUrl?: string;
  /** The HTTP Content-Type, for its charset. */
  readonly contentType?: string | null;
}

export { FeedParseError };

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);
// Enough for a whole article; the mention keeps less. Bounds the tag-stripping work per entry.
const MAX_ENTRY_HTML = 200_000;

export function parseFeed(input: string | Uint8Array, o: ParseFeedOptions = {}): Feed {
  let text: string;
  try {
    text = typeof input === 'string' ? input : decodeFeedBytes(input, o.contentType ?? null);
  } catch (e) {
    throw new FeedParseError(e instanceof FeedCharsetError ? e.message : String(e));
  }
  const prolog = readXmlProlog(text);
  if (!prolog.root) throw new FeedParseError('not XML: no root element');
  if (!FEED_ROOTS.has(prolog.root.toLowerCase())) throw new FeedParseError(`not a feed: the root element is <${prolog.root}>`);
  // A cut-off download would give half an entry (and mark it seen): nothing is taken from it.
  if (!prolog.complete) throw new FeedParseError(`incomplete: the document ends before </${prolog.root}> (a truncated download?)`);
  let feed: ReturnType<typeof parseWithLibrary>;
  try {
    feed = parseWithLibrary(prolog.xml);
  } catch (e) {
    throw new FeedParseError(`not a readable feed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    title: plain(feed.title ?? ''),
    entries: feed.items.map((item) => {
      const url = absolute(item.url, o.baseUrl);
      const title = plain(item.title ?? '');
      const publishedAt = (item.published ?? item.updated)?.toISOString() ?? null;
      return {
        id: item.id ?? url ?? `${title}|${publishedAt ?? ''}`,
        url,
        title,
        text: plain((item.content ?? item.description ?? '').slice(0, MAX_ENTRY_HTML)),
        publishedAt,
        author: item.authors[0]?.name ?? null,
      };
    }),
  };
}

/** Feeds carry HTML inside text: scripts and styles out, tags out, HTML entities decoded, whitespace collapsed. Linear. */
export function plain(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += `${html.slice(i, lt)} `;
    const code = /^<(script|style)\b/i.exec(html.slice(lt, lt + 8));
    if (code) {
      const close = lower.indexOf(`</${code[1]!.toLowerCase()}`, lt);
      i = close < 0 ? html.length : html.indexOf('>', close) + 1 || html.length;
      continue;
    }
    const gt = html.indexOf('>', lt);
    i = gt < 0 ? html.length : gt + 1;
  }
  return decode(out, { level: 'html5' }).replace(/\s+/g, ' ').trim();
}

function absolute(href: string | null, base: string | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}
