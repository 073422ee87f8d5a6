// Owns Slack text safety: escaping people's words so they cannot ping, link or break a message, and cutting to limits.
import { cutByGrapheme } from '../../domain/cut-text.js';

/**
 * Slack decodes only these three entities; escaping them is what stops `<!channel>`, `<@U…>` and
 * `<https://evil|innocent text>` in a resident's post from becoming a ping or a disguised link.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes, then cuts to `max` characters without splitting an entity or a character (by grapheme). */
export function escapeAndCut(text: string, max: number): { readonly text: string; readonly cut: boolean } {
  return cutByGrapheme(text, max, { render: escapeSlack });
}

/** Cuts our own plain text (labels, titles) to a limit, by grapheme. */
export function cut(text: string, max: number): string {
  return cutByGrapheme(text, max).text;
}

/** Escapes and quotes every line (a post reads as a quotation), cut to `max` characters in all, by grapheme. */
export function quoteAndCut(text: string, max: number): { readonly text: string; readonly cut: boolean } {
  return cutByGrapheme(text, max, { prefix: '>', trimEnd: false, render: (t) => escapeSlack(t).replace(/\n/g, '\n>') });
}

/** Longer links are not linked (Slack cuts them); the card still names the network to look on. */
export const MAX_LINK_URL = 1500;

/** A link in mrkdwn. The URL is escaped and `|` percent-encoded so the label cannot be forged. */
export function link(url: string, label: string): string {
  const safeUrl = escapeSlack(url).replace(/\|/g, '%7C');
  if (safeUrl.length > MAX_LINK_URL) return `${escapeSlack(label)} (the link is too long to show here)`;
  return `<${safeUrl}|${escapeSlack(label)}>`;
}

/** mrkdwn text with `verbatim` on: Slack then does not auto-link channel names, @here or URLs in it. */
export function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: cut(text, max), emoji: true };
}

/** A mention of a Slack user that notifies them. */
export function userMention(userId: string): string {
  return `<@${userId}>`;
}
