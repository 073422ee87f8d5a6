// X mentions into mentions: authors' public metrics, replies with their parent, the council's own posts left out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseXMentions, type XMentionsPage } from '../../../../src/adapters/networks/x/parse-x-mentions.js';
import { newerId } from '../../../../src/adapters/networks/x/x-ids.js';

const page = JSON.parse(readFileSync(new URL('../../../fixtures/networks/x.mentions.page.json', import.meta.url), 'utf8')) as XMentionsPage;

describe('parseXMentions', () => {
  it('maps each mention with its author and, for a reply, the post it answers', () => {
    const { mentions, unreadable } = parseXMentions(page, '1000000000000000001');
    expect(unreadable).toEqual([]);
    expect(mentions).toHaveLength(2);
    expect(mentions[0]).toEqual({
      network: 'x',
      externalId: '1800000000000000003',
      url: 'https://x.com/resident_jo/status/1800000000000000003',
      text: '@ExampleCouncil @ExampleWaste still no collection on Elm Road',
      postedAt: '2026-03-27T15:10:00.000Z',
      kind: 'reply',
      author: { id: '1000000000000000002', name: 'Jo Resident', handle: '@resident_jo', followers: 120, verified: false },
      parent: { externalId: '1800000000000000001', text: 'Bin collections this week are running a day late after the bank holiday.', url: 'https://x.com/ExampleCouncil/status/1800000000000000001' },
    });
    expect(mentions[1]).toMatchObject({ kind: 'mention', author: { handle: '@local_reporter', followers: 15000, verified: true } });
  });

  it('reads an empty page as nothing', () => {
    expect(parseXMentions({ meta: { result_count: 0 } }, '1')).toEqual({ mentions: [], unreadable: [] });
  });

  it('keeps a post it cannot read as a one-post page with the reason, and still reads the rest', () => {
    // X cut an emoji in half: a lone surrogate the desk (and PostgreSQL) will not store.
    const at = page.data!.findIndex((t) => t.id === '1800000000000000003');
    const broken: XMentionsPage = { ...page, data: page.data!.map((t, i) => (i === at ? { ...t, text: '@ExampleCouncil bins \ud83d' } : t)) };
    const { mentions, unreadable } = parseXMentions(broken, '1000000000000000001');
    expect(mentions.map((m) => m.externalId)).toEqual(['1800000000000000002']);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.reason).toMatch(new RegExp(`^data\\.${at} \\(mention text\\): `));
    const kept = JSON.parse(unreadable[0]!.raw) as XMentionsPage;
    expect(kept.data?.map((t) => t.id)).toEqual(['1800000000000000003']);
    expect(kept.includes?.tweets?.map((t) => t.id)).toEqual(['1800000000000000001']);
    // Read again (a replay), the kept page gives the same verdict, so it stays kept until the parser changes.
    expect(parseXMentions(kept, '1000000000000000001').unreadable.map((u) => u.reason)).toEqual([expect.stringMatching(/^data\.0 \(mention text\): /)]);
  });
});

describe('newerId', () => {
  it('compares 64-bit ids as numbers', () => {
    expect(newerId('999', '1000')).toBe('1000');
    expect(newerId('1800000000000000004', '1800000000000000003')).toBe('1800000000000000004');
    expect(newerId(null, '5')).toBe('5');
    expect(newerId('5', undefined)).toBe('5');
  });
});
