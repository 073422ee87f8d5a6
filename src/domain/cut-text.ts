// Owns cutting text to a length without splitting a character: by grapheme (what a person sees as one
// character: an emoji with its skin tone or ZWJ family, a flag, a letter with its combining accents).
// Every cut for a card, a form or a message goes through here.
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface CutText {
  readonly text: string;
  readonly cut: boolean;
}

export interface CutOptions {
  /** Put after a cut text; '' for none. */
  readonly ellipsis?: string;
  /**
   * How text is written out (escaped, quoted), character by character and never shorter than it was:
   * its written length is what counts.
   */
  readonly render?: (text: string) => string;
  /** Written before the text and counted (a quote mark). */
  readonly prefix?: string;
  /** Drop trailing spaces before the ellipsis. */
  readonly trimEnd?: boolean;
}

/**
 * At most `max` UTF-16 code units (the unit Slack's and Teams' limits count), ellipsis included, cut at a
 * grapheme boundary so no emoji, flag or accented letter is broken in half.
 */
export function cutByGrapheme(text: string, max: number, o: CutOptions = {}): CutText {
  const { ellipsis = '…', render = (t: string) => t, prefix = '', trimEnd = true } = o;
  const full = prefix + render(text);
  if (full.length <= max) return { text: full, cut: false };
  const room = Math.max(0, max - ellipsis.length);
  let out = prefix;
  // Only the part that can fit is segmented (rendering never shortens): Node's segmenter slows down
  // with the length of the whole string, and a post may be 100,000 characters. A boundary depends on
  // the whole code point after it, so the window runs a few past the room and never ends mid-pair.
  for (const { segment } of segmenter.segment(windowOf(text, room + 8))) {
    const piece = render(segment);
    if (out.length + piece.length > room) break;
    out += piece;
  }
  return { text: `${trimEnd ? out.trimEnd() : out}${ellipsis}`, cut: true };
}

/** The text cut to `max` code units with no ellipsis (an input's initial value, a stored field). */
export function fitByGrapheme(text: string, max: number): string {
  return cutByGrapheme(text, max, { ellipsis: '', trimEnd: false }).text;
}

/** The first `length` code units, one more if that would split a surrogate pair. */
function windowOf(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length + 1 : length);
}
