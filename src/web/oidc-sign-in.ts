// Owns production sign-in: OpenID Connect with the council's Microsoft Entra ID or Slack (openid-client),
// matched to a person in the policy by their chat identity; roles come from the policy, nobody else gets in.
import type { Request } from 'express';
import type { WebRoutes } from './web-shell.js';
import { parse } from 'cookie';
import * as client from 'openid-client';
import type { OidcSettings } from '../config/web-settings.js';
import { findPerson, resolveActor } from '../policy/policy-directory.js';
import type { Policy } from '../policy/policy-schema.js';
import type { Clock } from '../services/ports.js';
import type { PageRenderer } from './render-page.js';
import type { WebPerson } from './web-person.js';
import type { WebSessionStore } from './web-session-store.js';
import { startSession, type SessionCookies } from './web-session.js';
import { OIDC_CALLBACK_PATH, OIDC_START_PATH } from './oidc-paths.js';

const PENDING_COOKIE = 'md_oidc_pending';
const PENDING_MINUTES = 10;

/** The chat identity an ID token names: Entra's object id, or Slack's user id. */
export function chatIdentityOf(claims: Record<string, unknown>, identity: OidcSettings['identity']): string | null {
  const value = identity === 'teams' ? claims['oid'] : claims['https://slack.com/user_id'];
  return typeof value === 'string' && value ? value : null;
}

/** The policy's person for these claims, with their roles (and those of their Entra groups), or null. */
export function personForClaims(policy: Policy, claims: Record<string, unknown>, identity: OidcSettings['identity']): WebPerson | null {
  const userId = chatIdentityOf(claims, identity);
  if (!userId || !findPerson(policy, identity, userId)) return null;
  const groups = Array.isArray(claims['groups']) ? claims['groups'].filter((g): g is string => typeof g === 'string') : [];
  const actor = resolveActor(policy, { surface: identity, userId, groupIds: groups });
  return { personId: actor.personId, name: actor.name, initials: actor.initials, roles: [...actor.roles] };
}

export interface OidcDeps {
  readonly settings: OidcSettings;
  readonly publicUrl: string;
  readonly policy: Policy;
  readonly store: WebSessionStore;
  readonly cookies: SessionCookies;
  readonly clock: Clock;
  readonly pages: PageRenderer;
}

export function mountOidcSignIn(router: WebRoutes, d: OidcDeps): void {
  let config: Promise<client.Configuration> | null = null;
  // Discovered on first use, and again after a failure, so a start while the issuer is down is not fatal.
  const configuration = () => {
    config ??= discover(d.settings).catch((e: unknown) => { config = null; throw e; });
    return config;
  };
  const redirectUri = `${d.publicUrl}${OIDC_CALLBACK_PATH}`;
  router.get(OIDC_START_PATH, async (_req, res) => {
    const c = await configuration().catch(() => null);
    if (!c) return d.pages.render(res, 'sign-in-refused.njk', { title: 'Sign-in is not available just now', message: `Your organisation's sign-in service (${d.settings.issuerUrl}) did not answer. Try again in a minute; if it goes on, tell IT.` }, 503);
    const pending = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
    const url = client.buildAuthorizationUrl(c, {
      redirect_uri: redirectUri, scope: 'openid profile', state: pending.state, nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
    });
    res.cookie(PENDING_COOKIE, JSON.stringify(pending), { httpOnly: true, sameSite: 'lax', secure: d.cookies.secure, path: OIDC_CALLBACK_PATH, maxAge: PENDING_MINUTES * 60_000 });
    res.redirect(303, url.href);
  });
  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    const refuse = (message: string, status: number) => d.pages.render(res, 'sign-in-refused.njk', { title: 'You could not be signed in', message }, status);
    const pending = readPending(req);
    res.clearCookie(PENDING_COOKIE, { path: OIDC_CALLBACK_PATH });
    if (!pending) return refuse('The sign-in took too long or was started in another browser. Start again from the sign-in page.', 400);
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await configuration(), new URL(req.originalUrl, d.publicUrl), { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce });
      claims = tokens.claims();
    } catch (e) {
      return refuse(`Your organisation's sign-in did not confirm who you are (${e instanceof Error ? e.message : 'unknown error'}). Start again from the sign-in page.`, 401);
    }
    const person = claims ? personForClaims(d.policy, claims, d.settings.identity) : null;
    if (!person) return refuse('You are not one of the people in this desk\'s policy file. Ask the comms manager to add you.', 403);
    await startSession(res, d.store, d.cookies, d.clock, person);
    res.redirect(303, '/');
  });
}

async function discover(s: OidcSettings): Promise<client.Configuration> {
  return client.discovery(new URL(s.issuerUrl), s.clientId, s.clientSecret, undefined, s.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined);
}

function readPending(req: Request): { verifier: string; state: string; nonce: string } | null {
  try {
    const raw = parse(req.headers.cookie ?? '')[PENDING_COOKIE];
    const v = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    return v && typeof v['verifier'] === 'string' && typeof v['state'] === 'string' && typeof v['nonce'] === 'string' ? { verifier: v['verifier'], state: v['state'], nonce: v['nonce'] } : null;
  } catch {
    return null;
  }
}

