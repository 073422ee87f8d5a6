// Owns the web desk's settings (README "Configuration"): on by default, who may sign in and how.
import { z } from 'zod';

export type LocalSignIn = 'loopback' | 'anywhere' | 'off';

export interface OidcSettings {
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Which chat identity the ID token names: Entra's `oid` is the policy's `teams`, Slack's user id its `slack`. */
  readonly identity: 'teams' | 'slack';
  /** Test issuers on loopback speak plain HTTP; a real one never does. */
  readonly allowHttp: boolean;
}

export interface WebSettings {
  readonly enabled: boolean;
  /** Where people reach the desk (https://desk.example.gov.uk): sign-in redirects, and Secure cookies when https. */
  readonly publicUrl: string | null;
  readonly localSignIn: LocalSignIn;
  readonly sessionHours: number;
  readonly oidc: OidcSettings | null;
}

const webEnvSchema = z.object({
  WEB_DESK: z.enum(['on', 'off']).default('on'),
  WEB_PUBLIC_URL: z.url('an absolute URL such as https://desk.example.gov.uk').optional(),
  WEB_LOCAL_SIGN_IN: z.enum(['loopback', 'anywhere', 'off'], 'loopback, anywhere or off').optional(),
  WEB_SESSION_HOURS: z.coerce.number('a number of hours').int().min(1, 'at least 1 hour').max(168, 'at most 168 hours (a week)').default(12),
  OIDC_ISSUER_URL: z.url('the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0 or https://slack.com').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_IDENTITY: z.enum(['teams', 'slack'], 'teams (Microsoft Entra ID) or slack').optional(),
});

/** The settings, or one line per problem naming the variable. */
export function webSettings(env: Record<string, string>, embeddedStore: boolean): { settings: WebSettings | null; problems: string[] } {
  const parsed = webEnvSchema.safeParse(env);
  if (!parsed.success) return { settings: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  const oidcParts = [e.OIDC_ISSUER_URL, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    return { settings: null, problems: ['OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three to sign in with Microsoft Entra ID or Slack'] };
  }
  const oidc = e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
    ? { issuerUrl: e.OIDC_ISSUER_URL, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, identity: e.OIDC_IDENTITY ?? identityOf(e.OIDC_ISSUER_URL), allowHttp: isLoopbackUrl(e.OIDC_ISSUER_URL) }
    : null;
  // The printed administrator link is the embedded default; a production database needs it asked for.
  const localSignIn = e.WEB_LOCAL_SIGN_IN ?? (embeddedStore ? 'loopback' : 'off');
  return { settings: { enabled: e.WEB_DESK === 'on', publicUrl: e.WEB_PUBLIC_URL?.replace(/\/+$/, '') ?? null, localSignIn, sessionHours: e.WEB_SESSION_HOURS, oidc }, problems: [] };
}

function identityOf(issuerUrl: string): 'teams' | 'slack' {
  return new URL(issuerUrl).hostname === 'slack.com' ? 'slack' : 'teams';
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
