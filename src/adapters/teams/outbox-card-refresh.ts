// Owns the chat.card.refresh outbox kind on Teams: the triage card posted once (proactively, by the stored
// conversation reference), then replaced in place (PUT) after every change, with the case's escalation and
// approval cards, so every copy shows the truth.
import { RateLimitError } from '../../services/errors.js';
import { payloadString, requireCaseView, type CaseView } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { loadPersonalView } from './load-personal-view.js';
import type { PersonalView } from './personal-view.js';
import { renderCaseCard } from './render-adaptive-card.js';
import { renderViewCard } from './render-view-card.js';
import { sendTeamsMessage, updateTeamsMessage } from './send-teams-message.js';
import { triageChannel } from './teams-destinations.js';
import { SURFACE, TRIAGE_PURPOSE, type TeamsDeps } from './teams-deps.js';

export function createCardRefreshHandler(deps: TeamsDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    return deps.locks.run(caseId, () => refreshCard(deps, caseId));
  };
}

async function refreshCard(deps: TeamsDeps, caseId: string): Promise<Record<string, unknown>> {
  // Always the case as it is now: an older refresh that runs late still draws the latest state.
  const view = await requireCaseView(deps.ctx, caseId);
  const personal = await loadPersonalView(deps, view);
  const card = renderCaseCard(view.card, { personal });
  const posted = await sendTeamsMessage(deps, { caseId, purpose: TRIAGE_PURPOSE, conversationId: triageChannel(deps.ctx.policy), card, redraw: true });
  const others = await refreshOtherMessages(deps, view, personal);
  return { conversation: posted.channel, activityId: posted.ts, posted: posted.created, updatedOthers: others };
}

async function refreshOtherMessages(deps: TeamsDeps, view: CaseView, personal: PersonalView): Promise<number> {
  let updated = 0;
  for (const row of await deps.cardMessages.listPosted(view.case.id, SURFACE)) {
    const [kind] = row.purpose.split(':');
    if (kind !== 'escalation' && kind !== 'approval') continue;
    try {
      await updateTeamsMessage(deps, { caseId: view.case.id, purpose: row.purpose, conversationId: row.channel, card: renderViewCard(deps, view, row.purpose, undefined, personal) }, row.messageId);
      updated++;
    } catch (e) {
      // The triage card is what matters most; a rate limit retries the lot, anything else is logged and left.
      if (e instanceof RateLimitError) throw e;
      deps.log.warn({ err: e, caseId: view.case.id, purpose: row.purpose }, 'could not update a case card in Teams');
    }
  }
  return updated;
}
