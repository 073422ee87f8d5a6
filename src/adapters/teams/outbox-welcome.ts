// Owns sending the hello the bot says where it was installed (welcome-text.ts): in a channel it names the
// channel's id, which the policy file needs (channels.triage.teams) and is hard to find in Teams otherwise.
import { payloadString } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { cardMessage } from './adaptive-elements.js';
import { renderLineCard } from './render-line-card.js';
import { refFor } from './teams-conversations.js';
import { buildWelcomeText, INSTALL_PLACES } from './welcome-text.js';
import type { TeamsDeps } from './teams-deps.js';

export function createWelcomeHandler(deps: TeamsDeps): OutboxHandler {
  return async (job) => {
    const conversationId = payloadString(job.payload, 'conversationId');
    // Items queued before places were told apart were all picked channels.
    const place = INSTALL_PLACES.find((p) => p === job.payload['place']) ?? 'channel';
    const installer = job.payload['installerAadId'];
    const text = buildWelcomeText({
      place, conversationId, triage: deps.ctx.policy.channels.triage.teams,
      ...(typeof installer === 'string' ? { installerAadId: installer } : {}),
    });
    const sent = await deps.transport.send(await refFor(deps, conversationId), cardMessage(renderLineCard(text)));
    return { conversation: conversationId, activityId: sent.id };
  };
}
