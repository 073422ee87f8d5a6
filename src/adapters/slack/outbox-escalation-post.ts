// Owns the chat.escalation.post outbox kind on Slack: the escalation card in the service's (or leadership's)
// channel, or by direct message to each lead, with Acknowledge and Decline.
import { PermanentError } from '../../services/errors.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import { withSlackErrors } from './map-slack-error.js';
import { renderEscalationMessage } from './render-escalation-blocks.js';
import { sendCaseMessage } from './send-case-message.js';
import type { SlackDeps } from './slack-deps.js';
import { escalationDestinations, escalationPeople, type Destination } from './slack-destinations.js';
import { userMention } from './slack-text.js';

export function createEscalationPostHandler(deps: SlackDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    const escalationId = payloadString(job.payload, 'escalationId');
    return deps.locks.run(caseId, () => withSlackErrors(() => postEscalation(deps, caseId, escalationId)));
  };
}

async function postEscalation(deps: SlackDeps, caseId: string, escalationId: string): Promise<Record<string, unknown>> {
  const view = await requireCaseView(deps.ctx, caseId);
  const esc = view.case.escalations.find((e) => e.id === escalationId);
  if (!esc) throw new PermanentError(`escalation ${escalationId} is not on case ${caseId}`);
  const policy = deps.ctx.policy;
  const posted: Array<{ channel: string; ts: string }> = [];
  // Each destination is its own message row, so a retry re-posts only the ones that did not land.
  for (const dest of escalationDestinations(policy, esc.target)) {
    const notify = dest.kind === 'channel' ? escalationPeople(policy, esc.target).map(userMention) : [];
    const message = renderEscalationMessage(view, esc, policy, notify);
    const channel = await channelOf(deps, dest);
    const purpose = dest.kind === 'channel' ? `escalation:${esc.id}` : `escalation:${esc.id}:${dest.userId}`;
    const result = await sendCaseMessage(deps, { caseId, purpose, channel, ...message });
    posted.push({ channel: result.channel, ts: result.ts });
  }
  return { posted };
}

/** A direct message needs the conversation id first (im:write); opening an open one is harmless. */
async function channelOf(deps: SlackDeps, dest: Destination): Promise<string> {
  if (dest.kind === 'channel') return dest.channel;
  const res = await deps.client.conversations.open({ users: dest.userId });
  const id = res.channel?.id;
  if (!id) throw new Error(`conversations.open gave no channel for ${dest.userId}`);
  return id;
}
