// Owns building Slack request payloads (block_actions, view_submission, slash command, app_home_opened) in the
// shapes Slack documents (see test/fixtures/slack/README.md), from the cards and modals the desk actually sent.
import clickFixture from '../fixtures/slack/block_actions.button.json' with { type: 'json' };
import homeFixture from '../fixtures/slack/event_callback.app_home_opened.json' with { type: 'json' };
import slashFixture from '../fixtures/slack/slash_command.desk.json' with { type: 'json' };
import submitFixture from '../fixtures/slack/view_submission.json' with { type: 'json' };
import type { SlackBody } from './fake-slack-api.js';

export interface SlackPerson {
  readonly id: string;
  readonly username: string;
}

let counter = 0;
const triggerId = () => `${1_714_000_100_000 + ++counter}.1714000000.fake${String(counter).padStart(24, '0')}`;

export interface ButtonElement {
  type: 'button';
  action_id: string;
  value: string;
  text: { type: 'plain_text'; text: string; emoji?: boolean };
  style?: string;
}

/** Every button in a message's blocks, with the block it sits in. */
export function buttonsIn(blocks: readonly SlackBody[]): Array<{ blockId: string; button: ButtonElement }> {
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => ((b.elements as ButtonElement[]) ?? []).map((button) => ({ blockId: String(b.block_id), button })));
}

export function blockActionsPayload(a: { user: SlackPerson; channel: string; message: SlackBody; blockId: string; button: ButtonElement }): SlackBody {
  return {
    ...structuredClone(clickFixture),
    user: { id: a.user.id, username: a.user.username, name: a.user.username, team_id: 'T0000DESK' },
    container: { type: 'message', message_ts: a.message.ts, channel_id: a.channel, is_ephemeral: false },
    trigger_id: triggerId(),
    channel: { id: a.channel, name: a.channel.toLowerCase() },
    message: a.message,
    actions: [{ ...a.button, block_id: a.blockId, action_ts: `${Math.floor(Date.now() / 1000)}.000100` }],
  };
}

type Values = Readonly<Record<string, string | undefined>>;

/** A submission of a view the desk opened, with `values` keyed by block id (= field id). */
export function viewSubmissionPayload(a: { user: SlackPerson; view: SlackBody; values: Values }): SlackBody {
  const blocks = (a.view.blocks as SlackBody[]) ?? [];
  const state: Record<string, Record<string, SlackBody>> = {};
  for (const b of blocks.filter((x) => x.type === 'input')) {
    const element = b.element as SlackBody;
    const value = a.values[String(b.block_id)];
    state[String(b.block_id)] = {
      [String(element.action_id)]: element.type === 'static_select'
        ? { type: 'static_select', selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value, emoji: true }, value } }
        : element.type === 'checkboxes'
          // Checkboxes: `values` names the ticked options' values, comma-separated.
          ? { type: 'checkboxes', selected_options: (value ?? '').split(',').filter(Boolean).map((v) => ({ text: { type: 'plain_text', text: v, emoji: true }, value: v })) }
          : { type: 'plain_text_input', value: value ?? null },
    };
  }
  return {
    ...structuredClone(submitFixture),
    user: { id: a.user.id, username: a.user.username, name: a.user.username, team_id: 'T0000DESK' },
    trigger_id: triggerId(),
    view: { ...structuredClone(submitFixture.view), ...a.view, id: 'V0FAKE0001', state: { values: state } },
  };
}

export function slashCommandFields(user: SlackPerson, channel: string, text: string, responseUrl: string): Record<string, string> {
  return { ...slashFixture, user_id: user.id, user_name: user.username, channel_id: channel, text, response_url: responseUrl, trigger_id: triggerId() };
}

export function appHomeOpenedEnvelope(user: SlackPerson): SlackBody {
  const envelope = structuredClone(homeFixture) as SlackBody;
  envelope.event = { ...(homeFixture.event as SlackBody), user: user.id, channel: `D${user.id.slice(1)}` };
  envelope.event_id = `Ev0FAKE${String(++counter).padStart(4, '0')}`;
  return envelope;
}
