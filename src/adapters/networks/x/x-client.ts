// Owns calling the X API v2: app-only bearer for reading, OAuth 1.0a user context for acting; errors mapped once.
import type { XUserCredentials } from '../../../config/network-settings.js';
import type { Clock } from '../../../services/ports.js';
import { callJson, type Fetch, type JsonAnswer } from '../shared/call-json.js';
import { mapXError } from './map-x-error.js';
import { oauth1Header } from './oauth1-sign.js';

export interface XClient {
  /** Reading (mentions): the bearer token when there is one, else user context. */
  read<T>(path: string, query?: Record<string, string>): Promise<T>;
  /** Reading as the council's account (OAuth 1.0a): direct messages, where X refuses app-only tokens. */
  readAsUser<T>(path: string, query?: Record<string, string>): Promise<T>;
  /** Acting as the council's account; `raw` returns the answer unmapped for callers that inspect refusals. */
  act<T>(method: string, path: string, json?: unknown): Promise<T>;
  actRaw(method: string, path: string, json?: unknown): Promise<JsonAnswer>;
  readonly canAct: boolean;
}

export interface XClientOptions {
  readonly apiUrl: string;
  readonly bearerToken: string | null;
  readonly user: XUserCredentials | null;
  readonly clock: Clock;
  readonly fetch?: Fetch;
}

export function createXClient(o: XClientOptions): XClient {
  const fetchFn = o.fetch ?? fetch;
  const url = (path: string, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    return `${o.apiUrl}${path}${qs ? `?${qs}` : ''}`;
  };
  const userAuth = (method: string, u: string) => {
    if (!o.user) throw new Error('X user credentials are not configured');
    return oauth1Header(method, u, o.user, {}, { timestamp: Math.floor(o.clock.now().getTime() / 1000) });
  };

  async function actRaw(method: string, path: string, json?: unknown): Promise<JsonAnswer> {
    const u = url(path);
    return callJson(fetchFn, u, { method, json, headers: { authorization: userAuth(method, u) } });
  }

  async function get<T>(path: string, query: Record<string, string> | undefined, asUser: boolean): Promise<T> {
    const u = url(path, query);
    const authorization = o.bearerToken && !asUser ? `Bearer ${o.bearerToken}` : userAuth('GET', u);
    const answer = await callJson(fetchFn, u, { method: 'GET', headers: { authorization } });
    if (answer.status >= 200 && answer.status < 300) return answer.body as T;
    throw mapXError(answer, o.clock.now());
  }

  return {
    canAct: !!o.user,
    read: <T>(path: string, query?: Record<string, string>) => get<T>(path, query, false),
    readAsUser: <T>(path: string, query?: Record<string, string>) => get<T>(path, query, true),
    actRaw,
    async act<T>(method: string, path: string, json?: unknown): Promise<T> {
      const answer = await actRaw(method, path, json);
      if (answer.status >= 200 && answer.status < 300) return answer.body as T;
      throw mapXError(answer, o.clock.now());
    },
  };
}
