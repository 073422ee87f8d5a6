// Owns driving the Slack side of a desk started by teams-desk.ts (the parity and cross-surface tests): the
// messages the fake Slack holds, signed button clicks and modal submits, as slack-desk.ts does for Slack alone.
import type { SlackBody } from './fake-slack-api.js';
import { blockActionsPayload, buttonsIn, viewSubmissionPayload, type SlackPerson } from './slack-payloads.js';
import { interactivityBody, postSignedToSlack } from './slack-signing.js';
import { SLACK_SIGNING_SECRET, type TeamsDesk } from './teams-desk.js';
import { deskPayloadOf } from '../../src/adapters/slack/message-metadata.js';

export interface SlackDriver {
  message(channel: string, caseId: string, purpose?: string): SlackBody;
  /** Clicks a button. Bolt answers Slack first and acts after: wait for the effect before the next step. */
  click(user: SlackPerson, channel: string, caseId: string, actionId: string, purpose?: string, args?: Record<string, string>): Promise<Response>;
  /** Clicks a button that opens a modal, then submits the modal with `values`. */
  fillForm(user: SlackPerson, channel: string, caseId: string, actionId: string, values: Record<string, string>, purpose?: string): Promise<Response>;
}

export function slackDriver(t: TeamsDesk): SlackDriver {
  const fake = t.slackApi;
  if (!fake) throw new Error('start the desk with { slack: true }');
  const signed = (payload: { body: string; contentType: string }) => postSignedToSlack(t.desk.url, SLACK_SIGNING_SECRET, payload.body, payload.contentType);
  const driver: SlackDriver = {
    message(channel, caseId, purpose = 'triage') {
      const found = fake.messagesIn(channel).find((m) => deskPayloadOf(m)?.case_id === caseId && deskPayloadOf(m)?.purpose === purpose);
      if (!found) throw new Error(`no ${purpose} message for ${caseId} in ${channel}`);
      return found;
    },
    async click(user, channel, caseId, actionId, purpose = 'triage', args = {}) {
      const message = driver.message(channel, caseId, purpose);
      // Several buttons may share an action (leadership's answers): `args` picks one by what it carries.
      const carries = (value: string) => Object.entries(args).every(([k, v]) => (JSON.parse(value) as { a?: Record<string, string> }).a?.[k] === v);
      const hit = buttonsIn((message.blocks as SlackBody[]) ?? []).find((b) => b.button.action_id.replace(/#\d+$/, '') === actionId && carries(b.button.value));
      if (!hit) throw new Error(`no ${actionId} button on the ${purpose} message of ${caseId}`);
      return signed(interactivityBody(blockActionsPayload({ user, channel, message, ...hit })));
    },
    async fillForm(user, channel, caseId, actionId, values, purpose = 'triage') {
      const opened = fake.callsTo('views.open').length;
      await driver.click(user, channel, caseId, actionId, purpose);
      await fake.waitFor('views.open', () => fake.callsTo('views.open').length > opened, 5000);
      const view = fake.callsTo('views.open').at(-1)!.body.view as SlackBody;
      return signed(interactivityBody(viewSubmissionPayload({ user, view, values })));
    },
  };
  return driver;
}
