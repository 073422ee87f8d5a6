// Owns turning an X API v2 failure into the desk's errors: rate limit (x-rate-limit-reset), permanent, or retry.
import { PermanentError, RateLimitError } from '../../../services/errors.js';
import { retryAfterMs, type JsonAnswer } from '../shared/call-json.js';

interface XProblem { title?: string; detail?: string; type?: string; status?: number; message?: string }

export function xProblemText(answer: JsonAnswer): string {
  const b = (answer.body ?? {}) as XProblem & { errors?: XProblem[] };
  const first = b.errors?.[0];
  return b.detail ?? b.title ?? first?.detail ?? first?.message ?? first?.title ?? (typeof answer.body === 'string' ? answer.body.slice(0, 200) : `HTTP ${answer.status}`);
}

export function isDuplicateContent(answer: JsonAnswer): boolean {
  return answer.status === 403 && /duplicate content/i.test(xProblemText(answer));
}

export function mapXError(answer: JsonAnswer, now: Date): Error {
  const detail = `X said: ${xProblemText(answer)} (HTTP ${answer.status})`;
  if (answer.status === 429) return new RateLimitError(rateLimitResetMs(answer.headers, now), `rate limited. ${detail}`);
  if (answer.status >= 500) return new Error(`temporary failure. ${detail}`);
  if (answer.status === 401) {
    return new PermanentError(`X refused the credentials. ${detail}`, 'Check X_BEARER_TOKEN, or regenerate the access token and secret (X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET) with read and write permission.');
  }
  if (answer.status === 404 || /not found|could not find|deleted/i.test(detail)) {
    return new PermanentError(`It is gone. ${detail}`, 'The post was deleted on X (or its author went private): nothing to do there; close the case.');
  }
  if (answer.status === 403) {
    return new PermanentError(`X refused this. ${detail}`, "The app's access tier or permissions do not allow it, or X forbids it for this post (hiding works only on replies to the council's own posts): do it on x.com.");
  }
  return new PermanentError(`X refused the request. ${detail}`, 'Check the post on x.com from the link on the card.');
}

/** x-rate-limit-reset is the epoch second the window reopens; Retry-After is honoured when present. */
export function rateLimitResetMs(headers: Headers, now: Date): number {
  const after = retryAfterMs(headers, now);
  if (after !== null) return after;
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1_000, reset * 1000 - now.getTime());
  return 15 * 60_000;
}
