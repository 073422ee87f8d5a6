// The social networks' settings, built from the validated environment: which are on, and why not.
import type { Env } from './env-schema.js';

export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com';
/**
 * Meta retires each Graph API version about two years after the next one ships (v21.0 goes on
 * 21 January 2027). v25.0 is listed as available until 29 July 2028: move on before then
 * (README, "Facebook and Instagram: the Graph API version").
 */
export const DEFAULT_GRAPH_API_VERSION = 'v25.0';
export const DEFAULT_X_API_URL = 'https://api.x.com';

export interface MetaSettings {
  /** Webhook on when both are set: the app secret signs every POST, the verify token answers Meta's GET. */
  readonly appSecret: string | null;
  readonly verifyToken: string | null;
  /** Acting on the page (replies, moderation) needs the page token and the page's id. */
  readonly pageToken: string | null;
  readonly pageId: string | null;
  readonly instagramAccountId: string | null;
  readonly graphApiVersion: string;
  /** The host and the version: 'https://graph.facebook.com/v25.0'. */
  readonly graphApiUrl: string;
}

export interface XUserCredentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

export type XFeature = 'block' | 'dm';

export interface XSettings {
  /** App-only token: enough to read mentions. */
  readonly bearerToken: string | null;
  readonly userId: string | null;
  readonly pollSeconds: number;
  /** Off by default: blocking needs Enterprise access, DMs need a tier with DM access. */
  readonly features: ReadonlySet<XFeature>;
  /** OAuth 1.0a user context: replying, hiding, blocking and DMs act as the council's account. */
  readonly user: XUserCredentials | null;
  /** Signs the webhook CRC answer (GET /webhooks/x). */
  readonly consumerSecret: string | null;
  readonly apiUrl: string;
}

export interface RssSettings {
  readonly pollSeconds: number;
}

export function metaSettings(e: Env): MetaSettings {
  return {
    appSecret: e.META_APP_SECRET ?? null,
    verifyToken: e.META_VERIFY_TOKEN ?? null,
    pageToken: e.META_PAGE_TOKEN ?? null,
    pageId: e.META_PAGE_ID ?? null,
    instagramAccountId: e.INSTAGRAM_ACCOUNT_ID ?? null,
    graphApiVersion: e.META_GRAPH_API_VERSION ?? DEFAULT_GRAPH_API_VERSION,
    graphApiUrl: `${(e.META_GRAPH_API_URL ?? DEFAULT_GRAPH_API_URL).replace(/\/+$/, '')}/${e.META_GRAPH_API_VERSION ?? DEFAULT_GRAPH_API_VERSION}`,
  };
}

export function xSettings(e: Env): XSettings {
  const user =
    e.X_CONSUMER_KEY && e.X_CONSUMER_SECRET && e.X_ACCESS_TOKEN && e.X_ACCESS_TOKEN_SECRET
      ? { consumerKey: e.X_CONSUMER_KEY, consumerSecret: e.X_CONSUMER_SECRET, accessToken: e.X_ACCESS_TOKEN, accessTokenSecret: e.X_ACCESS_TOKEN_SECRET }
      : null;
  return {
    bearerToken: e.X_BEARER_TOKEN ?? null,
    userId: e.X_USER_ID ?? null,
    pollSeconds: e.X_POLL_SECONDS,
    features: new Set(e.X_FEATURES),
    user,
    consumerSecret: e.X_CONSUMER_SECRET ?? null,
    apiUrl: (e.X_API_URL ?? DEFAULT_X_API_URL).replace(/\/+$/, ''),
  };
}

/** Rules between the network variables: one line per problem, naming the variable. */
export function networkCrossChecks(e: Env): string[] {
  const problems: string[] = [];
  if (e.META_PAGE_TOKEN && !e.META_PAGE_ID) problems.push('META_PAGE_ID: required with META_PAGE_TOKEN (the numeric id of the Facebook Page)');
  if (e.INSTAGRAM_ACCOUNT_ID && !e.META_PAGE_TOKEN) problems.push('META_PAGE_TOKEN: required with INSTAGRAM_ACCOUNT_ID (the token of the Page linked to the Instagram account)');
  if (!!e.META_APP_SECRET !== !!e.META_VERIFY_TOKEN) problems.push(`${e.META_APP_SECRET ? 'META_VERIFY_TOKEN' : 'META_APP_SECRET'}: the Meta webhook needs both META_APP_SECRET and META_VERIFY_TOKEN`);
  if (e.META_GRAPH_API_URL && /\/v\d+\.\d+\/*$/.test(e.META_GRAPH_API_URL)) {
    problems.push('META_GRAPH_API_URL: the host only (https://graph.facebook.com); the version goes in META_GRAPH_API_VERSION');
  }
  if (e.X_USER_ID && !e.X_BEARER_TOKEN) problems.push('X_BEARER_TOKEN: required with X_USER_ID to read mentions');
  // The consumer secret alone is allowed: it is all the webhook CRC needs.
  const acting = [e.X_CONSUMER_KEY, e.X_ACCESS_TOKEN, e.X_ACCESS_TOKEN_SECRET];
  if (acting.some(Boolean) && !(acting.every(Boolean) && e.X_CONSUMER_SECRET)) {
    problems.push("X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET: set all four to act as the council's X account (OAuth 1.0a user context)");
  }
  if ((e.X_CONSUMER_KEY || e.X_ACCESS_TOKEN) && !e.X_USER_ID) problems.push("X_USER_ID: required with the X user credentials (the numeric id of the council's account)");
  return problems;
}
