// Owns the elements that show a mention (author, the post, its parent, the link): shared by every Teams card.
import type { CaseCard } from '../../cards/card-model.js';
import { openUrl, plainRun, textBlock, type AcElement } from './adaptive-elements.js';
import { cutText, neutralise, safeText } from './teams-text.js';

const NAME_MAX = 300;

export function authorBlock(card: CaseCard): AcElement {
  const a = card.author;
  const handle = a.handle && !a.handle.startsWith('@') ? `@${a.handle}` : a.handle;
  const parts = [`**${safeText(a.name || handle || 'Unknown author', NAME_MAX)}**`];
  if (handle && a.name) parts.push(safeText(handle, NAME_MAX));
  if (a.followers !== null) parts.push(`${a.followers.toLocaleString('en-GB')} followers`);
  if (a.verified) parts.push('verified');
  return textBlock(parts.join(' · '), { id: 'author', size: 'Small' });
}

/**
 * The post exactly as written, in a TextRun: Adaptive Cards never read markdown there, so a
 * resident's `[text](link)` or `**` stays literal. Cut with a pointer to the original when long.
 */
export function mentionTextBlocks(card: CaseCard, max = 2000): AcElement[] {
  const body = cutText(card.text || '(no text)', max);
  const blocks: AcElement[] = [{ ...plainRun(neutralise(body.text)), id: 'text' }];
  if (body.cut || card.textTruncated) blocks.push(textBlock('Cut here: open the original post to read all of it.', { size: 'Small', subtle: true, spacing: 'None' }));
  return blocks;
}

export function parentBlock(card: CaseCard): AcElement | null {
  if (!card.parent) return null;
  return {
    type: 'Container',
    id: 'parent',
    items: [
      textBlock('In reply to:', { size: 'Small', subtle: true }),
      { ...plainRun(neutralise(cutText(card.parent.text || '(no text)', 500).text), { italic: true }) },
    ],
  };
}

/** Top-level actions: open the post, and its parent when it has a link of its own. */
export function linkActions(card: CaseCard): AcElement[] {
  const links = [openUrl(card.url, 'Open the original post')];
  if (card.parent?.url) links.push(openUrl(card.parent.url, 'Open the post it replies to'));
  return links.filter((a): a is AcElement => a !== null);
}

/** A line saying where to look when the link cannot be a button (not http(s), or too long). */
export function linkFallback(card: CaseCard): AcElement | null {
  return openUrl(card.url, 'x') ? null : textBlock(`Original: ${safeText(card.url, 300)} (not a web link, so no button)`, { size: 'Small', subtle: true });
}
