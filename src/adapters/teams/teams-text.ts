// Owns Teams text safety: people's words shown on Adaptive Cards cannot format, link, ping or run a card function.
import { fitByGrapheme } from '../../domain/cut-text.js';

/** Markdown Adaptive Cards honour (bold, italic, lists, links) plus what CommonMark would read as code or emphasis. */
const MARKDOWN = /[\\`*_~[\]]/g;
/** Line starts that Teams turns into lists or quotes: "- ", "+ ", "1. ", "> ", "# ". */
const LINE_START = /^(\s*)(?:([-+>#])|(\d+)([.)]))/gm;
/** A zero-width space: invisible, but breaks the token it sits in. */
const ZWSP = '\u200B';

/**
 * For a TextBlock or a FactSet value (markdown on): backslash-escapes markdown (CommonMark allows
 * it before any ASCII punctuation), then neutralises what markdown escaping cannot reach:
 * `<at>…</at>` mentions, `{{DATE(…)}}`/`{{TIME(…)}}` functions, and `&…;` entities.
 */
export function escapeCardText(text: string): string {
  const escaped = text.replace(MARKDOWN, (c) => `\\${c}`);
  // "3. " is escaped as "3\. ": a backslash may only stand before punctuation, never before the digit.
  const lines = escaped.replace(LINE_START, (_m, space: string, mark?: string, digits?: string, dot?: string) => (mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`));
  return neutralise(lines);
}

/** For a TextRun (no markdown there): only the mention, function and entity tokens. */
export function neutralise(text: string): string {
  return text
    .replace(/<(\/?at\b)/gi, `<${ZWSP}$1`)
    .replace(/\{\{/g, `{${ZWSP}{`)
    .replace(/&(#?\w+;)/g, `&${ZWSP}$1`);
}

/** Cuts our own or escaped text to `max` characters without splitting a character (by grapheme) or an escape. */
export function cutText(text: string, max: number): { readonly text: string; readonly cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  // A lone backslash left at the end would escape the ellipsis.
  let out = fitByGrapheme(text, max - 1);
  if (out.endsWith('\\') && !out.endsWith('\\\\')) out = out.slice(0, -1);
  return { text: `${out.trimEnd()}…`, cut: true };
}

/** Escapes, then cuts: the common case for a person's words. */
export function safeText(text: string, max: number): string {
  return cutText(escapeCardText(text), max).text;
}

/** A mention that notifies: `<at>Name</at>` in the text plus its entity on the card or message. */
export interface TeamsMention {
  readonly text: string;
  readonly entity: { readonly type: 'mention'; readonly text: string; readonly mentioned: { readonly id: string; readonly name: string } };
}

/** Names are ours (the policy file), but still stripped of what would break the tag. */
export function mentionOf(userId: string, name: string): TeamsMention {
  const text = `<at>${name.replace(/[<>]/g, '')}</at>`;
  return { text, entity: { type: 'mention', text, mentioned: { id: userId, name } } };
}
