// The Slack request guard's verdicts on whole bodies: what passes to Bolt, what it answers itself, and what it
// refuses naming the field (the per-field table over HTTP is in test/e2e/slack-hostile-requests.test.ts).
import { describe, expect, it } from 'vitest';
import { checkSlackBody } from '../../../../src/adapters/slack/slack-request-guard.js';
import { encodeShape, SLACK_SHAPES } from '../../../helpers/slack-request-shapes.js';
import { FORM, JSON_TYPE } from '../../../helpers/slack-signing.js';

const shape = (kind: string) => SLACK_SHAPES.find((s) => s.kind.startsWith(kind))!;
const verdict = (kind: string, change: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b) => {
  const s = shape(kind);
  const { body, contentType } = encodeShape(s, change(s.build()));
  return checkSlackBody(body, contentType);
};
const refusedAt = (field: string) => expect.objectContaining({ kind: 'refuse', field });

describe('checkSlackBody', () => {
  it.each(['block_actions (button)', 'block_actions (select)', 'view_submission', 'slash command', 'event_callback', 'url_verification'])('passes a valid %s to Bolt', (kind) => {
    expect(verdict(kind)).toEqual({ kind: 'pass' });
  });

  it("passes Slack's certificate check to Bolt, which answers it", () => {
    expect(checkSlackBody('ssl_check=1&token=abc', FORM)).toEqual({ kind: 'pass' });
  });

  it.each([
    ['block_suggestion', { options: [] }],
    ['view_closed', null],
    ['shortcut', null],
    ['message_action', null],
  ])('answers a valid %s itself (the desk has no listener for it)', (kind, body) => {
    expect(verdict(kind)).toEqual({ kind: 'answer', body });
  });

  it('acknowledges an event the desk does not subscribe to, and refuses a malformed one', () => {
    expect(verdict('event_callback', (b) => ({ ...b, event: { type: 'reaction_added', item: 'x' } }))).toEqual({ kind: 'answer', body: null });
    expect(verdict('event_callback', (b) => ({ ...b, event: { ...(b['event'] as object), item: 'x' } }))).toEqual(refusedAt('event'));
    expect(checkSlackBody(JSON.stringify({ type: 'app_rate_limited', team_id: 'T0000DESK', minute_rate_limited: 1518467820 }), JSON_TYPE)).toEqual({ kind: 'answer', body: null });
  });

  it.each(['__proto__', 'constructor', 'interactive_message', 'dialog_submission', 'toString'])('refuses an interactive payload of type %s', (type) => {
    expect(verdict('block_actions', (b) => ({ ...b, type }))).toEqual(refusedAt('type'));
  });

  it('refuses the keys that would make Bolt route a payload as another kind', () => {
    expect(verdict('block_actions', (b) => ({ ...b, name: 'x' }))).toEqual(refusedAt('name'));
    expect(verdict('view_submission', (b) => ({ ...b, actions: [] }))).toEqual(refusedAt('actions'));
    expect(verdict('block_actions', (b) => ({ ...b, event: null }))).toEqual(refusedAt('type'));
    expect(verdict('slash command', (b) => ({ ...b, event: 'x' }))).toEqual(refusedAt('type'));
    expect(verdict('block_actions', (b) => ({ ...b, function_data: { execution_id: 'Fx1' }, bot_access_token: 'xwfp-1' }))).toEqual(refusedAt('function_data'));
    expect(verdict('view_submission', (b) => ({ ...b, response_urls: [null] }))).toEqual(refusedAt('response_urls.0'));
  });

  it('refuses a "__proto__" key anywhere, even where the schema does not look', () => {
    const body = `payload=${encodeURIComponent('{"type":"block_actions","message":{"blocks":[{"__proto__":{"x":1}}]}}')}`;
    expect(checkSlackBody(body, FORM)).toEqual(refusedAt('message.blocks.0.__proto__'));
  });

  it('refuses a body nested deeper than Slack sends, without overflowing the stack', () => {
    const deep = `{"type":"block_actions","message":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(checkSlackBody(deep, JSON_TYPE)).toEqual(expect.objectContaining({ kind: 'refuse', message: expect.stringMatching(/nested more than 64 levels/) }));
  });

  it('parses a form as Bolt does: a repeated field is a list, and refused', () => {
    const body = new URLSearchParams([['payload', JSON.stringify(shape('block_actions').build())], ['payload', '{}']]).toString();
    expect(checkSlackBody(body, FORM)).toEqual(refusedAt('type'));
    expect(checkSlackBody('command=%2Fdesk&user_id=U0ANA&team_id=T0000DESK&channel_id=C0DESK&text=a&text=b', FORM)).toEqual(refusedAt('text'));
  });

  it('refuses text PostgreSQL cannot store, naming the field', () => {
    expect(verdict('view_submission', (b) => {
      const view = b['view'] as { state: { values: { reply: Record<string, { value: string }> } } };
      view.state.values.reply['reply.text']!.value = 'a\u0000b';
      return b;
    })).toEqual(refusedAt('view.state.values.reply.reply.text.value'));
  });
});

describe('checkSlackBody on a long key', () => {
  it('names at most 200 characters of the path', () => {
    const key = 'k'.repeat(50_000);
    const refused = verdict('view_submission', (b) => {
      (b['view'] as { state: { values: unknown } }).state.values = { [key]: {} };
      return b;
    });
    expect(refused).toEqual(refusedAt(`view.state.values.${'k'.repeat(200 - 'view.state.values.'.length)}…`));
  });
});
