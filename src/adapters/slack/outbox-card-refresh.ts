// Owns the chat.card.refresh outbox kind on Slack: the triage card posted once, then edited in place after
// every change, along with the case's escalation and approval messages, so every message shows the truth.
import { RateLimitError } from '../../services/errors.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { payloadString, requireCaseView, type CaseView } from '../../services/load-case-view.js';
import { withSlackErrors } from './map-slack-error.js';
import { renderApprovalMessage } from './render-approval-blocks.js';
import { cardFallbackText, renderCaseBlocks } from './render-case-blocks.js';
import { renderEscalationMessage, type SlackMessage } from './render-escalation-blocks.js';
import { sendCaseMessage, updateMessage } from './send-case-message.js';
import { approverMentions, escalationPeople, triageChannel } from './slack-destinations.js';
import type { SlackDeps } from './slack-deps.js';
import { userMention } from './slack-text.js';

export const TRIAGE_PURPOSE = 'triage';

export function createCardRefreshHandler(deps: SlackDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    return deps.locks.run(caseId, () => withSlackErrors(() => refreshCard(deps, caseId)));
  };
}

async function refreshCard(deps: SlackDeps, caseId: string): Promise<Record<string, unknown>> {
  // Always the case as it is now: an older refresh that runs late still draws the latest state.
  const view = await requireCaseView(deps.ctx, caseId);
  const card = await sendCaseMessage(deps, {
    caseId,
    purpose: TRIAGE_PURPOSE,
    channel: triageChannel(deps.ctx.policy),
    text: cardFallbackText(view.card),
    blocks: renderCaseBlocks(view.card),
  });
  const others = await refreshOtherMessages(deps, view);
  return { channel: card.channel, ts: card.ts, posted: card.created, updatedOthers: others };
}

async function refreshOtherMessages(deps: SlackDeps, view: CaseView): Promise<number> {
  let updated = 0;
  for (const row of await deps.cardMessages.listPosted(view.case.id, 'slack')) {
    const message = renderOther(deps, view, row.purpose);
    if (!message) continue;
    try {
      await updateMessage(deps, { caseId: view.case.id, purpose: row.purpose, channel: row.channel, ...message }, row.messageId);
      updated++;
    } catch (e) {
      // The triage card is what matters most; a rate limit retries the lot, anything else is logged and left.
      if ((e as { code?: string }).code === 'slack_webapi_rate_limited_error' || e instanceof RateLimitError) throw e;
      deps.log.warn({ err: e, caseId: view.case.id, purpose: row.purpose }, 'could not update a case message in Slack');
    }
  }
  return updated;
}

function renderOther(deps: SlackDeps, view: CaseView, purpose: string): SlackMessage | null {
  const [kind, id, dmUser] = purpose.split(':');
  const policy = deps.ctx.policy;
  if (kind === 'escalation' && id) {
    const esc = view.case.escalations.find((e) => e.id === id);
    const notify = dmUser ? [] : escalationPeople(policy, esc?.target ?? { type: 'leadership' }).map(userMention);
    return esc ? renderEscalationMessage(view, esc, policy, notify) : null;
  }
  if (kind === 'approval' && id) {
    const subject = view.case.replies.some((r) => r.id === id) ? { replyId: id } : { moderationId: id };
    const action = view.case.moderation.find((m) => m.id === id)?.action ?? null;
    return renderApprovalMessage(view, subject, policy, approverMentions(policy, action));
  }
  return null;
}
