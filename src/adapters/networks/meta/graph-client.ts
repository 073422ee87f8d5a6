// Owns calling Meta's Graph API with the page token: base URL, appsecret_proof, errors mapped once.
import { createHmac } from 'node:crypto';
import type { Clock } from '../../../services/ports.js';
import { callJson, type Fetch } from '../shared/call-json.js';
import { mapGraphError } from './map-graph-error.js';

export interface GraphClient {
  get<T = Record<string, unknown>>(path: string, query?: Record<string, string>): Promise<T>;
  post<T = Record<string, unknown>>(path: string, body: Record<string, unknown>): Promise<T>;
  delete<T = Record<string, unknown>>(path: string, query?: Record<string, string>): Promise<T>;
}

export interface GraphClientOptions {
  readonly baseUrl: string;
  readonly pageToken: string;
  /** With it every call carries appsecret_proof, which "Require App Secret" in the app's settings demands. */
  readonly appSecret: string | null;
  /** "Facebook" or "Instagram": named in errors people read. */
  readonly network: string;
  readonly clock: Clock;
  readonly fetch?: Fetch;
}

export function createGraphClient(o: GraphClientOptions): GraphClient {
  const fetchFn = o.fetch ?? fetch;
  const proof = o.appSecret ? createHmac('sha256', o.appSecret).update(o.pageToken).digest('hex') : null;

  async function call<T>(method: string, path: string, query: Record<string, string> = {}, json?: Record<string, unknown>): Promise<T> {
    const params = new URLSearchParams(query);
    if (proof) params.set('appsecret_proof', proof);
    const qs = params.toString();
    const url = `${o.baseUrl}/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
    const answer = await callJson(fetchFn, url, { method, json, headers: { authorization: `Bearer ${o.pageToken}` } });
    if (answer.status >= 200 && answer.status < 300 && !(answer.body as { error?: unknown } | null)?.error) return answer.body as T;
    throw mapGraphError(answer, o.network, o.clock.now());
  }

  return {
    get: (path, query) => call('GET', path, query),
    post: (path, body) => call('POST', path, {}, body),
    delete: (path, query) => call('DELETE', path, query),
  };
}
