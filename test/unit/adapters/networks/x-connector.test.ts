// The X connector against the fake X API: replies as the council, DMs and block behind X_FEATURES,
// what X cannot do, and a retry that finds the first attempt's reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryAttemptLog } from '../../../../src/adapters/networks/shared/attempt-log.js';
import { comparableText } from '../../../../src/adapters/networks/x/find-earlier-x-reply.js';
import { createXClient } from '../../../../src/adapters/networks/x/x-client.js';
import { createXConnector } from '../../../../src/adapters/networks/x/x-connector.js';
import type { XFeature } from '../../../../src/config/network-settings.js';
import type { PermanentError } from '../../../../src/services/errors.js';
import type { NetworkTarget } from '../../../../src/services/ports.js';
import { startFakeXApi, xUser, type FakeXApi } from '../../../helpers/fake-x-api.js';

const USER_ID = '1000000000000000001';
const clock = { now: () => new Date() };
let x: FakeXApi;
beforeAll(async () => void (x = await startFakeXApi({ userId: USER_ID, bearerToken: 'bearer' })));
afterAll(() => x.close());

function connector(features: XFeature[] = [], user = true) {
  const client = createXClient({ apiUrl: x.url, bearerToken: 'bearer', user: user ? { consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at', accessTokenSecret: 'ats' } : null, clock });
  return createXConnector({ client, userId: USER_ID, features: new Set(features), attempts: createMemoryAttemptLog(clock), clock });
}
const target = (over: Partial<NetworkTarget> = {}): NetworkTarget => ({ network: 'x', externalId: x.mention(xUser('1000000000000000002', 'resident_jo'), '@ExampleCouncil hi'), authorId: '1000000000000000002', parentExternalId: null, kind: 'mention', ...over });

describe('X connector', () => {
  it('finds the reply a lost answer hid, even when X would refuse the text as a duplicate', async () => {
    const c = connector();
    const t = target();
    x.failNext('POST', '/2/tweets', { status: 503, afterProcessing: true });
    await expect(c.reply(t, 'Hi Jo, on it. ^AP', 'public', 'x1')).rejects.toThrow(/temporary failure/);
    const { networkReplyId } = await c.reply(t, 'Hi Jo, on it. ^AP', 'public', 'x1');
    expect(x.posted.filter((p) => p.text === 'Hi Jo, on it. ^AP').map((p) => p.id)).toEqual([networkReplyId]);
  });

  it('sends a DM only with X_FEATURES=dm', async () => {
    const t = target();
    const off = await connector().reply(t, 'Please DM us your address', 'private', 'x2').catch((e: unknown) => e);
    expect((off as PermanentError).hint).toMatch(/X_FEATURES=dm/);
    await connector(['dm']).reply(t, 'Please DM us your address', 'private', 'x3');
    expect(x.callsTo('POST', `/2/dm_conversations/with/${t.authorId}/messages`).at(-1)!.body).toEqual({ text: 'Please DM us your address' });
  });

  it('refuses what X does not offer: deleting other people\'s posts, and block without Enterprise', async () => {
    await expect(connector().moderate(target(), 'delete', 'x4')).rejects.toThrow(/delete other people/);
    const block = await connector().moderate(target(), 'unblock', 'x5').catch((e: unknown) => e);
    expect((block as PermanentError).hint).toMatch(/x\.com/);
    await connector(['block']).moderate(target({ authorId: '42' }), 'unblock', 'x6');
    expect(x.callsTo('DELETE', `/2/users/${USER_ID}/blocking/42`)).toHaveLength(1);
  });

  it('says which credentials to fix when X refuses them', async () => {
    x.failNext('PUT', /\/hidden$/, { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 } });
    const e = await connector().moderate(target(), 'hide', 'x7').catch((err: unknown) => err);
    expect((e as PermanentError).hint).toMatch(/X_ACCESS_TOKEN/);
  });
});

describe('comparableText', () => {
  it('ignores the @handles X prepends to a reply and the t.co wrapping of links', () => {
    expect(comparableText('@resident_jo @other  See https://t.co/abc123 for dates ^AP')).toBe(comparableText('See https://www.example.gov.uk/bins for dates ^AP'));
  });
});
