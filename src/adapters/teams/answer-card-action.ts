// Owns answering an Action.Execute click (adaptiveCard/action invoke) on a case: parse, resolve the actor,
// handleCardAction, and answer in the HTTP response with a card. Teams shows an invoke's answer card to the
// person who clicked only (Universal Actions "replace for interactor"); everyone else's copy changes when the
// outbox PUTs the new card. So a form, a refusal or a field error reaches the clicker alone and changes nothing.
import { fitByGrapheme } from '../../domain/cut-text.js';
import type { AdaptiveCardActionResponse } from '@microsoft/teams.api';
import type { Actor } from '../../domain/actor.js';
import type { CardOption } from '../../cards/card-model.js';
import { refusalBeforeForm } from '../../services/actions-for-person.js';
import { handleCardAction, redrawsForm } from '../../services/handle-card-action.js';
import { loadCaseForm } from '../../services/load-case-form.js';
import { loadCaseView } from '../../services/load-case-view.js';
import { cardActionError, cardActionResponse } from './create-teams-app.js';
import { renderFormCard, type FormCardState } from './render-form-card.js';
import { loadPersonalView } from './load-personal-view.js';
import { renderViewCard, type Notice } from './render-view-card.js';
import { resolveTeamsActorWithGroups, type TeamsUser } from './resolve-teams-actor.js';
import { SHOW_VERB, parseCardInvoke, type TeamsClick } from './teams-card-action.js';
import type { TeamsDeps } from './teams-deps.js';

const DAMAGED = 'That button is from an old or damaged card: use the card in the triage channel.';

type FormId = NonNullable<TeamsClick['formId']>;

export async function answerCardAction(deps: TeamsDeps, value: unknown, from: TeamsUser): Promise<AdaptiveCardActionResponse> {
  const parsed = parseCardInvoke(value);
  if (!parsed.ok) return cardActionError(400, DAMAGED);
  const click = parsed.click;
  const actor = await resolveTeamsActorWithGroups(deps.ctx.policy, deps.groups, from);
  // The show verb is also the card's refresh (trigger "automatic"): the card as it is now, with this person's buttons.
  if (click.verb === SHOW_VERB) return showCard(deps, click, actor);
  // A button that opens a form: the form, for this person (as Slack opens its modal).
  // Someone who may not do this (a card shared past the 60 people Teams redraws it for) is told now, not on sending.
  if (click.formId && !click.submitted) {
    const refusal = await refusalBeforeForm(deps.ctx, { caseId: click.caseId, actionId: click.verb, args: click.args, actor });
    return refusal ? showCard(deps, click, actor, { tone: 'danger', text: refusal.message }) : showForm(deps, click, click.formId, actor, {});
  }
  const outcome = await handleCardAction(deps.ctx, { actionId: click.verb, caseId: click.caseId, seenVersion: click.version, args: click.args, values: click.values, actor });
  if (outcome.kind === 'done') return showCard(deps, click, actor);
  if (outcome.kind === 'invalid') {
    if (click.formId) return showForm(deps, click, click.formId, actor, { values: click.values, errors: outcome.fieldErrors });
    return showCard(deps, click, actor, { tone: 'danger', text: Object.values(outcome.fieldErrors).join(' ') });
  }
  if (redrawsForm(outcome.refusal) && click.formId) {
    // Redrawn on the case as it is now, keeping the answers and the form's own key, and saying why in words
    // (who replied, when, what): submitting again needs the choice the refusal offers, if any.
    const { message: notice, confirmations = [] } = outcome.refusal;
    return showForm(deps, click, click.formId, actor, { values: click.values, notice }, confirmations);
  }
  return showCard(deps, click, actor, { tone: 'danger', text: outcome.refusal.message });
}

/** The clicked card as the case is now, with the buttons this person may press; with a notice, for them alone. */
async function showCard(deps: TeamsDeps, click: TeamsClick, actor: Actor, notice?: Notice): Promise<AdaptiveCardActionResponse> {
  const view = await loadCaseView(deps.ctx, click.caseId);
  if (!view) return noCase(click);
  return cardActionResponse(renderViewCard(deps, view, click.view, notice, await loadPersonalView(deps, view, actor)));
}

async function showForm(deps: TeamsDeps, click: TeamsClick, formId: FormId, actor: Actor, state: FormCardState, confirmations: readonly CardOption[] = []): Promise<AdaptiveCardActionResponse> {
  const loaded = await loadCaseForm(deps.ctx, { formId, caseId: click.caseId, args: click.args, actor, confirmations });
  if (!loaded) return noCase(click);
  return cardActionResponse(renderFormCard(loaded.view, loaded.form, click.view, state));
}

function noCase(click: TeamsClick): AdaptiveCardActionResponse {
  return cardActionError(400, `There is no case ${fitByGrapheme(click.caseId, 64)}.`);
}
