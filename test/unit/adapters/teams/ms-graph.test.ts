// Unit tests for mapping Microsoft Graph's answers to the desk's errors (the outbox decides retries from them).
import { describe, expect, it } from 'vitest';
import { GraphRefusal, mapGraphError } from '../../../../src/adapters/teams/ms-graph.js';
import { DeskError, RateLimitError } from '../../../../src/services/errors.js';

const axiosError = (status: number | undefined, data: unknown = {}, headers: Record<string, string> = {}) => ({
  isAxiosError: true,
  code: status === undefined ? 'ECONNREFUSED' : 'ERR_BAD_RESPONSE',
  config: { headers: { Authorization: 'Bearer secret-graph-token' } },
  response: status === undefined ? undefined : { status, headers, data },
});

describe('mapGraphError', () => {
  it('turns a 429 into a rate limit that waits its Retry-After', () => {
    const e = mapGraphError(axiosError(429, { error: { code: 'TooManyRequests', message: 'Too many requests.' } }, { 'retry-after': '7' }), 'installing the app for a user');
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(7_000);
  });

  it('turns a 403 into a refusal naming Graph\'s code and message, with how to grant the permission', () => {
    const e = mapGraphError(axiosError(403, { error: { code: 'Forbidden', message: "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All'." } }), "listing a user's installed apps");
    expect(e).toBeInstanceOf(GraphRefusal);
    expect(e.message).toBe("Microsoft Graph answered 403 Forbidden to listing a user's installed apps: Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All'.");
    expect((e as GraphRefusal).hint).toContain('Reaching everyone');
  });

  it('leaves a 5xx or no answer retryable, and never carries the token', () => {
    for (const raw of [axiosError(503), axiosError(undefined)]) {
      const e = mapGraphError(raw, 'reading an installation\'s chat');
      expect(e).toBeInstanceOf(DeskError);
      expect(e).not.toBeInstanceOf(GraphRefusal);
      expect(JSON.stringify({ ...e, message: e.message })).not.toContain('secret-graph-token');
    }
  });
});
