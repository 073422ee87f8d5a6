// Owns the escalation card in Teams: what was escalated to whom and why, the post, and Acknowledge/Decline
// (Decline asks why, in a form for the lead) while it waits; the answer once given.
import { escalationCardButtons } from '../../cards/available-actions.js';
import { escalationStatusLine } from '../../cards/escalation-answer-lines.js';
import { targetName } from '../../cards/event-line.js';
import type { Escalation } from '../../domain/case.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { CaseView } from '../../services/load-case-view.js';
import { adaptiveCard, factSet, textBlock, type AcElement, type AdaptiveCard } from './adaptive-elements.js';
import { refreshOf, shownButtons, type PersonalView } from './personal-view.js';
import { renderButtonSets } from './render-card-buttons.js';
import { authorBlock, linkActions, mentionTextBlocks, parentBlock } from './render-mention-elements.js';
import { safeText, type TeamsMention } from './teams-text.js';

const FACTS = ['Risk', 'State', 'Owner', 'Respond by', 'Service', 'Kind'];

export function escalationView(esc: Escalation, dmUser?: string): string {
  return dmUser ? `escalation:${esc.id}:${dmUser}` : `escalation:${esc.id}`;
}

/** `notify`: the people to ping in a channel (none in a 1:1 chat: they are already there). */
export function renderEscalationCard(view: CaseView, esc: Escalation, policy: Policy, notify: readonly TeamsMention[], cardView: string, personal: PersonalView = {}): AdaptiveCard {
  const { card } = view;
  const lead = notify.length ? `${notify.map((m) => m.text).join(' ')} ` : '';
  const body: AcElement[] = [
    textBlock(`Escalation · ${safeText(card.title, 200)}`, { id: 'title', size: 'Medium', weight: 'Bolder' }),
    textBlock(`${lead}**${safeText(esc.raisedBy, 200)}** escalated this to ${safeText(targetName(policy, esc.target), 300)}:`, { id: 'ask' }),
    textBlock(safeText(esc.reason, 2000), { id: 'reason', spacing: 'Small' }),
    { ...factSet(card.facts.filter((f) => FACTS.includes(f.label)).map((f) => ({ title: f.label, value: safeText(f.value, 500) }))), id: 'facts' },
    authorBlock(card),
    ...mentionTextBlocks(card, 1500),
  ];
  const parent = parentBlock(card);
  if (parent) body.push(parent);
  if (esc.target.type === 'leadership' && view.briefing) body.push({ ...factSet(view.briefing.map((f) => ({ title: f.label, value: safeText(f.value, 700) }))), id: 'briefing' });
  const buttons = escalationCardButtons(esc, policy);
  if (esc.status !== 'pending') body.push(textBlock(safeText(escalationStatusLine(esc), 1500), { id: 'status', weight: 'Bolder', color: esc.status === 'declined' ? 'Attention' : 'Good' }));
  if (buttons.length) body.push(...renderButtonSets(shownButtons(buttons, personal), { caseId: card.caseId, version: card.version, view: cardView }, 'escalation-actions'));
  return adaptiveCard(body, { actions: linkActions(card), mentions: notify, ...refreshOf(card.caseId, card.version, cardView, personal) });
}

