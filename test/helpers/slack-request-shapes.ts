// Owns the valid shape of every kind of Slack request the desk takes over HTTP, the fields the guard's schemas
// type in each, and hostile values for those fields: shared by the hostile-request table tests and the fuzz.
import { stringify } from 'node:querystring';
import clickFixture from '../fixtures/slack/block_actions.button.json' with { type: 'json' };
import selectFixture from '../fixtures/slack/block_actions.static_select.json' with { type: 'json' };
import homeFixture from '../fixtures/slack/event_callback.app_home_opened.json' with { type: 'json' };
import slashFixture from '../fixtures/slack/slash_command.desk.json' with { type: 'json' };
import verificationFixture from '../fixtures/slack/url_verification.json' with { type: 'json' };
import submitFixture from '../fixtures/slack/view_submission.json' with { type: 'json' };
import { FORM, JSON_TYPE } from './slack-signing.js';

type Json = Record<string, unknown>;
export type FieldPath = ReadonlyArray<string | number>;

/**
 * How a field is typed, which decides which hostile values must be refused: an id or key refuses them all; text
 * takes "" and "__proto__" (they are words, not ids); a nullable field takes null; an object with required fields
 * refuses {} (naming the inner field).
 */
export type FieldKind = 'id' | 'nullable-id' | 'key' | 'text' | 'nullable-text' | 'object' | 'nullable-object' | 'optional-object' | 'array' | 'non-empty-array' | 'ts' | 'url' | 'flag' | 'number' | 'literal';

export interface TypedField {
  readonly path: FieldPath;
  readonly kind: FieldKind;
}

export interface SlackShape {
  readonly kind: string;
  /** How Slack sends it: interactivity as a form whose `payload` holds JSON, commands as a form, events as JSON. */
  readonly encoding: 'payload' | 'form' | 'json';
  readonly build: () => Json;
  readonly fields: readonly TypedField[];
}

const HUGE = 'x'.repeat(100_000);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The hostile values of the brief: null, a number, an array, an object, "__proto__", empty, a 100 KB string. */
export const HOSTILE_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null], ['a number', 42], ['an array', ['x', 'y']], ['an object', { nested: { deeper: [1] } }], ['"__proto__"', '__proto__'], ['empty', ''], ['a 100 KB string', HUGE],
];

/** Which hostile values a field of this kind must refuse (the others are values it may validly hold). */
export function refusedValues(kind: FieldKind): ReadonlyArray<readonly [string, unknown]> {
  const but = (...allowed: string[]) => HOSTILE_VALUES.filter(([name]) => !allowed.includes(name));
  switch (kind) {
    case 'nullable-id': return but('null');
    case 'text': return but('"__proto__"', 'empty');
    case 'nullable-text': return but('null', '"__proto__"', 'empty');
    case 'nullable-object': return but('null');
    case 'number': return but('a number');
    case 'optional-object': return but('an object');
    case 'array': return but('an array');
    case 'non-empty-array': return but('an array').concat([['an empty array', []]]);
    default: return HOSTILE_VALUES;
  }
}

const interactiveFields: readonly TypedField[] = [
  { path: ['type'], kind: 'literal' },
  { path: ['user'], kind: 'object' },
  { path: ['user', 'id'], kind: 'id' },
  { path: ['user', 'team_id'], kind: 'id' },
  { path: ['user', 'name'], kind: 'text' },
  { path: ['team'], kind: 'nullable-object' },
  { path: ['team', 'id'], kind: 'id' },
  { path: ['api_app_id'], kind: 'id' },
  { path: ['trigger_id'], kind: 'text' },
];

const teamAndUser = { team: { id: 'T0000DESK', domain: 'mention-desk-test' }, user: { id: 'U0ANA', username: 'ana.k', name: 'ana.k', team_id: 'T0000DESK' }, api_app_id: 'A0000DESK', token: 'fakeVerificationToken0000' };
const trigger = '1714000100123.1714000000.fakefakefakefakefakefakefake0009';

export const SLACK_SHAPES: readonly SlackShape[] = [
  {
    kind: 'block_actions (button)',
    encoding: 'payload',
    build: () => structuredClone(clickFixture) as Json,
    fields: [
      ...interactiveFields,
      { path: ['enterprise'], kind: 'nullable-object' },
      { path: ['channel'], kind: 'object' },
      { path: ['channel', 'id'], kind: 'id' },
      { path: ['container'], kind: 'optional-object' },
      { path: ['container', 'channel_id'], kind: 'id' },
      { path: ['response_url'], kind: 'url' },
      { path: ['is_enterprise_install'], kind: 'flag' },
      { path: ['actions'], kind: 'non-empty-array' },
      { path: ['actions', 0], kind: 'object' },
      { path: ['actions', 0, 'action_id'], kind: 'key' },
      { path: ['actions', 0, 'value'], kind: 'text' },
      { path: ['actions', 0, 'action_ts'], kind: 'ts' },
    ],
  },
  { kind: 'block_actions (select)', encoding: 'payload', build: () => structuredClone(selectFixture) as Json, fields: [{ path: ['actions', 0, 'selected_option'], kind: 'nullable-object' }] },
  {
    kind: 'view_submission',
    encoding: 'payload',
    build: () => structuredClone(submitFixture) as Json,
    fields: [
      ...interactiveFields,
      { path: ['view'], kind: 'object' },
      { path: ['view', 'id'], kind: 'id' },
      { path: ['view', 'team_id'], kind: 'id' },
      { path: ['view', 'app_installed_team_id'], kind: 'id' },
      { path: ['view', 'callback_id'], kind: 'key' },
      { path: ['view', 'private_metadata'], kind: 'text' },
      { path: ['view', 'blocks'], kind: 'array' },
      { path: ['view', 'blocks', 0, 'block_id'], kind: 'key' },
      { path: ['view', 'state'], kind: 'object' },
      { path: ['view', 'state', 'values'], kind: 'optional-object' },
      { path: ['view', 'state', 'values', 'reply'], kind: 'optional-object' },
      { path: ['view', 'state', 'values', 'reply', 'reply.text', 'value'], kind: 'nullable-text' },
      { path: ['response_urls'], kind: 'array' },
    ],
  },
  {
    kind: 'view_closed',
    encoding: 'payload',
    build: () => ({ type: 'view_closed', ...structuredClone(teamAndUser), view: { id: 'V0FAKE0001', team_id: 'T0000DESK', app_installed_team_id: 'T0000DESK' }, is_cleared: false }),
    fields: [...interactiveFields, { path: ['view'], kind: 'optional-object' }, { path: ['view', 'app_installed_team_id'], kind: 'id' }, { path: ['is_cleared'], kind: 'flag' }],
  },
  {
    kind: 'block_suggestion',
    encoding: 'payload',
    build: () => ({ type: 'block_suggestion', ...structuredClone(teamAndUser), action_id: 'case.assign', block_id: 'case-assign', value: 'an' }),
    fields: [...interactiveFields, { path: ['action_id'], kind: 'key' }, { path: ['block_id'], kind: 'key' }, { path: ['value'], kind: 'text' }],
  },
  {
    kind: 'shortcut',
    encoding: 'payload',
    build: () => ({ type: 'shortcut', ...structuredClone(teamAndUser), callback_id: 'desk.open', trigger_id: trigger, action_ts: '1714000100.123456' }),
    fields: [...interactiveFields, { path: ['callback_id'], kind: 'key' }],
  },
  {
    kind: 'message_action',
    encoding: 'payload',
    build: () => ({
      type: 'message_action', ...structuredClone(teamAndUser), callback_id: 'desk.flag', trigger_id: trigger, channel: { id: 'C0DESK', name: 'comms-desk' },
      message: { type: 'message', ts: '1714000001.000001', text: 'hello' }, response_url: 'https://hooks.slack.com/app/T0000DESK/1/x',
    }),
    fields: [...interactiveFields, { path: ['callback_id'], kind: 'key' }, { path: ['channel'], kind: 'object' }, { path: ['channel', 'id'], kind: 'id' }, { path: ['message', 'ts'], kind: 'ts' }],
  },
  {
    kind: 'slash command',
    encoding: 'form',
    build: () => ({ ...slashFixture }),
    fields: [
      { path: ['command'], kind: 'key' },
      { path: ['text'], kind: 'text' },
      { path: ['user_id'], kind: 'id' },
      { path: ['user_name'], kind: 'text' },
      { path: ['team_id'], kind: 'id' },
      { path: ['channel_id'], kind: 'id' },
      { path: ['api_app_id'], kind: 'id' },
      { path: ['response_url'], kind: 'url' },
      { path: ['trigger_id'], kind: 'text' },
      { path: ['is_enterprise_install'], kind: 'literal' },
    ],
  },
  {
    kind: 'event_callback (app_home_opened)',
    encoding: 'json',
    build: () => structuredClone(homeFixture) as Json,
    fields: [
      { path: ['type'], kind: 'literal' },
      { path: ['team_id'], kind: 'id' },
      { path: ['context_team_id'], kind: 'nullable-id' },
      { path: ['context_enterprise_id'], kind: 'nullable-id' },
      { path: ['api_app_id'], kind: 'id' },
      { path: ['event_time'], kind: 'number' },
      { path: ['authorizations'], kind: 'array' },
      { path: ['authorizations', 0, 'team_id'], kind: 'nullable-id' },
      { path: ['authorizations', 0, 'enterprise_id'], kind: 'nullable-id' },
      { path: ['authorizations', 0, 'is_enterprise_install'], kind: 'flag' },
      { path: ['event'], kind: 'object' },
      { path: ['event', 'type'], kind: 'text' },
      { path: ['event', 'user'], kind: 'id' },
      { path: ['event', 'channel'], kind: 'id' },
      { path: ['event', 'tab'], kind: 'literal' },
      { path: ['event', 'event_ts'], kind: 'ts' },
    ],
  },
  {
    kind: 'url_verification',
    encoding: 'json',
    build: () => ({ ...verificationFixture }),
    fields: [{ path: ['challenge'], kind: 'text' }],
  },
];

/** A copy of `body` with the field at `path` set to `value`. */
export function withField(body: Json, path: FieldPath, value: unknown): Json {
  const copy = structuredClone(body);
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]!] = value;
  return copy;
}

/**
 * The body and content type as Slack would send `body` for this shape. A form can carry only text (a list is a
 * repeated field), so a command holding anything else goes as JSON, which Bolt parses just as well.
 */
export function encodeShape(shape: Pick<SlackShape, 'encoding'>, body: Json): { body: string; contentType: string } {
  if (shape.encoding === 'payload') return { body: new URLSearchParams({ payload: JSON.stringify(body) }).toString(), contentType: FORM };
  // A lone surrogate cannot be percent-encoded (querystring throws), so such text goes as JSON too.
  const text = (v: unknown) => typeof v === 'string' && !LONE_SURROGATE.test(v);
  const formable = shape.encoding === 'form' && Object.values(body).every((v) => text(v) || (Array.isArray(v) && v.every(text)));
  return formable ? { body: stringify(body as Record<string, string | string[]>), contentType: FORM } : { body: JSON.stringify(body), contentType: JSON_TYPE };
}

/** The field the guard must name: the path itself, or a field inside it (an object missing its id names the id). */
export function namesField(reported: unknown, path: FieldPath): boolean {
  const want = path.join('.');
  return typeof reported === 'string' && (reported === want || reported.startsWith(`${want}.`));
}
