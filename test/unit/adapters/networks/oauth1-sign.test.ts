// OAuth 1.0a signing for acting as the council's X account, checked against X's documented example.
import { describe, expect, it } from 'vitest';
import { oauth1Header, percentEncode } from '../../../../src/adapters/networks/x/oauth1-sign.js';

// The worked example in X's "Creating a signature" (OAuth 1.0a) guide, on its original host.
const creds = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};

describe('oauth1Header', () => {
  it('produces the signature of the documented example', () => {
    const header = oauth1Header('POST', 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true', creds, { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' }, { nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958 });
    expect(header).toContain('oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"');
    expect(header).toMatch(/^OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjz/);
  });

  it('signs query parameters but not a JSON body, so a v2 POST depends on the URL only', () => {
    const seed = { nonce: 'n', timestamp: 1 };
    const a = oauth1Header('POST', 'https://api.x.com/2/tweets', creds, {}, seed);
    expect(oauth1Header('POST', 'https://api.x.com/2/tweets', creds, {}, seed)).toBe(a);
    expect(oauth1Header('POST', 'https://api.x.com/2/tweets?x=1', creds, {}, seed)).not.toBe(a);
  });

  it('percent-encodes as RFC 3986 asks, including the characters encodeURIComponent leaves', () => {
    expect(percentEncode("Ladies + Gentlemen!*'()~")).toBe('Ladies%20%2B%20Gentlemen%21%2A%27%28%29~');
  });
});
