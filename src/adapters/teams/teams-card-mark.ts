// Owns the mark on every card the desk posts in Teams (which case, which purpose), and reading it back from a
// message as Microsoft Graph returns it, so a card whose answer was lost can be recognised in its channel.
import type { AdaptiveCard } from './adaptive-elements.js';

/**
 * A property at the card's root: renderers ignore what they do not know, and Teams keeps the card's JSON as
 * sent, which Graph returns as the attachment's content (a JSON string).
 */
export const CARD_MARK = 'mentionDesk';

export interface CardMark {
  readonly caseId: string;
  readonly purpose: string;
}

export type MarkedCard = AdaptiveCard & { readonly [CARD_MARK]: CardMark };

export function markCard(card: AdaptiveCard, caseId: string, purpose: string): MarkedCard {
  return { ...card, [CARD_MARK]: { caseId, purpose } };
}

/** Whether an attachment's content (a JSON string from Graph, or an object) is a card marked for this case and purpose. */
export function carriesMark(content: unknown, caseId: string, purpose: string): boolean {
  const card = typeof content === 'string' ? parseJson(content) : content;
  const mark = (card as Record<string, unknown> | null)?.[CARD_MARK] as Partial<CardMark> | undefined;
  return mark?.caseId === caseId && mark.purpose === purpose;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not ours: another app's attachment, or a card Teams rewrote.
    return null;
  }
}
