// The small RSS/Atom reader behind parseFeed: the shapes feeds come in, and the tricks XML allows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed, plain } from '../../../../src/adapters/networks/rss/parse-feed.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/networks/${name}`, import.meta.url), 'utf8');

describe('parseFeed', () => {
  it('reads RSS 2.0: guid, link, dates, creator, escaped HTML and CDATA as plain text', () => {
    const feed = parseFeed(fixture('rss.local-news.xml'));
    expect(feed.title).toBe('Local News & Views');
    expect(feed.entries[0]).toEqual({
      id: 'news-example-org-1001',
      url: 'https://news.example.org/2026/03/27/bin-rounds',
      title: 'Example Council to review bin rounds after missed collections',
      text: 'Residents on Elm Road say their bins were missed three weeks running.',
      publishedAt: '2026-03-27T14:00:00.000Z',
      author: 'Sam Writer',
    });
    expect(feed.entries[1]?.text).toBe('Fresh bread, and a queue round the block. No council involvement at all.');
    expect(feed.entries[2]).toMatchObject({ id: 'https://news.example.org/2026/03/25/letters', title: 'Letters: the EXAMPLE COUNCIL\u2019s parking plans', text: 'I write about the parking permits & the new zones.' });
  });

  it('reads Atom: the alternate link, id, published date, author name', () => {
    const feed = parseFeed(fixture('atom.blog.xml'));
    expect(feed.entries.map((e) => [e.id, e.url, e.publishedAt, e.author])).toEqual([
      ['tag:blog.example.net,2026:post-42', 'https://blog.example.net/2026/03/potholes', '2026-03-27T11:00:00.000Z', 'Alex Blogger'],
      ['tag:blog.example.net,2026:post-41', 'https://blog.example.net/2026/03/garden', '2026-03-20T10:00:00.000Z', null],
    ]);
    expect(feed.entries[0]?.text).toBe('I reported it to Example Council in January.');
  });

  it('reads RSS 1.0 (RDF), taking rdf:about as the id', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://s.example/"><title>Saved search</title></channel>
      <item rdf:about="https://s.example/1"><title>Council meeting</title><link>https://s.example/1</link><dc:date>2026-03-27T10:00:00Z</dc:date></item></rdf:RDF>`;
    expect(parseFeed(rdf)).toEqual({ title: 'Saved search', entries: [{ id: 'https://s.example/1', url: 'https://s.example/1', title: 'Council meeting', text: '', publishedAt: '2026-03-27T10:00:00.000Z', author: null }] });
  });

  it('never expands entities declared in a DOCTYPE', () => {
    const xml = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title><guid>1</guid></item></channel></rss>';
    expect(parseFeed(xml).entries[0]?.title).toBe('&b;');
  });

  it('forgives what feeds get wrong: unclosed tags, stray end tags, attributes with > in them', () => {
    const xml = '<rss><channel><item><title a="x>y">One</title><guid>1</guid></b></item><item><title>Two</title><guid>2</guid><category>unclosed</item></channel></rss>';
    expect(parseFeed(xml).entries.map((e) => e.id)).toEqual(['1', '2']);
  });

  it('refuses what is not a feed', () => {
    expect(() => parseFeed('<html><body>Not found</body></html>')).toThrow(FeedParseError);
    expect(() => parseFeed('')).toThrow(/not XML: no root element/);
    expect(() => parseFeed('<rss><channel><item><title><![CDATA[never ends')).toThrow(/unterminated CDATA/);
  });
});

describe('plain', () => {
  it('drops tags, scripts and styles, decodes entities, collapses whitespace', () => {
    expect(plain('<p>Fish &amp; chips</p>\n<script>alert(1)</script><style>p{}</style> &#163;5 &nbsp;now')).toBe('Fish & chips £5 \u00a0now'.replace(/\s+/g, ' '));
  });
});
