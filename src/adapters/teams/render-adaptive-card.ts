// Owns rendering the neutral case card as an Adaptive Card (schema 1.5): title, banners, the post, facts,
// activity, and the buttons as Universal Actions; a notice on top when it is the answer to one person's click.
import type { CaseCard, Tone } from '../../cards/card-model.js';
import { adaptiveCard, banner, factSet, textBlock, type AcElement, type AdaptiveCard } from './adaptive-elements.js';
import { renderButtonSets } from './render-card-buttons.js';
import { authorBlock, linkActions, linkFallback, mentionTextBlocks, parentBlock } from './render-mention-elements.js';
import { refreshOf, shownButtons, type PersonalView } from './personal-view.js';
import type { CardView } from './teams-card-action.js';
import { safeText } from './teams-text.js';

export interface CaseCardOptions {
  /** Which message this is ('triage', or 'desk' for a copy in someone's chat); clicks redraw the same. */
  readonly view?: CardView;
  /** Shown first, e.g. a refusal in the card returned to the person who clicked (nobody else sees it). */
  readonly notice?: { readonly tone: Tone; readonly text: string };
  /** Whose view this is (their buttons only) and whom Teams refreshes it for. */
  readonly personal?: PersonalView;
}

const MAX_BANNERS = 5;
const MAX_ACTIVITY_LINES = 12;
const RISK_COLOUR = { high: 'Attention', medium: 'Warning', low: undefined } as const;

export function renderCaseCard(card: CaseCard, o: CaseCardOptions = {}): AdaptiveCard {
  const view = o.view ?? 'triage';
  const colour = RISK_COLOUR[card.risk];
  const body: AcElement[] = [];
  if (o.notice) body.push(banner(o.notice.tone, safeText(o.notice.text, 1000), 'notice'));
  body.push(textBlock(safeText(card.title, 200), { id: 'title', size: 'Medium', weight: 'Bolder', ...(colour ? { color: colour } : {}) }));
  if (card.safeguarding) body.push(safeguardingBanner(card.safeguarding));
  body.push(...card.banners.slice(0, MAX_BANNERS).map((b, i) => banner(b.tone, safeText(b.text, 1000), `banner-${i + 1}`)));
  body.push(authorBlock(card), ...mentionTextBlocks(card));
  const parent = parentBlock(card);
  if (parent) body.push(parent);
  body.push({ ...factSet(card.facts.map((f) => ({ title: safeText(f.label, 100), value: safeText(f.value, 1000) }))), id: 'facts' });
  const activity = activityBlock(card.activity);
  if (activity) body.push(activity);
  const fallback = linkFallback(card);
  if (fallback) body.push(fallback);
  body.push(...renderButtonSets(shownButtons(card.actions, o.personal), { caseId: card.caseId, version: card.version, view }, 'actions'));
  return adaptiveCard(body, { actions: linkActions(card), ...refreshOf(card.caseId, card.version, view, o.personal) });
}

/** A safeguarding referral, first and unmistakable: an attention (red) container naming it. */
function safeguardingBanner(s: NonNullable<CaseCard['safeguarding']>): AcElement {
  return {
    type: 'Container', id: 'safeguarding', style: 'attention', bleed: true,
    items: [
      textBlock(safeText(s.title, 100), { size: 'Large', weight: 'Bolder', color: 'Attention' }),
      textBlock(safeText(s.text, 1000), { weight: 'Bolder' }),
    ],
  };
}

/** Escalations, replies and moderation, one line each; the latest are kept when there are many. */
function activityBlock(lines: readonly string[]): AcElement | null {
  if (!lines.length) return null;
  const shown = lines.slice(-MAX_ACTIVITY_LINES);
  const hidden = lines.length - shown.length;
  const items = shown.map((line) => textBlock(`• ${safeText(line, 600)}`, { spacing: 'Small' }));
  if (hidden) items.unshift(textBlock(`(${hidden} earlier line${hidden > 1 ? 's' : ''} not shown)`, { size: 'Small', subtle: true }));
  return { type: 'Container', id: 'activity', separator: true, items };
}
