// Owns the escalation card: what was escalated to whom and why, the post, and Acknowledge/Decline while it waits.
import type { types } from '@slack/bolt';
import { escalationButtons } from '../../cards/available-actions.js';
import { targetName } from '../../cards/event-line.js';
import type { Escalation } from '../../domain/case.js';
import type { Policy } from '../../policy/policy-schema.js';
import { BLOCK_KIT } from './block-kit-limits.js';
import type { CaseView } from '../../services/load-case-view.js';
import { renderButtonRows } from './render-buttons.js';
import { authorBlock, linkBlock, mentionTextBlock, parentBlock } from './render-mention-blocks.js';
import { escapeAndCut, escapeSlack, mrkdwn, plain, quoteAndCut } from './slack-text.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

const FACTS = ['Risk', 'State', 'Owner', 'Respond by', 'Service', 'Kind'];

export function renderEscalationMessage(view: CaseView, esc: Escalation, policy: Policy, notify: readonly string[]): SlackMessage {
  const { card } = view;
  const to = targetName(policy, esc.target);
  const ask = `${notify.length ? `${notify.join(' ')} ` : ''}*${escapeSlack(esc.raisedBy)}* escalated this to ${escapeSlack(to)}:\n${quoteAndCut(esc.reason, 2000).text}`;
  const fields = card.facts.filter((f) => FACTS.includes(f.label)).map((f) => mrkdwn(`*${f.label}*\n${escapeAndCut(f.value, 500).text}`));
  const blocks: types.KnownBlock[] = [
    { type: 'header', block_id: 'title', text: plain(`Escalation · ${card.title}`, BLOCK_KIT.headerText) },
    { type: 'section', block_id: 'ask', text: mrkdwn(ask) },
    { type: 'section', block_id: 'facts', fields: fields.slice(0, BLOCK_KIT.fields) },
    authorBlock(card),
    mentionTextBlock(card, 1500),
  ];
  const parent = parentBlock(card);
  if (parent) blocks.push(parent);
  blocks.push(linkBlock(card));
  if (esc.status === 'pending') blocks.push(...renderButtonRows(card.caseId, card.version, escalationButtons(esc.id, esc.target.type), 'escalation-actions'));
  else blocks.push({ type: 'context', block_id: 'status', elements: [mrkdwn(statusLine(esc))] });
  return { text: `Escalated to ${escapeSlack(to)}: ${escapeSlack(card.title)}: ${escapeAndCut(esc.reason, 300).text}`, blocks };
}

function statusLine(esc: Escalation): string {
  const by = escapeSlack(esc.answeredBy ?? 'someone');
  const answer = esc.answer ? `: ${escapeAndCut(esc.answer, 1000).text}` : '';
  return esc.status === 'acknowledged' ? `:white_check_mark: Acknowledged by ${by}${answer}` : `:no_entry: Declined by ${by}${answer}`;
}
