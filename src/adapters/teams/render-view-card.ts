// Owns drawing the card a click came from as the case is now (the triage card, a copy in a chat, an escalation
// or approval card), optionally with a notice on top: the answer to an invoke, seen by the clicker alone.
import type { Tone } from '../../cards/card-model.js';
import type { CaseView } from '../../services/load-case-view.js';
import { banner, type AdaptiveCard } from './adaptive-elements.js';
import type { PersonalView } from './personal-view.js';
import { renderCaseCard } from './render-adaptive-card.js';
import { renderApprovalCard } from './render-approval-card.js';
import { renderEscalationCard } from './render-escalation-card.js';
import { approverMentions, escalationMentions } from './teams-destinations.js';
import type { TeamsDeps } from './teams-deps.js';
import { safeText } from './teams-text.js';

export interface Notice {
  readonly tone: Tone;
  readonly text: string;
}

/** What a view names, checked: it comes back from the client, so anything else is drawn as the triage card. */
const VIEW = /^(triage|desk|escalation:[\w-]{1,64}(:[\w-]{1,64})?|approval:[\w-]{1,64})$/;

export function renderViewCard(deps: Pick<TeamsDeps, 'ctx'>, view: CaseView, cardView: string, notice?: Notice, personal: PersonalView = {}): AdaptiveCard {
  const policy = deps.ctx.policy;
  const [kind, id, dmUser] = (VIEW.test(cardView) ? cardView : 'triage').split(':');
  if (kind === 'escalation') {
    const esc = view.case.escalations.find((e) => e.id === id);
    if (esc) return withNotice(renderEscalationCard(view, esc, policy, dmUser ? [] : escalationMentions(policy, esc.target), cardView, personal), notice);
  }
  if (kind === 'approval' && id) {
    const subject = view.case.replies.some((r) => r.id === id) ? { replyId: id } : { moderationId: id };
    const action = view.case.moderation.find((m) => m.id === id)?.action ?? null;
    const card = renderApprovalCard(view, subject, policy, approverMentions(policy, action), personal);
    if (card) return withNotice(card, notice);
  }
  const caseView = kind === 'desk' ? 'desk' : 'triage';
  return renderCaseCard(view.card, { view: caseView, personal, ...(notice ? { notice } : {}) });
}

function withNotice(card: AdaptiveCard, notice: Notice | undefined): AdaptiveCard {
  return notice ? { ...card, body: [banner(notice.tone, safeText(notice.text, 1000), 'notice'), ...card.body] } : card;
}
