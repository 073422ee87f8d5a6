// Owns the chat.thread.line outbox kind on Slack: one line per event in the triage card's thread, once each.
import { describeEvent } from '../../cards/event-line.js';
import { PermanentError } from '../../services/errors.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import { withSlackErrors } from './map-slack-error.js';
import { TRIAGE_PURPOSE } from './outbox-card-refresh.js';
import { sendCaseMessage } from './send-case-message.js';
import type { SlackDeps } from './slack-deps.js';
import { escapeAndCut } from './slack-text.js';

/** Retryable on purpose: the line waits for its card (posted by an earlier item, maybe still in back-off). */
export class CardNotPostedError extends Error {
  override readonly name = 'CardNotPostedError';
}

export function createThreadLineHandler(deps: SlackDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    const eventId = payloadString(job.payload, 'eventId');
    return deps.locks.run(caseId, () => withSlackErrors(() => postLine(deps, caseId, eventId)));
  };
}

async function postLine(deps: SlackDeps, caseId: string, eventId: string): Promise<Record<string, unknown>> {
  const card = await deps.cardMessages.get(caseId, 'slack', TRIAGE_PURPOSE);
  if (!card?.messageId) throw new CardNotPostedError(`the card of ${caseId} is not in Slack yet; its thread line waits for it`);
  const stored = (await deps.ctx.store.events.forCase(caseId)).find((e) => e.id === eventId);
  if (!stored) throw new PermanentError(`event ${eventId} is not on case ${caseId}`);
  const view = await requireCaseView(deps.ctx, caseId);
  const line = describeEvent(stored.event, view.case, deps.ctx.policy);
  const posted = await sendCaseMessage(deps, {
    caseId,
    purpose: `line:${eventId}`,
    channel: card.channel,
    threadTs: card.messageId,
    text: escapeAndCut(line, 3000).text,
  });
  return { channel: posted.channel, ts: posted.ts };
}
