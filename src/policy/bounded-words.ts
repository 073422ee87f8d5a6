// Owns the text the detectors read: every run of characters without a space, and every run of white space, cut to
// its first 100 characters.
// Many policy patterns and lexicon look-ups open with an unbounded run (`\d+`, `\w+`) that is tried from each place
// in a run and scans to its end, so their cost grows with the square of the longest run: one 100,000-digit "word" in
// a hostile post took 18 s of the event loop. No word a resident writes, nor any link worth reading, is longer; what
// such a run means is in its opening characters. White space likewise: a pattern with `\s*\s+` (a threat's "i …
// will") backtracks over a run of spaces, so "i", 99,998 spaces and "x" took 33 s; nobody writes 100 spaces in a row.
import { isWhiteSpace } from './white-space.js';

const LONGEST_RUN = 100;
const LONG_RUN = new RegExp(`\\S{${LONGEST_RUN + 1},}|\\s{${LONGEST_RUN + 1},}`, 'g');

export function boundWords(text: string): string {
  if (!hasLongRun(text)) return text;
  return text.replace(LONG_RUN, (run) => Array.from(run).slice(0, LONGEST_RUN).join(''));
}

/**
 * Whether any run is longer than the bound, read character by character: the expression, tried from each place
 * of every mention (and nearly always finding nothing), cost ten times as much.
 */
function hasLongRun(text: string): boolean {
  let run = 0;
  let white = false;
  for (let i = 0; i < text.length; i++) {
    const isWhite = isWhiteSpace(text.charCodeAt(i));
    run = isWhite === white ? run + 1 : 1;
    white = isWhite;
    if (run > LONGEST_RUN) return true;
  }
  return false;
}
