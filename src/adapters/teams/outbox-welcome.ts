// Owns the hello the bot says in the channel it was installed into: what it is, and this channel's id,
// which is what the policy file needs (channels.triage.teams) and is hard to find in Teams otherwise.
import { payloadString } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../store/outbox-worker.js';
import { cardMessage } from './adaptive-elements.js';
import { renderLineCard } from './render-line-card.js';
import { refFor } from './teams-conversations.js';
import type { TeamsDeps } from './teams-deps.js';

export function createWelcomeHandler(deps: TeamsDeps): OutboxHandler {
  return async (job) => {
    const conversationId = payloadString(job.payload, 'conversationId');
    const triage = deps.ctx.policy.channels.triage.teams;
    const where = triage === conversationId
      ? 'This is the triage channel: case cards will appear here.'
      : `To make this the triage channel, set channels.triage.teams to ${conversationId} in the policy file${triage ? ` (it is ${triage} now)` : ''}.`;
    const text = `Mention Desk is installed. ${where} Message me "desk help" for what I can tell you.`;
    const sent = await deps.transport.send(await refFor(deps, conversationId), cardMessage(renderLineCard(text)));
    return { conversation: conversationId, activityId: sent.id };
  };
}
