// Owns clicks on case buttons (block_actions): ack at once, then open the button's form or run the action;
// a refusal is told to the clicker alone, and nothing changes.
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { CardFormId } from '../../cards/card-model.js';
import type { Actor } from '../../domain/actor.js';
import { refusalBeforeForm } from '../../services/actions-for-person.js';
import { handleCardAction } from '../../services/handle-card-action.js';
import { buildFormView } from './build-form-view.js';
import { CASE_ACTION, parseCardPayload, type ParsedClick } from './slack-action-ids.js';
import type { SlackDeps } from './slack-deps.js';
import { tellClicker } from './tell-clicker.js';

type Say = (text: string) => Promise<void>;

export function registerBlockActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: CASE_ACTION }, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id ?? null;
    const say: Say = (text) => tellClicker(deps, { channel, user: body.user.id, clickId: body.trigger_id }, text);
    try {
      const click = parseCardPayload(action.action_id, action.value);
      if (!click) return await say('That button is from an old or damaged card; use the card in the triage channel.');
      const actor = await deps.actors.resolve(body.user.id, body.user.name);
      if (click.formId) return await openForm(deps, client, body.trigger_id, { ...click, formId: click.formId }, actor, say);
      await act(deps, click, actor, say);
    } catch (e) {
      // Told to the person, then thrown on to Bolt's error handler, which logs it.
      await say('Something went wrong on our side and it has been logged. Check the card, then try again.').catch(() => {});
      throw e;
    }
  });
}

async function openForm(deps: SlackDeps, client: webApi.WebClient, triggerId: string, click: ParsedClick & { formId: CardFormId }, actor: Actor, say: Say): Promise<void> {
  // Slack shows everyone the same buttons: someone who may not do this is told now, not after filling the form in.
  const refusal = await refusalBeforeForm(deps.ctx, { ...click, actor });
  if (refusal) return say(refusal.message);
  const view = await buildFormView(deps.ctx, { formId: click.formId, caseId: click.caseId, args: click.args, actor });
  if (!view) return say(`There is no case ${click.caseId}.`);
  // views.open straight away, not through the outbox: a trigger_id is only good for about 3 seconds.
  await client.views.open({ trigger_id: triggerId, view });
}

async function act(deps: SlackDeps, click: ParsedClick, actor: Actor, say: Say): Promise<void> {
  const outcome = await handleCardAction(deps.ctx, { actionId: click.actionId, caseId: click.caseId, seenVersion: click.version, args: click.args, values: {}, actor });
  // Done: the card, its thread and any escalation cards follow through the outbox.
  if (outcome.kind === 'refused') await say(outcome.refusal.message);
  if (outcome.kind === 'invalid') await say(Object.values(outcome.fieldErrors).join(' '));
}
