// Owns one HTTP call to a network API: timeout, JSON in and out; a failure to connect becomes a plain (retried) Error.
export type Fetch = typeof fetch;

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or the raw text when the body was not JSON, or null when empty. */
  readonly body: unknown;
}

export interface CallOptions {
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly timeoutMs?: number;
}

export async function callJson(fetchFn: Fetch, url: string, o: CallOptions): Promise<JsonAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (o.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: o.method,
      headers,
      body: o.json === undefined ? undefined : JSON.stringify(o.json),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
  } catch (e) {
    // Timeouts and refused connections: the outcome is unknown, so the outbox retries (and looks first).
    throw new Error(`${o.method} ${redact(url)} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body };
}

/** Query strings may carry tokens (appsecret_proof, access_token): keep them out of messages and logs. */
export function redact(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: Date): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
