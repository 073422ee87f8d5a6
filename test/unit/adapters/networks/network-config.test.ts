// Network configuration: defaults, feature flags, the variables that go together, and the capability table they narrow.
import { describe, expect, it } from 'vitest';
import { withNetworkFeatures } from '../../../../src/adapters/networks/network-features.js';
import { ConfigError, loadConfig } from '../../../../src/config/load-config.js';
import { loadPolicy } from '../../../../src/config/load-policy.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('network settings', () => {
  it('starts with every network off, X polling every 120 s, RSS every 900 s, no X features', () => {
    const c = loadConfig({});
    expect(c.meta).toMatchObject({ appSecret: null, pageToken: null, graphApiVersion: 'v25.0', graphApiUrl: 'https://graph.facebook.com/v25.0' });
    expect(c.x).toMatchObject({ bearerToken: null, userId: null, pollSeconds: 120, user: null, apiUrl: 'https://api.x.com' });
    expect([...c.x.features]).toEqual([]);
    expect(c.rss.pollSeconds).toBe(900);
  });

  it('takes the Graph API version from META_GRAPH_API_VERSION, and the host alone from META_GRAPH_API_URL', () => {
    expect(loadConfig({ META_GRAPH_API_VERSION: 'v26.0' }).meta.graphApiUrl).toBe('https://graph.facebook.com/v26.0');
    expect(loadConfig({ META_GRAPH_API_URL: 'http://graph.test:8080/' }).meta.graphApiUrl).toBe('http://graph.test:8080/v25.0');
    expect(problemsOf({ META_GRAPH_API_VERSION: '21' })[0]).toMatch(/^META_GRAPH_API_VERSION.*v25\.0/);
    expect(problemsOf({ META_GRAPH_API_URL: 'https://graph.facebook.com/v21.0' })).toEqual([expect.stringMatching(/^META_GRAPH_API_URL: the host only/)]);
  });

  it('reads X_FEATURES as a list and refuses unknown features', () => {
    expect([...loadConfig({ X_FEATURES: 'block, dm' }).x.features]).toEqual(['block', 'dm']);
    expect(problemsOf({ X_FEATURES: 'block,spaces' })[0]).toMatch(/^X_FEATURES.*block, dm/);
  });

  it('names what is missing when network variables come without their partners', () => {
    expect(problemsOf({ META_PAGE_TOKEN: 't' })).toEqual([expect.stringMatching(/^META_PAGE_ID: required with META_PAGE_TOKEN/)]);
    expect(problemsOf({ META_APP_SECRET: 's' })).toEqual([expect.stringMatching(/^META_VERIFY_TOKEN:/)]);
    expect(problemsOf({ X_USER_ID: '1' })).toEqual([expect.stringMatching(/^X_BEARER_TOKEN:/)]);
    expect(problemsOf({ X_BEARER_TOKEN: 'b', X_USER_ID: '1', X_CONSUMER_KEY: 'k' })[0]).toMatch(/set all four/);
    expect(problemsOf({ X_CONSUMER_SECRET: 'only-for-crc' })).toEqual([]);
    expect(problemsOf({ X_POLL_SECONDS: '5' })[0]).toMatch(/^X_POLL_SECONDS: at least 15/);
  });

  it('takes the four user credentials together as acting on X', () => {
    const c = loadConfig({ X_BEARER_TOKEN: 'b', X_USER_ID: '1', X_CONSUMER_KEY: 'k', X_CONSUMER_SECRET: 's', X_ACCESS_TOKEN: 'a', X_ACCESS_TOKEN_SECRET: 'as', X_API_URL: 'http://127.0.0.1:9/' });
    expect(c.x.user).toEqual({ consumerKey: 'k', consumerSecret: 's', accessToken: 'a', accessTokenSecret: 'as' });
    expect(c.x.apiUrl).toBe('http://127.0.0.1:9');
  });
});

describe('withNetworkFeatures', () => {
  it('takes block, unblock and DMs (so warnings) off X unless X_FEATURES turns them on', async () => {
    const policy = await loadPolicy(null);
    const off = withNetworkFeatures(policy, loadConfig({})).networks['x'];
    expect(off?.actions).toEqual(['reply', 'hide', 'unhide']);
    expect(off?.directMessages).toBe(false);
    const on = withNetworkFeatures(policy, loadConfig({ X_FEATURES: 'block,dm' }));
    expect(on.networks['x']).toBe(policy.networks['x']);
    expect(withNetworkFeatures(policy, loadConfig({})).networks['facebook']).toBe(policy.networks['facebook']);
  });

  it('offers no private reply on Instagram, where residents may DM (000) but the desk cannot answer privately', async () => {
    const policy = await loadPolicy(null);
    expect(policy.networks['instagram']?.directMessages).toBe(true);
    expect(withNetworkFeatures(policy, loadConfig({})).networks['instagram']?.directMessages).toBe(false);
  });
});
