// Owns the blocks that show a mention (author, the post, its parent, the link): shared by the case and escalation cards.
import type { types } from '@slack/bolt';
import type { CaseCard } from '../../cards/card-model.js';
import { BLOCK_KIT } from './block-kit-limits.js';
import { escapeAndCut, link, mrkdwn, quoteAndCut } from './slack-text.js';

const NAME_MAX = 300;

export function authorBlock(card: CaseCard): types.ContextBlock {
  const a = card.author;
  const handle = a.handle && !a.handle.startsWith('@') ? `@${a.handle}` : a.handle;
  const parts = [`*${escapeAndCut(a.name || handle || 'Unknown author', NAME_MAX).text}*`];
  if (handle && a.name) parts.push(escapeAndCut(handle, NAME_MAX).text);
  if (a.followers !== null) parts.push(`${a.followers.toLocaleString('en-GB')} followers`);
  if (a.verified) parts.push(':ballot_box_with_check: verified');
  return { type: 'context', block_id: 'author', elements: [mrkdwn(parts.join(' · '))] };
}

/** The post itself, quoted and escaped; cut with a pointer to the original when it is long. */
export function mentionTextBlock(card: CaseCard, max: number = BLOCK_KIT.sectionText): types.SectionBlock {
  const note = `\n_Cut here: ${link(card.url, 'read the whole post on the network')}_`;
  const body = quoteAndCut(card.text || '(no text)', max - note.length);
  const text = body.cut || card.textTruncated ? body.text + note : body.text;
  return { type: 'section', block_id: 'text', text: mrkdwn(text) };
}

export function parentBlock(card: CaseCard): types.ContextBlock | null {
  if (!card.parent) return null;
  const lead = card.parent.url ? `In reply to ${link(card.parent.url, 'this post')}: ` : 'In reply to: ';
  const body = escapeAndCut(card.parent.text || '(no text)', BLOCK_KIT.contextText - lead.length);
  return { type: 'context', block_id: 'parent', elements: [mrkdwn(lead + body.text)] };
}

export function linkBlock(card: CaseCard, label = 'Open the original post'): types.ContextBlock {
  return { type: 'context', block_id: 'link', elements: [mrkdwn(`:link: ${link(card.url, label)}`)] };
}
