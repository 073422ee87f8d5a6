// Owns rendering card buttons as Teams actions: Action.Execute with verb = the card's action id and data = the
// shared payload. A button that opens a form carries the form's name; the click is answered with that form,
// built for the clicker by the same service as Slack's modal (services/load-case-form.ts).
import type { CardButton } from '../../cards/card-model.js';
import { actionSets, type AcElement } from './adaptive-elements.js';
import { FORM_ARG, executeData, payloadOf, type CardView } from './teams-card-action.js';
import { cutText } from './teams-text.js';

export interface ButtonContext {
  readonly caseId: string;
  readonly version: number;
  /** The message the buttons sit on, so the answer redraws that message. */
  readonly view: CardView;
}

const STYLE = { primary: 'positive', danger: 'destructive' } as const;
/** Enough for every button a card can show today; a wall of more would help nobody. */
export const MAX_BUTTONS = 20;

export function renderButtonSets(buttons: readonly CardButton[], bc: ButtonContext, idPrefix: string): AcElement[] {
  return actionSets(buttons.slice(0, MAX_BUTTONS).map((b) => executeButton(b, bc)), idPrefix);
}

function executeButton(b: CardButton, bc: ButtonContext): AcElement {
  const args = b.opens ? { ...b.args, [FORM_ARG]: b.opens } : b.args;
  return {
    type: 'Action.Execute',
    title: cutText(b.label, 80).text,
    verb: b.actionId,
    data: executeData(payloadOf(bc.caseId, bc.version, args), bc.view),
    ...(b.style === 'default' ? {} : { style: STYLE[b.style] }),
  };
}
