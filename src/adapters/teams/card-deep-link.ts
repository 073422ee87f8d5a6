// Owns the Teams deep link to a posted case card (Microsoft's documented /l/message/{channel}/{message} form).
import type { CardMessage } from '../../services/ports.js';

/**
 * The conversation id of a channel post may carry ";messageid=…" (the thread it opened); the link
 * wants the channel id alone. A card is a root post, so it is its own parent message.
 */
export function cardDeepLink(card: Pick<CardMessage, 'channel' | 'messageId'>, tenantId: string | null): string {
  const channelId = card.channel.split(';')[0]!;
  const query = new URLSearchParams({ ...(tenantId ? { tenantId } : {}), parentMessageId: card.messageId });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(card.messageId)}?${query}`;
}
