// Graph API failures mapped once at the edge: what is retried, what waits, what a person must fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapGraphError } from '../../../../src/adapters/networks/meta/map-graph-error.js';
import { PermanentError, RateLimitError } from '../../../../src/services/errors.js';

const errors = JSON.parse(readFileSync(new URL('../../../fixtures/networks/graph.errors.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const now = new Date('2026-03-27T15:00:00Z');
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers: new Headers(headers) });

describe('mapGraphError', () => {
  it('makes rate-limit codes and 429 a RateLimitError, honouring Retry-After and the business-use-case header', () => {
    const byCode = mapGraphError(answer(400, errors['rateLimited']), 'Facebook', now);
    expect(byCode).toBeInstanceOf(RateLimitError);
    expect((byCode as RateLimitError).retryAfterMs).toBe(60_000);
    expect((mapGraphError(answer(429, {}, { 'retry-after': '30' }), 'Facebook', now) as RateLimitError).retryAfterMs).toBe(30_000);
    const buc = { 'x-business-use-case-usage': JSON.stringify({ '100000000000001': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }] }) };
    expect((mapGraphError(answer(400, { error: { code: 80001, message: 'too many calls' } }, buc), 'Facebook', now) as RateLimitError).retryAfterMs).toBe(7 * 60_000);
  });

  it('says a deleted comment is gone, for good', () => {
    const e = mapGraphError(answer(400, errors['deleted']), 'Facebook', now);
    expect(e).toBeInstanceOf(PermanentError);
    expect((e as PermanentError).hint).toBe('The comment was deleted on Facebook (or is no longer visible to the page): nothing to do there; close the case.');
  });

  it('tells people to renew an expired page token', () => {
    const e = mapGraphError(answer(400, errors['tokenExpired']), 'Facebook', now) as PermanentError;
    expect(e).toBeInstanceOf(PermanentError);
    expect(e.hint).toMatch(/generate a new one and set META_PAGE_TOKEN/);
  });

  it('names the permissions when the page may not do it, and the 24-hour window for Messenger', () => {
    expect((mapGraphError(answer(403, errors['permission']), 'Instagram', now) as PermanentError).hint).toMatch(/instagram_manage_comments/);
    expect((mapGraphError(answer(400, errors['outsideWindow']), 'Facebook', now) as PermanentError).hint).toMatch(/24 hours/);
  });

  it('retries server errors and unknown or transient ones', () => {
    for (const e of [mapGraphError(answer(500, errors['unknown']), 'Facebook', now), mapGraphError(answer(502, 'Bad Gateway'), 'Facebook', now), mapGraphError(answer(400, { error: { code: 2, message: 'Service temporarily unavailable', is_transient: true } }), 'Facebook', now)]) {
      expect(e).not.toBeInstanceOf(PermanentError);
      expect(e).not.toBeInstanceOf(RateLimitError);
    }
  });
});
