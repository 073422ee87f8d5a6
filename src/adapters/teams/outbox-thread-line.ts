// Owns the chat.thread.line outbox kind on Teams: one line per event, as a reply in the triage card's thread.
import { toThreadedConversationId } from '@microsoft/teams.apps';
import { describeEvent } from '../../cards/event-line.js';
import { PermanentError } from '../../services/errors.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { renderLineCard } from './render-line-card.js';
import { sendTeamsMessage } from './send-teams-message.js';
import { SURFACE, TRIAGE_PURPOSE, type TeamsDeps } from './teams-deps.js';

/** Retryable on purpose: the line waits for its card (posted by an earlier item, maybe still in back-off). */
export class CardNotPostedError extends Error {
  override readonly name = 'CardNotPostedError';
}

export function createThreadLineHandler(deps: TeamsDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    const eventId = payloadString(job.payload, 'eventId');
    return deps.locks.run(caseId, () => postLine(deps, caseId, eventId));
  };
}

/** The triage card's thread: where lines, approvals and notices about a case go. */
export async function cardThread(deps: TeamsDeps, caseId: string, what: string): Promise<{ conversationId: string; rootId: string }> {
  const card = await deps.cardMessages.get(caseId, SURFACE, TRIAGE_PURPOSE);
  if (!card?.messageId) throw new CardNotPostedError(`the card of ${caseId} is not in Teams yet; ${what} waits for it`);
  return { conversationId: toThreadedConversationId(card.channel, card.messageId), rootId: card.messageId };
}

async function postLine(deps: TeamsDeps, caseId: string, eventId: string): Promise<Record<string, unknown>> {
  const thread = await cardThread(deps, caseId, 'its thread line');
  const stored = (await deps.ctx.store.events.forCase(caseId)).find((e) => e.id === eventId);
  if (!stored) throw new PermanentError(`event ${eventId} is not on case ${caseId}`);
  const view = await requireCaseView(deps.ctx, caseId);
  const line = describeEvent(stored.event, view.case, deps.ctx.policy);
  const posted = await sendTeamsMessage(deps, { caseId, purpose: `line:${eventId}`, conversationId: thread.conversationId, threadId: thread.rootId, card: renderLineCard(line), redraw: false });
  return { conversation: posted.channel, activityId: posted.ts };
}
