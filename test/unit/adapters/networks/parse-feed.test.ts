// parseFeed (@rowanmanning/feed-parser underneath): the shapes real RSS 2.0 and Atom 1.0 feeds come in,
// and what they get wrong: relative links, xml:base, XHTML bodies, HTML entities, Latin-1, cut-off downloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed, plain } from '../../../../src/adapters/networks/rss/parse-feed.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/networks/${name}`, import.meta.url), 'utf8');
const bytes = (name: string) => readFileSync(new URL(`../../../fixtures/networks/${name}`, import.meta.url));

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
  });

  it('reads an Atom entry whose keyword is only in its type="xhtml" body', () => {
    const [hall] = parseFeed(bytes('atom.parish-news.xml'), { baseUrl: 'https://parish.example.org/news/feed.atom' }).entries;
    expect(hall?.text).toBe('The hall is open again from Monday. The refit was paid for with a grant from Example Council and the lottery. Bookings: 01234 000000 .');
  });

  it('resolves relative links with new URL(href, base): xml:base on the feed and the entry, then the feed\'s own address', () => {
    const atom = parseFeed(bytes('atom.parish-news.xml'), { baseUrl: 'https://parish.example.org/news/feed.atom' });
    expect(atom.entries.map((e) => e.url)).toEqual(['https://parish.example.org/news/2026/03/village-hall-reopens', 'https://parish.example.org/news/2026/03/parking-charges']);
    const rss = parseFeed(bytes('rss.gazette-latin1.xml'), { baseUrl: 'https://gazette.example.co.uk/rss' });
    expect(rss.entries.map((e) => e.url)).toEqual(['https://gazette.example.co.uk/news/2026/03/cafe-fined', 'https://gazette.example.co.uk/news/2026/03/fun-run']);
    // No <link> on the channel: the address the feed was fetched from is the base.
    const bare = '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>/a/1</link><guid>1</guid></item></channel></rss>';
    expect(parseFeed(bare, { baseUrl: 'https://feeds.example.net/local/rss.xml' }).entries[0]?.url).toBe('https://feeds.example.net/a/1');
  });

  it('decodes HTML named entities (&pound; &ndash; &rsquo;) in titles and escaped HTML', () => {
    const [, parking] = parseFeed(bytes('atom.parish-news.xml')).entries;
    expect(parking).toMatchObject({ title: 'Parking charges: £2 an hour – Example Council’s plan', text: 'Charges rise to £2 from April – residents’ permits stay at £30.' });
    const raw = '<rss version="2.0"><channel><title>T</title><item><title>Fees &pound;5 &ndash; the council&rsquo;s plan</title><guid>1</guid></item></channel></rss>';
    expect(parseFeed(raw).entries[0]?.title).toBe('Fees £5 – the council’s plan');
  });

  it('reads an ISO-8859-1 feed by its XML declaration, or by the HTTP charset', () => {
    const [cafe] = parseFeed(bytes('rss.gazette-latin1.xml')).entries;
    expect(cafe).toMatchObject({ title: 'Café owner fined £500 over Example Council licence', author: 'José Reporter', text: 'The café on the High Street was fined £500 – Example Council said it had no licence.' });
    const undeclared = Buffer.from('<rss version="2.0"><channel><title>T</title><item><title>\u00a3500 fine</title><guid>1</guid></item></channel></rss>', 'latin1');
    expect(parseFeed(undeclared, { contentType: 'application/rss+xml; charset=ISO-8859-1' }).entries[0]?.title).toBe('£500 fine');
  });

  it('takes nothing from a cut-off download, not even the entries before the cut', () => {
    const whole = fixture('rss.local-news.xml');
    for (const cut of [whole.indexOf('</description>'), whole.indexOf('</channel>'), whole.length - 4]) {
      expect(() => parseFeed(whole.slice(0, cut))).toThrow(/^incomplete: the document ends before <\/rss>/);
    }
    expect(() => parseFeed(`${whole}\n<!-- served in 12 ms -->\n`)).not.toThrow();
  });

  it('reads no DTD: internal entities stay unexpanded and external ones are never fetched', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]><rss><channel><title>T</title><item><title>&secret;</title><guid>1</guid></item></channel></rss>';
    expect(parseFeed(xxe).entries[0]?.title).toBe('&secret;');
  });

  it('refuses a feed nested deeper than any real one, at once', () => {
    const deep = `<rss><channel><title>T</title><item><guid>1</guid><description>${'<div>'.repeat(40_000)}${'</div>'.repeat(40_000)}</description></item></channel></rss>`;
    expect(() => parseFeed(deep)).toThrow(/^not a readable feed: .*nested/i);
  });
});

describe('plain', () => {
  it('drops tags, scripts and styles, decodes entities, collapses whitespace', () => {
    expect(plain('<p>Fish &amp; chips</p>\n<script>alert(1)</script><style>p{}</style> &#163;5 &nbsp;now')).toBe('Fish & chips £5 \u00a0now'.replace(/\s+/g, ' '));
  });
});
