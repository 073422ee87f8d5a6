// Owns the chat.escalation.post outbox kind on Teams: the escalation card in the service's (or leadership's)
// channel, naming the leads, or in a 1:1 chat with each lead (createConversation), with Acknowledge/Decline.
import { PermanentError } from '../../services/errors.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../store/outbox-worker.js';
import { loadPersonalView } from './load-personal-view.js';
import { escalationView, renderEscalationCard } from './render-escalation-card.js';
import { sendTeamsMessage } from './send-teams-message.js';
import { directChat } from './teams-conversations.js';
import { escalationDestinations, escalationMentions, type Destination } from './teams-destinations.js';
import { SURFACE, type TeamsDeps } from './teams-deps.js';

export function createEscalationPostHandler(deps: TeamsDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    const escalationId = payloadString(job.payload, 'escalationId');
    return deps.locks.run(caseId, () => postEscalation(deps, caseId, escalationId));
  };
}

async function postEscalation(deps: TeamsDeps, caseId: string, escalationId: string): Promise<Record<string, unknown>> {
  const view = await requireCaseView(deps.ctx, caseId);
  const esc = view.case.escalations.find((e) => e.id === escalationId);
  if (!esc) throw new PermanentError(`escalation ${escalationId} is not on case ${caseId}`);
  const policy = deps.ctx.policy;
  const posted: Array<{ conversation: string; activityId: string }> = [];
  const personal = await loadPersonalView(deps, view);
  // Each destination is its own message row, so a retry re-posts only the ones that did not land.
  for (const dest of escalationDestinations(policy, esc.target)) {
    const purpose = escalationView(esc, dest.kind === 'chat' ? dest.userId : undefined);
    const notify = dest.kind === 'channel' ? escalationMentions(policy, esc.target) : [];
    const card = renderEscalationCard(view, esc, policy, notify, purpose, personal);
    const where = await destinationOf(deps, caseId, purpose, dest);
    const result = await sendTeamsMessage(deps, { caseId, purpose, ...where, card, redraw: true });
    posted.push({ conversation: result.channel, activityId: result.ts });
  }
  return { posted };
}

/** A channel by id; a person's 1:1 chat opened only when this card has not been posted there already. */
async function destinationOf(deps: TeamsDeps, caseId: string, purpose: string, dest: Destination) {
  if (dest.kind === 'channel') return { conversationId: dest.channel };
  const existing = await deps.cardMessages.get(caseId, SURFACE, purpose);
  if (existing?.messageId) return { conversationId: existing.channel };
  const ref = await directChat(deps, dest.userId, dest.name);
  return { conversationId: ref.conversation.id, ref };
}
