// Owns a form drawn for one person (the invoke answer nobody else sees): the case in a line, why it is shown
// (a broken rule, a case that changed), the fields with their answers and errors, Submit and Cancel.
import type { CardForm } from '../../cards/card-model.js';
import type { FieldErrors } from '../../cards/command-from-action.js';
import type { CaseView } from '../../services/load-case-view.js';
import { adaptiveCard, banner, plainRun, textBlock, type AdaptiveCard } from './adaptive-elements.js';
import { renderFormInputs, submitAction } from './render-card-form.js';
import { SHOW_VERB, executeData, payloadOf, type CardView } from './teams-card-action.js';
import { cutText, neutralise, safeText } from './teams-text.js';

export interface FormCardState {
  readonly values?: Readonly<Record<string, string | undefined>>;
  readonly errors?: FieldErrors;
  /** A line above the fields, e.g. why the form was redrawn. */
  readonly notice?: string;
}

export function renderFormCard(view: CaseView, form: CardForm, cardView: CardView, state: FormCardState = {}): AdaptiveCard {
  const { card } = view;
  const who = card.author.name || card.author.handle || 'someone';
  const body = [
    ...(state.notice ? [banner('warning', safeText(state.notice, 1000), 'notice')] : []),
    textBlock(`${safeText(form.title, 100)} · ${safeText(card.title, 200)}`, { id: 'title', size: 'Medium', weight: 'Bolder' }),
    textBlock(`${safeText(who, 200)} wrote:`, { size: 'Small', subtle: true }),
    { ...plainRun(neutralise(cutText(view.mention.text || '(no text)', 500).text), { italic: true }), id: 'context' },
    ...renderFormInputs(form, { ...(state.values ? { values: state.values } : {}), ...(state.errors ? { errors: state.errors } : {}) }),
  ];
  // Cancel shows the card as it is now, to this person only; nothing is changed. It sends no inputs, so
  // Teams does not hold it back until the required fields are filled.
  const cancel = { type: 'Action.Execute', title: 'Cancel', verb: SHOW_VERB, associatedInputs: 'none', data: executeData(payloadOf(card.caseId, card.version), cardView) };
  return adaptiveCard(body, { actions: [submitAction(form, cardView), cancel] });
}
