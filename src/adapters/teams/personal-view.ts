// Owns a card drawn for one person (Universal Actions user-specific views): only the buttons they may press, and
// the card's `refresh`, which makes Teams ask the bot for each listed person's own view when they look at it.
import type { CardButton } from '../../cards/card-model.js';
import type { AcElement } from './adaptive-elements.js';
import { SHOW_VERB, executeData, payloadOf, type CardView } from './teams-card-action.js';

/** Teams refreshes a card automatically for at most 60 listed users (Microsoft's limit for user-specific views). */
export const MAX_REFRESH_USERS = 60;

export interface PersonalView {
  /** Keeps the buttons this person may press (src/services/actions-for-person.ts); all of them when absent. */
  readonly only?: (buttons: readonly CardButton[]) => CardButton[];
  /** The user ids (29: MRIs) Teams refreshes the card for; no refresh when absent or empty. */
  readonly refreshUserIds?: readonly string[];
}

export function shownButtons(buttons: readonly CardButton[], o: PersonalView = {}): readonly CardButton[] {
  return o.only ? o.only(buttons) : buttons;
}

/** The card's `refresh`: the show verb (the card as it is now, for the person asking), for the listed users. */
export function refreshOf(caseId: string, version: number, view: CardView, o: PersonalView = {}): { refresh?: AcElement } {
  const userIds = (o.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  if (!userIds.length) return {};
  return { refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: SHOW_VERB, data: executeData(payloadOf(caseId, version), view) }, userIds } };
}
