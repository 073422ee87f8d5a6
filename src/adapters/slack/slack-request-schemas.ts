// Owns the shapes of every Slack request the desk takes over HTTP, field by field as Bolt (App.processEvent,
// getTypeAndConversation, buildSource, the receiver's ssl_check and url_verification answers, the built-in
// middleware) and our listeners read them. Bolt trusts what it reads: an id that is not text, or is "__proto__",
// is used as a key and throws; a `channel: null` is read as an object; an `event`, `command`, `name` or `actions`
// key where the kind has none sends the request down another path. So each kind names what it may carry, and what
// would re-route it must be absent.
import { z } from 'zod';
import { storableText } from '../../domain/storable-text.js';

/** Slack's ids are upper-case letters and digits (T0123ABCD, U…, C…, V…); "__proto__" and "constructor" are not. */
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/, 'must be a Slack id (upper-case letters and digits, such as T0123ABCD)');
/** A key our code turns into an object key (block and action ids of a form's state). */
const safeKey = storableText(255)
  .min(1, 'must not be empty')
  .refine((k) => !['__proto__', 'constructor', 'prototype'].includes(k), 'must not be "__proto__", "constructor" or "prototype"');
const name = storableText(255);
const token = storableText(255);
const url = storableText(2000).regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');
const timestamp = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a Slack timestamp such as 1714000001.000100');
const absent = z.never({ error: 'must not be present in this kind of request' }).optional();
const flag = z.boolean({ error: 'must be true or false' });

const team = z.object({ id: slackId, domain: name.optional(), enterprise_id: slackId.optional(), enterprise_name: name.optional() });
const enterprise = z.object({ id: slackId, name: name.optional() });
const user = z.object({ id: slackId, team_id: slackId.optional(), name: name.optional(), username: name.optional() });
/** Bolt reads `channel.id` whenever a channel is there, so it is an object or absent, never null. */
const channel = z.object({ id: slackId, name: name.optional() });

/** What every interactive payload carries, and the keys that would make Bolt route it as some other kind. */
const interactive = {
  user,
  team: team.nullable().optional(),
  enterprise: enterprise.nullable().optional(),
  api_app_id: slackId.optional(),
  token: token.optional(),
  trigger_id: token.optional(),
  is_enterprise_install: flag.optional(),
  response_url: url.optional(),
  channel: channel.optional(),
  // Bolt reads the first one's response_url whenever the list is not empty.
  response_urls: z.array(z.object({ response_url: url })).max(10).optional(),
  event: absent,
  command: absent,
  name: absent,
  // Custom-function payloads swap Bolt's token for the one they carry; the desk defines no functions.
  function_data: absent,
  bot_access_token: absent,
};

const stateValue = z.object({
  type: name.optional(),
  value: storableText(3000).nullable().optional(),
  selected_option: z.object({ value: storableText(2000) }).nullable().optional(),
  selected_options: z.array(z.object({ value: storableText(2000) })).max(100).optional(),
});

const view = z.object({
  id: slackId,
  team_id: slackId.optional(),
  app_installed_team_id: slackId.optional(),
  type: name.optional(),
  callback_id: safeKey,
  private_metadata: storableText(3000).optional(),
  blocks: z.array(z.object({ type: name, block_id: safeKey.optional() })).max(100),
  state: z.object({ values: z.record(safeKey, z.record(safeKey, stateValue)) }),
});

/** A view the desk does not read (a click in a modal or the Home tab, a closed modal): only what Bolt reads. */
const someView = z.object({ id: slackId.optional(), team_id: slackId.optional(), app_installed_team_id: slackId.optional() });

const action = z.object({
  type: name,
  action_id: safeKey,
  block_id: safeKey.optional(),
  value: storableText(2000).optional(),
  action_ts: timestamp.optional(),
  selected_option: z.object({ value: storableText(2000) }).nullable().optional(),
});

const blockActions = z.object({
  ...interactive,
  type: z.literal('block_actions'),
  actions: z.array(action).min(1, 'must name the action').max(25),
  container: z.object({ type: name.optional(), channel_id: slackId.optional(), message_ts: timestamp.optional() }).optional(),
  view: someView.optional(),
});

const viewSubmission = z.object({
  ...interactive,
  type: z.literal('view_submission'),
  actions: absent,
  view,
});

const viewClosed = z.object({ ...interactive, type: z.literal('view_closed'), actions: absent, view: someView, is_cleared: flag.optional() });
const blockSuggestion = z.object({ ...interactive, type: z.literal('block_suggestion'), actions: absent, action_id: safeKey, block_id: safeKey, value: storableText(2000) });
const shortcut = z.object({ ...interactive, type: z.literal('shortcut'), actions: absent, callback_id: safeKey });
const messageAction = z.object({ ...interactive, type: z.literal('message_action'), actions: absent, callback_id: safeKey, message: z.object({ ts: timestamp }).optional() });

/** Interactive payloads by `type`; any other type is refused. A Map, so that "__proto__" or "constructor" finds nothing. */
export const INTERACTIVE_SCHEMAS = new Map<string, z.ZodType>([
  ['block_actions', blockActions],
  ['view_submission', viewSubmission],
  ['view_closed', viewClosed],
  ['block_suggestion', blockSuggestion],
  ['shortcut', shortcut],
  ['message_action', messageAction],
]);

/** A slash command's form fields (strings; a repeated field arrives as a list and is refused by the catch-all). */
export const slashCommandSchema = z
  .object({
    command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'must be a slash command such as /desk'),
    text: storableText(4000).optional(),
    user_id: slackId,
    user_name: name.optional(),
    team_id: slackId,
    team_domain: name.optional(),
    enterprise_id: slackId.optional(),
    enterprise_name: name.optional(),
    channel_id: slackId,
    channel_name: name.optional(),
    api_app_id: slackId.optional(),
    response_url: url.optional(),
    trigger_id: token.optional(),
    token: token.optional(),
    is_enterprise_install: z.enum(['true', 'false']).optional(),
    // Bolt routes anything with an `event` as an event before it looks at `command`.
    event: absent,
  })
  .catchall(storableText(2000));

/** The one event the desk subscribes to (manifests/slack/manifest.yml); nothing else may ride along, Bolt reads it all. */
const appHomeOpened = z.strictObject({
  type: z.literal('app_home_opened'),
  user: slackId,
  channel: slackId,
  tab: z.enum(['home', 'messages', 'about']),
  event_ts: timestamp,
  view: z.object({ id: slackId.optional() }).optional(),
});

const authorization = z.object({
  team_id: slackId.nullable().optional(),
  enterprise_id: slackId.nullable().optional(),
  user_id: slackId.optional(),
  is_bot: flag.optional(),
  is_enterprise_install: flag.optional(),
});

/** The Events API envelope; `event` is checked on its own, by its type. */
export const eventEnvelopeSchema = z.object({
  type: z.literal('event_callback'),
  token: token.optional(),
  team_id: slackId.optional(),
  enterprise_id: slackId.nullable().optional(),
  context_team_id: slackId.nullable().optional(),
  context_enterprise_id: slackId.nullable().optional(),
  api_app_id: slackId.optional(),
  event_id: storableText(255).optional(),
  event_time: z.number().int().nonnegative().max(1e11).optional(),
  authorizations: z.array(authorization).max(10).optional(),
  is_ext_shared_channel: flag.optional(),
  event_context: storableText(1000).optional(),
  event: z.object({ type: storableText(255).min(1, 'must name the event type') }),
  response_url: absent,
  response_urls: absent,
  function_data: absent,
  bot_access_token: absent,
});

export const EVENT_SCHEMAS = new Map<string, z.ZodType>([['app_home_opened', appHomeOpened]]);

/** The Request URL handshake and Slack's certificate check, both answered by Bolt's receiver from these fields. */
export const urlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: storableText(500).min(1), token: token.optional() });
export const sslCheckSchema = z.object({ ssl_check: z.literal('1'), token: token.optional() });
/** Slack tells an app its events are being dropped; nothing to do but acknowledge. */
export const appRateLimitedSchema = z.object({ type: z.literal('app_rate_limited'), token: token.optional(), team_id: slackId.optional(), minute_rate_limited: z.number().int().nonnegative().optional(), api_app_id: slackId.optional() });
