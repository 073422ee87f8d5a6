// Owns cutting text to a length without splitting a character: by grapheme (what a person sees as one
// character: an emoji with its skin tone or ZWJ family, a flag, a letter with its combining accents).
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface CutText {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * At most `max` UTF-16 code units (the unit Slack's and Teams' limits count), ellipsis included, cut at
 * a grapheme boundary so no emoji, flag or accented letter is broken in half.
 */
export function cutText(text: string, max: number, ellipsis = '…'): CutText {
  if (text.length <= max) return { text, truncated: false };
  const room = Math.max(0, max - ellipsis.length);
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return { text: `${text.slice(0, end).trimEnd()}${ellipsis}`, truncated: true };
}

/** The text cut to `max` code units with no ellipsis (an input's initial value, a field limit). */
export function cutToFit(text: string, max: number): string {
  return cutText(text, max, '').text;
}
