// Production sign-in against a fake OpenID Connect issuer on loopback (no internet): a person in the policy gets
// in with the policy's roles, matched by chat identity; anyone else, or a forged callback, does not.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';
import { startFakeIssuer, type FakeIssuer } from '../helpers/fake-oidc-issuer.js';
import { startTestDesk, type TestDesk } from '../helpers/test-desk.js';
import { POLICY_FILE } from '../helpers/slack-desk.js';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

/** Follows the desk's redirect to the issuer and the issuer's back, keeping the desk's cookies like a browser. */
async function signIn(desk: TestDesk): Promise<{ status: number; location: string | null; cookie: string; body: string }> {
  const start = await fetch(`${desk.url}/sign-in/oidc`, { redirect: 'manual' });
  const pending = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const atIssuer = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
  const callback = await fetch(atIssuer.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie: pending } });
  const cookie = callback.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('md_session=')) ?? '';
  return { status: callback.status, location: callback.headers.get('location'), cookie, body: await callback.text() };
}

describe('signing in with the council\'s identity provider', () => {
  let issuer: FakeIssuer;
  let desk: TestDesk;

  beforeAll(async () => {
    issuer = await startFakeIssuer();
    const port = await freePort();
    desk = await startTestDesk({
      policy: await loadPolicy(POLICY_FILE),
      env: { PORT: String(port), WEB_PUBLIC_URL: `http://127.0.0.1:${port}`, OIDC_ISSUER_URL: issuer.url, OIDC_CLIENT_ID: issuer.clientId, OIDC_CLIENT_SECRET: issuer.clientSecret, OIDC_IDENTITY: 'slack' },
    });
  });
  afterAll(async () => {
    await desk?.close();
    await issuer?.close();
  });

  it('lets in a person from the policy, by their Slack id, with the policy\'s roles, using PKCE', async () => {
    issuer.signInAs({ 'https://slack.com/user_id': 'U0CARA', name: 'Someone Else' });
    const r = await signIn(desk);
    expect(r.status, r.body.slice(r.body.indexOf('<main'), r.body.indexOf('<main') + 800)).toBe(303);
    expect(r.location).toBe('/');
    const queue = await fetch(`${desk.url}/queue`, { headers: { cookie: r.cookie } });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('Signed in as Cara Lee');
    expect(issuer.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  });

  it('keeps out a person the policy does not name', async () => {
    issuer.signInAs({ 'https://slack.com/user_id': 'U0NOBODY', name: 'Mallory' });
    const r = await signIn(desk);
    expect(r.status).toBe(403);
    expect(r.cookie).toBe('');
    expect(r.body).toContain('You are not one of the people in this desk&#39;s policy file');
  });

  it('refuses a callback without the browser\'s pending sign-in, or with a forged state', async () => {
    const start = await fetch(`${desk.url}/sign-in/oidc`, { redirect: 'manual' });
    const pending = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const noCookie = await fetch(`${desk.url}/sign-in/callback?code=abc&state=x`, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    const forged = await fetch(`${desk.url}/sign-in/callback?code=abc&state=forged`, { redirect: 'manual', headers: { cookie: pending } });
    expect(forged.status).toBe(401);
  });

  it('turns the local link off when a database URL is set and nobody asked for it', async () => {
    expect(await desk.web!.localSignInLink()).toBeNull();
    expect((await fetch(`${desk.url}/sign-in/local?token=anything`)).status).toBe(403);
  });
});
