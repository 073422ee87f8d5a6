// Meta's webhook at the edge: the signature over the raw bytes, and page / instagram bodies read into mentions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetaPayloadError } from '../../../../src/adapters/networks/meta/meta-payload.js';
import { parseMetaWebhook } from '../../../../src/adapters/networks/meta/parse-meta-webhook.js';
import { signMetaBody, verifyMetaSignature } from '../../../../src/adapters/networks/meta/verify-meta-signature.js';

const raw = (name: string) => readFileSync(new URL(`../../../fixtures/networks/${name}`, import.meta.url));
const body = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('verifyMetaSignature', () => {
  const bytes = raw('meta.page.feed-comment.json');
  it('accepts the HMAC-SHA256 of the exact bytes', () => {
    expect(verifyMetaSignature('secret', signMetaBody('secret', bytes), bytes)).toEqual({ ok: true });
  });
  it('refuses another secret, a missing header, a malformed one, and a re-serialised body', () => {
    expect(verifyMetaSignature('other', signMetaBody('secret', bytes), bytes).ok).toBe(false);
    expect(verifyMetaSignature('secret', undefined, bytes)).toEqual({ ok: false, reason: 'missing X-Hub-Signature-256' });
    expect(verifyMetaSignature('secret', 'sha1=abc', bytes).ok).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(bytes.toString())));
    expect(verifyMetaSignature('secret', signMetaBody('secret', bytes), reserialised).ok).toBe(false);
  });
});

describe('parseMetaWebhook', () => {
  it('reads a page comment: id, link, author, time, and the post as parent', () => {
    const { mentions, ignored } = parseMetaWebhook(raw('meta.page.feed-comment.json'));
    expect(ignored).toEqual({});
    expect(mentions).toEqual([
      {
        network: 'facebook',
        externalId: '300000000000001_400000000000001',
        url: 'https://www.facebook.com/examplecouncil/posts/pfbid0000000000000000001?comment_id=300000000000001_400000000000001',
        text: 'My bins were not collected again on Elm Road this week. When will someone come?',
        postedAt: '2026-03-27T15:00:00.000Z',
        kind: 'comment',
        author: { id: '200000000000001', name: 'Jo Bloggs', handle: '', followers: null, verified: false },
        parent: { externalId: '100000000000001_300000000000001', text: '', url: 'https://www.facebook.com/examplecouncil/posts/pfbid0000000000000000001' },
      },
    ]);
  });

  it('reads several entries and changes, and counts what it skips by type', () => {
    const { mentions, ignored } = parseMetaWebhook(raw('meta.page.mixed.json'));
    expect(mentions.map((m) => [m.kind, m.externalId])).toEqual([
      ['post', '100000000000001_300000000000002'],
      ['reply', '300000000000001_400000000000002'],
      ['mention', '500000000000001_600000000000001'],
      ['direct_message', 'm_scrubbed-message-id-0001'],
    ]);
    expect(mentions[1]?.parent?.externalId).toBe('300000000000001_400000000000001');
    expect(mentions[3]).toMatchObject({ author: { id: '700000000000001' }, postedAt: '2026-03-27T16:03:19.000Z', text: 'Hi, how do I apply for a parking permit?' });
    expect(ignored).toEqual({ 'feed:reaction:add': 1, 'feed:comment:edited': 1, 'feed:comment:own': 1, 'messaging:delivery': 1, 'messaging:echo': 1 });
  });

  it('reads Instagram comments and mentions, skipping the account\'s own replies', () => {
    const { mentions } = parseMetaWebhook(raw('meta.instagram.comments.json'));
    expect(mentions.map((m) => [m.network, m.kind, m.externalId, m.parent?.externalId])).toEqual([
      ['instagram', 'comment', '17800000000000001', '17900000000000001'],
      ['instagram', 'mention', '17800000000000002', '17900000000000002'],
    ]);
    const own = { object: 'instagram', entry: [{ id: '17841400000000001', time: 1, changes: [{ field: 'comments', value: { id: '1', text: 'Thanks!', from: { id: '17841400000000001', username: 'examplecouncil' }, media: { id: '2' } } }] }] };
    expect(parseMetaWebhook(body(own))).toEqual({ mentions: [], ignored: { 'instagram:comments:own': 1 }, unreadable: [] });
  });

  it('acknowledges other Meta objects without reading them', () => {
    expect(parseMetaWebhook(body({ object: 'whatsapp_business_account', entry: [] }))).toEqual({ mentions: [], ignored: { 'object:whatsapp_business_account': 1 }, unreadable: [] });
  });

  it.each([
    ['not JSON', Buffer.from('{'), '(body)'],
    ['no entry array', body({ object: 'page' }), 'entry'],
  ])('throws naming the field when the envelope is %s', (_label, bytes, path) => {
    const error = (() => {
      try {
        parseMetaWebhook(bytes);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(MetaPayloadError);
    expect((error as MetaPayloadError).path).toBe(path);
  });

  const comment = { field: 'feed', value: { item: 'comment', verb: 'add', from: { id: '2', name: 'Jo' }, comment_id: '1_9', post_id: '1_1', message: 'Bins?' } };
  it.each([
    ['an entry without id', { id: undefined, time: 1, changes: [comment] }, 'entry.1.id: required', { time: 1, changes: [comment] }],
    ['a change without field', { id: '1', time: 1, changes: [comment, { value: {} }] }, 'entry.1.changes.1.field: required', { id: '1', time: 1, changes: [{ value: {} }] }],
    ['a comment without its author', { id: '1', time: 1, changes: [comment, { field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_2', post_id: '1_1' } }] }, 'entry.1.changes.1.value.from: expected an object', { id: '1', time: 1, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_2', post_id: '1_1' } }] }],
    ['a message without mid', { id: '1', time: 1, changes: [comment], messaging: [{ sender: { id: '9' }, message: { text: 'hi' } }] }, 'entry.1.messaging.0.message.mid', { id: '1', time: 1, messaging: [{ sender: { id: '9' }, message: { text: 'hi' } }] }],
  ])('keeps %s whole with its reason, and still reads the rest of the delivery', (_label, badEntry, reason, kept) => {
    const good = { id: '1', time: 1, changes: [{ ...comment, value: { ...comment.value, comment_id: '1_8' } }] };
    const parsed = parseMetaWebhook(body({ object: 'page', entry: [good, badEntry] }));
    expect(parsed.mentions.map((m) => m.externalId)).toEqual(badEntry.id ? ['1_8', '1_9'] : ['1_8']);
    expect(parsed.unreadable).toHaveLength(1);
    expect(parsed.unreadable[0]!.network).toBe('facebook');
    expect(parsed.unreadable[0]!.reason).toContain(reason);
    expect(JSON.parse(parsed.unreadable[0]!.raw)).toEqual({ object: 'page', entry: [kept] });
  });

  it('keeps a change whose mention would be invalid (a text over the limit) instead of refusing the delivery', () => {
    const long = { ...comment, value: { ...comment.value, message: 'x'.repeat(100_001) } };
    const parsed = parseMetaWebhook(body({ object: 'page', entry: [{ id: '1', time: 1, changes: [long] }] }));
    expect(parsed.mentions).toEqual([]);
    expect(parsed.unreadable[0]?.reason).toMatch(/^entry\.0\.changes\.0 \(mention text\)/);
  });
});

describe('a Meta time no calendar can show', () => {
  const message = (timestamp: unknown) => body({ object: 'page', entry: [{ id: '1', time: 1774627399000, messaging: [{ sender: { id: '9' }, timestamp, message: { mid: 'm_1', text: 'hi' } }] }] });

  it.each([1e13, 9e15, 1e16, 1e300, 1e12])('reads messaging timestamp %s as a time an ISO field holds, never throws', (timestamp) => {
    const { mentions } = parseMetaWebhook(message(timestamp));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.postedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

