// Owns signing and shaping request bodies exactly as Slack sends them to a Request URL.
// https://docs.slack.dev/authentication/verifying-requests-from-slack
import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SlackSignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

export interface SlackRequestBody {
  body: string;
  contentType: typeof FORM | typeof JSON_TYPE;
}

/** `v0=` + hex HMAC-SHA256(secret, `v0:${ts}:${rawBody}`); the timestamp defaults to now. */
export function signSlackRequest(
  secret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSeconds), 'x-slack-signature': `v0=${digest}` };
}

/** Interactivity (block_actions, view_submission, …): a form with one field, `payload`, holding JSON. */
export function interactivityBody(payload: object): SlackRequestBody {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
}

/** Slash commands: the command's fields as a plain form. */
export function slashCommandBody(fields: Record<string, string>): SlackRequestBody {
  return { body: new URLSearchParams(fields).toString(), contentType: FORM };
}

/** Events API (event_callback, url_verification): raw JSON. */
export function eventBody(envelope: object): SlackRequestBody {
  return { body: JSON.stringify(envelope), contentType: JSON_TYPE };
}

export interface PostSignedOptions {
  /** Path joined to baseUrl; default '/slack/events'. */
  path?: string;
  timestampSeconds?: number;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
  /** Extra headers, e.g. { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }. */
  headers?: Record<string, string>;
}

/**
 * POSTs `body` signed with `secret`. The content type is sent exactly as given: Bolt compares it to
 * 'application/x-www-form-urlencoded' with ===, so a `; charset=…` suffix would make it parse JSON.
 */
export function postSignedToSlack(
  baseUrl: string,
  secret: string,
  body: string,
  contentType: string,
  options: PostSignedOptions = {},
): Promise<Response> {
  const signed = signSlackRequest(secret, body, options.timestampSeconds);
  const headers: Record<string, string> = {
    'content-type': contentType,
    ...signed,
    ...(options.signature !== undefined ? { 'x-slack-signature': options.signature } : {}),
    ...options.headers,
  };
  return fetch(new URL(options.path ?? '/slack/events', baseUrl), { method: 'POST', headers, body });
}
