// Owns translating @slack/web-api failures into the outbox's terms: rate limit, permanent (with a fix), or retry.
import { PermanentError, RateLimitError } from '../../services/errors.js';

/** Slack errors no retry can fix, with what a council's Slack admin should do about each. */
const PERMANENT_HINTS: Readonly<Record<string, string>> = {
  channel_not_found: 'Check the channel id in the policy file (channels / services[].channel) and that the channel still exists.',
  not_in_channel: 'Invite the bot to the channel: type /invite @Mention Desk in it.',
  is_archived: 'The channel is archived: unarchive it or set another channel in the policy file.',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid: copy the Bot User OAuth Token (xoxb-…) from the app\'s OAuth & Permissions page.',
  not_authed: 'SLACK_BOT_TOKEN is missing.',
  account_inactive: 'The Slack app was uninstalled or its token revoked: reinstall the app and update SLACK_BOT_TOKEN.',
  token_revoked: 'The bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN.',
  missing_scope: 'The app lacks a permission: update it from manifests/slack/manifest.yml and reinstall.',
  restricted_action: 'A workspace setting stops the bot posting there: ask a Slack admin.',
  cannot_dm_bot: 'That person is a bot: fix their Slack id in the policy file.',
  user_not_found: 'A Slack user id in the policy file does not exist in this workspace.',
  invalid_blocks: 'The card broke a Block Kit rule: this is a Mention Desk bug; please report it with the logs.',
  msg_too_long: 'The message is too long for Slack: this is a Mention Desk bug; please report it with the logs.',
};

/** What to do about a Slack error code no retry can fix, or null when retrying may help. */
export function slackErrorHint(code: string): string | null {
  return PERMANENT_HINTS[code] ?? null;
}

interface SlackishError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
}

export function slackErrorCode(e: unknown): string | null {
  return (e as SlackishError | null)?.data?.error ?? null;
}

/**
 * True when Slack certainly did not act: it said 429, or it answered with an error. A timeout,
 * a 5xx or a dropped connection may have come after the message was posted: unknown.
 */
export function certainlyNotSent(e: unknown): boolean {
  const code = (e as SlackishError | null)?.code;
  return code === 'slack_webapi_rate_limited_error' || code === 'slack_webapi_platform_error';
}

/** No answer came back at all (our timeout, a dropped connection): the request may still land at Slack later. */
export function unanswered(e: unknown): boolean {
  // Only an HTTP status proves Slack's edge answered; anything else is treated as possibly still on its way.
  return (e as SlackishError | null)?.code !== 'slack_webapi_http_error';
}

export function mapSlackError(e: unknown): unknown {
  if (e instanceof RateLimitError || e instanceof PermanentError) return e;
  const err = e as SlackishError | null;
  if (err?.code === 'slack_webapi_rate_limited_error' && typeof err.retryAfter === 'number') {
    return new RateLimitError(err.retryAfter * 1000, `Slack rate limit: retry after ${err.retryAfter} s`, { cause: e });
  }
  const slackError = slackErrorCode(e);
  if (err?.code === 'slack_webapi_platform_error' && slackError) {
    if (slackError === 'ratelimited') return new RateLimitError(1000, 'Slack rate limit (no Retry-After)', { cause: e });
    const hint = PERMANENT_HINTS[slackError];
    if (hint) return new PermanentError(`Slack refused: ${slackError}`, hint, { cause: e });
  }
  // 5xx, timeouts, network errors and Slack's own transient errors: the outbox backs off and retries.
  return e;
}

export async function withSlackErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw mapSlackError(e);
  }
}
