// Owns reading an RSS 2.0, RSS 1.0 (RDF) or Atom feed into entries. The one function to swap for a library.
import { child, childText, decodeEntities, parseXml, XmlError, type XmlElement } from './xml-tree.js';

export interface FeedEntry {
  /** guid, Atom id or rdf:about; else the link; else title + date (some feeds give no id at all). */
  readonly id: string;
  readonly url: string | null;
  readonly title: string;
  /** Summary or content, as plain text. */
  readonly text: string;
  readonly publishedAt: string | null;
  readonly author: string | null;
}

export interface Feed {
  readonly title: string;
  readonly entries: FeedEntry[];
}

export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}

export function parseFeed(xml: string): Feed {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    throw new FeedParseError(`not XML: ${e instanceof XmlError ? e.message : String(e)}`);
  }
  if (root.name === 'feed') return { title: childText(root, 'title') ?? '', entries: root.children.filter((c) => c.name === 'entry').map(atomEntry) };
  if (root.name === 'rss') {
    const channel = child(root, 'channel');
    if (!channel) throw new FeedParseError('RSS without a <channel>');
    return { title: childText(channel, 'title') ?? '', entries: channel.children.filter((c) => c.name === 'item').map(rssItem) };
  }
  if (root.name === 'rdf:rdf') {
    const channel = child(root, 'channel');
    return { title: channel ? (childText(channel, 'title') ?? '') : '', entries: root.children.filter((c) => c.name === 'item').map(rssItem) };
  }
  throw new FeedParseError(`not a feed: the root element is <${root.name}>`);
}

function rssItem(item: XmlElement): FeedEntry {
  const url = childText(item, 'link') ?? (childText(item, 'guid') && /^https?:/.test(childText(item, 'guid')!) ? childText(item, 'guid') : null);
  const title = plain(childText(item, 'title') ?? '');
  const publishedAt = date(childText(item, 'pubdate', 'dc:date'));
  return {
    id: childText(item, 'guid') ?? item.attrs['rdf:about'] ?? url ?? `${title}|${publishedAt ?? ''}`,
    url,
    title,
    text: plain(childText(item, 'content:encoded', 'description') ?? ''),
    publishedAt,
    author: childText(item, 'dc:creator', 'author'),
  };
}

function atomEntry(entry: XmlElement): FeedEntry {
  const links = entry.children.filter((c) => c.name === 'link');
  const link = links.find((l) => !l.attrs['rel'] || l.attrs['rel'] === 'alternate') ?? links[0];
  const url = link?.attrs['href'] ?? null;
  const title = plain(childText(entry, 'title') ?? '');
  const publishedAt = date(childText(entry, 'published', 'updated'));
  const author = child(entry, 'author');
  return {
    id: childText(entry, 'id') ?? url ?? `${title}|${publishedAt ?? ''}`,
    url,
    title,
    text: plain(childText(entry, 'summary', 'content') ?? ''),
    publishedAt,
    author: author ? childText(author, 'name') : null,
  };
}

/** Feeds carry HTML inside text: tags out, entities decoded, whitespace collapsed. */
export function plain(html: string): string {
  return decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function date(s: string | null): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
