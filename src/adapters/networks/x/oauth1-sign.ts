// Owns signing a request as the council's X account (OAuth 1.0a, HMAC-SHA1, RFC 5849 §3.4).
import { createHmac, randomBytes } from 'node:crypto';
import type { XUserCredentials } from '../../../config/network-settings.js';

export interface OAuthSeed {
  readonly nonce?: string;
  readonly timestamp?: number;
}

/**
 * The Authorization header for one request. Query parameters and form fields (`formParams`) are
 * signed; a JSON body is not (RFC 5849 signs only form-encoded bodies), which is what X v2 takes.
 */
export function oauth1Header(method: string, url: string, creds: XUserCredentials, formParams: Record<string, string> = {}, seed: OAuthSeed = {}): string {
  const u = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: creds.consumerKey,
    oauth_nonce: seed.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(seed.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: creds.accessToken,
    oauth_version: '1.0',
  };
  const pairs: Array<[string, string]> = [...u.searchParams.entries(), ...Object.entries(formParams), ...Object.entries(oauth)];
  const paramString = pairs
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const baseUrl = `${u.protocol}//${u.host}${u.pathname}`;
  const base = [method.toUpperCase(), percentEncode(baseUrl), percentEncode(paramString)].join('&');
  const key = `${percentEncode(creds.consumerSecret)}&${percentEncode(creds.accessTokenSecret)}`;
  const signature = createHmac('sha1', key).update(base).digest('base64');
  const header = { ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(header).map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(', ')}`;
}

/** RFC 3986 unreserved characters stay; everything else is %XX (encodeURIComponent leaves !*'() alone). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
