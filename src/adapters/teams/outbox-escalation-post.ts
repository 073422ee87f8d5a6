// Owns the chat.escalation.post outbox kind on Teams: the escalation card in the service's (or leadership's)
// channel, naming the leads, or in a 1:1 chat with each lead (reach-person.ts: opened, or the app installed for
// them through Graph; failing that, in the case's thread naming them), with Acknowledge/Decline.
import type { ConversationReference } from '@microsoft/teams.api';
import { PermanentError } from '../../services/errors.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { loadPersonalView } from './load-personal-view.js';
import { escalationView, renderEscalationCard } from './render-escalation-card.js';
import { sendTeamsMessage } from './send-teams-message.js';
import { deliverToPerson } from './reach-person.js';
import { escalationDestinations, escalationMentions } from './teams-destinations.js';
import { SURFACE, type TeamsDeps } from './teams-deps.js';
import type { TeamsMention } from './teams-text.js';

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
    const send = (where: Where, notify: readonly TeamsMention[]) => sendTeamsMessage(deps, { caseId, purpose, ...where, card: renderEscalationCard(view, esc, policy, notify, purpose, personal), redraw: true });
    const existing = dest.kind === 'chat' ? await deps.cardMessages.get(caseId, SURFACE, purpose) : null;
    const result =
      dest.kind === 'channel'
        ? await send({ conversationId: dest.channel }, escalationMentions(policy, esc.target))
        : existing?.messageId
          ? await send({ conversationId: existing.channel }, [])
          : // In their own chat they need no ping; in the triage thread the mention is what makes them see it.
            await deliverToPerson(deps, { caseId, userId: dest.userId, name: dest.name, what: `The escalation (${esc.id})` }, (reach) =>
              reach.kind === 'chat' ? send({ conversationId: reach.conversationId, ref: reach.ref }, []) : send({ conversationId: reach.conversationId, threadId: reach.threadId }, [reach.mention]),
            );
    posted.push({ conversation: result.channel, activityId: result.ts });
  }
  return { posted };
}

interface Where {
  readonly conversationId: string;
  readonly ref?: ConversationReference;
  readonly threadId?: string;
}
