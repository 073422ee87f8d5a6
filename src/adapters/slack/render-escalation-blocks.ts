// Owns the escalation card: what was escalated to whom and why, the post, and Acknowledge/Decline while it waits.
import type { types } from '@slack/bolt';
import { escalationCardButtons } from '../../cards/available-actions.js';
import { escalationStatusLine } from '../../cards/escalation-answer-lines.js';
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
  // Leadership's briefing (issue 18): one field per part, so nothing is cut by another part's length.
  if (esc.target.type === 'leadership' && view.briefing) {
    blocks.push({ type: 'section', block_id: 'briefing', text: mrkdwn(view.briefing.map((f) => `*${f.label}*: ${escapeAndCut(f.value, 280).text}`).join('\n').slice(0, BLOCK_KIT.sectionText)) });
  }
  blocks.push(linkBlock(card));
  const buttons = escalationCardButtons(esc, policy);
  if (esc.status !== 'pending') blocks.push({ type: 'context', block_id: 'status', elements: [mrkdwn(statusLine(esc))] });
  if (buttons.length) blocks.push(...renderButtonRows(card.caseId, card.version, buttons, 'escalation-actions'));
  return { text: `Escalated to ${escapeSlack(to)}: ${escapeSlack(card.title)}: ${escapeAndCut(esc.reason, 300).text}`, blocks };
}

function statusLine(esc: Escalation): string {
  return `${esc.status === 'declined' ? ':no_entry:' : ':white_check_mark:'} ${escapeAndCut(escalationStatusLine(esc), 1500).text}`;
}
