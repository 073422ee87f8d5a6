// Web API failures in the outbox's terms: when to wait, when to stop (and what to fix), when to retry.
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { certainlyNotSent, mapSlackError } from '../../../../src/adapters/slack/map-slack-error.js';
import { PermanentError, RateLimitError } from '../../../../src/services/errors.js';

const platform = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

describe('mapSlackError', () => {
  it('turns a 429 into a RateLimitError with Retry-After in milliseconds', () => {
    const e = mapSlackError(Object.assign(new Error('limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 2 }));
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(2000);
  });

  it.each(['channel_not_found', 'not_in_channel', 'invalid_auth', 'account_inactive'])('makes %s permanent, with a hint', (code) => {
    const e = mapSlackError(platform(code));
    expect(e).toBeInstanceOf(PermanentError);
    expect((e as PermanentError).message).toBe(`Slack refused: ${code}`);
    expect((e as PermanentError).hint).toBeTruthy();
  });

  it('leaves 5xx, network errors and unknown Slack errors to be retried', () => {
    for (const e of [Object.assign(new Error('500'), { code: webApi.ErrorCode.HTTPError, statusCode: 500 }), Object.assign(new Error('reset'), { code: webApi.ErrorCode.RequestError }), platform('internal_error')]) {
      const mapped = mapSlackError(e);
      expect(mapped).toBe(e);
      expect(mapped).not.toBeInstanceOf(PermanentError);
    }
  });

  it('knows which failures certainly did not post', () => {
    expect(certainlyNotSent(platform('channel_not_found'))).toBe(true);
    expect(certainlyNotSent(Object.assign(new Error('limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 1 }))).toBe(true);
    expect(certainlyNotSent(Object.assign(new Error('500'), { code: webApi.ErrorCode.HTTPError, statusCode: 500 }))).toBe(false);
    expect(certainlyNotSent(new Error('timeout'))).toBe(false);
  });
});
