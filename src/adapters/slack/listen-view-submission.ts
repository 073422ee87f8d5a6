// Owns form submissions (view_submission): run the action before acking, so a broken rule shows inline on its
// field and the person keeps what they typed; a form drawn before the case changed is redrawn, not lost.
import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { handleCardAction, redrawsForm } from '../../services/handle-card-action.js';
import { buildFormView } from './build-form-view.js';
import { inputBlockIds, readViewValues, viewErrors } from './render-form-modal.js';
import { CASE_ACTION, parseCardPayload } from './slack-action-ids.js';
import type { SlackDeps } from './slack-deps.js';

/** Said on the form when the desk fails on its side: the form stays open with what was typed, and nothing was done. */
const FAILED_ON_OUR_SIDE = 'Something went wrong on our side and it has been logged. Nothing was changed: try again.';

export function registerViewSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: CASE_ACTION }, async (args) => {
    let acked = false;
    const ack: typeof args.ack = (response) => ((acked = true), args.ack(response));
    try {
      await submit(deps, { ...args, ack });
    } catch (e) {
      // Unacked, Slack would show the person a bare error after 3 s: say it on the form, then let Bolt log it.
      if (!acked) await args.ack({ response_action: 'errors', errors: viewErrors(inputBlockIds(args.view.blocks), { form: FAILED_ON_OUR_SIDE }) }).catch(() => {});
      throw e;
    }
  });
}

type SubmitArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, 'ack' | 'body' | 'view'>;

async function submit(deps: SlackDeps, { ack, body, view }: SubmitArgs): Promise<void> {
  const blockIds = inputBlockIds(view.blocks);
  const errors = (fieldErrors: Record<string, string>) => ack({ response_action: 'errors', errors: viewErrors(blockIds, fieldErrors) });
  const form = parseCardPayload(view.callback_id, view.private_metadata);
  if (!form?.formId) return errors({ form: 'This form is out of date: close it and use the button on the card again.' });
  const actor = await deps.actors.resolve(body.user.id, body.user.name);
  const values = readViewValues(view.state);
  const outcome = await handleCardAction(deps.ctx, { actionId: form.actionId, caseId: form.caseId, seenVersion: form.version, args: form.args, values, actor });
  if (outcome.kind === 'done') return ack();
  if (outcome.kind === 'invalid') return errors({ ...outcome.fieldErrors });
  if (redrawsForm(outcome.refusal)) {
    // Redraw on the case as it is now, keeping the answers and the form's own key, and say why in words
    // (who replied, when, what): submitting again needs the choice the refusal offers, if any.
    const { message: notice, confirmations = [] } = outcome.refusal;
    const redrawn = await buildFormView(deps.ctx, { formId: form.formId, caseId: form.caseId, args: form.args, actor, values, notice, confirmations });
    if (redrawn) return ack({ response_action: 'update', view: redrawn });
  }
  return errors({ form: outcome.refusal.message });
}
