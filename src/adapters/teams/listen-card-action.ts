// Owns the adaptiveCard/action invoke: every Action.Execute click on a Teams card. Case verbs go to the shared
// service (answer-card-action.ts); the answer is the HTTP response, so it reaches the clicker only.
import type { DeskTeamsApp } from './create-teams-app.js';
import { cardActionError } from './create-teams-app.js';
import { answerCardAction } from './answer-card-action.js';
import { rememberConversation } from './remember-conversation.js';
import type { TeamsDeps } from './teams-deps.js';
import { fromAnotherTenant } from './tenant-guard.js';

export function registerCardAction(app: DeskTeamsApp, deps: TeamsDeps): void {
  app.on('card.action', async ({ activity, ref }) => {
    if (fromAnotherTenant(deps.tenantId, activity)) {
      deps.log.warn({ tenant: activity.conversation?.tenantId }, 'a Teams click from another tenant was turned away');
      return cardActionError(400, 'This desk belongs to another organisation.');
    }
    try {
      await rememberConversation(deps, activity, ref);
      return await answerCardAction(deps, activity.value, activity.from);
    } catch (e) {
      // A handler that throws gives Teams a bare 500; this tells the person something and logs the cause.
      deps.log.error({ err: e, verb: activity.value?.action?.verb }, 'a Teams card action failed');
      return cardActionError(500, 'Something went wrong on our side and it has been logged. Check the card, then try again.');
    }
  });
}
