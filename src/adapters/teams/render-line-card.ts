// Owns the small cards that carry one line: a thread line under a case card, a reminder or a breach notice.
// A card rather than message text, because Teams reads HTML in message text and a card reads none.
import { adaptiveCard, textBlock, type AdaptiveCard } from './adaptive-elements.js';
import { safeText, type TeamsMention } from './teams-text.js';

export function renderLineCard(line: string, notify: readonly TeamsMention[] = [], tone?: 'Attention' | 'Warning', link?: { title: string; url: string }): AdaptiveCard {
  const lead = notify.length ? `${notify.map((m) => m.text).join(' ')} ` : '';
  const actions = link ? [{ type: 'Action.OpenUrl', title: link.title, url: link.url }] : [];
  return adaptiveCard([textBlock(lead + safeText(line, 3000), { id: 'line', ...(tone ? { color: tone } : {}) })], { mentions: notify, actions });
}
