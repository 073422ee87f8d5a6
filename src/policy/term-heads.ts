// Owns the cheap first look before a term's regular expression: which terms' opening letters are in a text at all.
import { CodeTrie, NONE, TRIE_ROOT } from './code-trie.js';
import { RecentTexts } from './recent-texts.js';
import { formsReplaceLastLetter } from './term-expressions.js';
import { isWhiteSpace } from './white-space.js';
import { roomForAnchors, WordOpenings } from './word-openings.js';

/**
 * A term's opening letters (up to four, lower case, before any space, apostrophe or "*"): empty when it has none,
 * and then the term is always worth trying.
 */
export function termHead(term: string): string {
  return /^[^\s'’*]{1,4}/u.exec(term.trim().toLowerCase())?.[0] ?? '';
}

/**
 * What every match of the term opens with, in a plain text (NOT_PLAIN below): the longer it is, the fewer places the
 * term's expression is tried at ("pothole" is not tried at "pother", "i know where you live" not at each "i"). The
 * term's opening up to a "*" or a letter beyond ASCII (only in ASCII does a letter match no more than its own two
 * cases in a plain text: "ſ" matches "s"), its white space as one space (standing for any run of white space in the
 * text), without its apostrophes (optional in a match, and skipped by the walk: "i'll be there" is looked for as
 * "ill be there", not at each "i"), but nothing after an opening apostrophe ("'til" may match from the apostrophe);
 * less the last letter when the opening is the whole term and word forms replace that letter ("bye" also finds
 * "bying": withForms in term-expressions.ts). At least the term's head, less that last letter.
 */
export function termAnchor(term: string, forms: boolean): string {
  const whole = term.trim();
  const head = termHead(term);
  // Only the forms that replace the last letter make it optional ("bye", "bying"); "bin" opens every form of it.
  const lastVaries = forms && formsReplaceLastLetter(term);
  const fromHead = lastVaries && head === whole.toLowerCase() ? head.slice(0, -1) : head;
  let opening = '';
  let complete = true;
  for (const c of whole) {
    if (/\s/u.test(c)) {
      if (!opening.endsWith(' ')) opening += ' ';
    } else if (isApostrophe(c.charCodeAt(0)) && opening !== '') continue;
    else if (isApostrophe(c.charCodeAt(0)) || c === '*' || c > '\x7f') {
      complete = false;
      break;
    } else opening += c.toLowerCase();
  }
  if (complete && lastVaries) opening = opening.slice(0, -1);
  return opening.startsWith(fromHead) ? opening : fromHead;
}

/** Every head and anchor any term list has, in a trie by UTF-16 code unit; each with a number, for a per-text table. */
const trie = new CodeTrie();
const ids = new Map<string, number>();
/** Each registered head or anchor by its number. */
const headTexts: string[] = [];

/** The number of a head (or an anchor), registered on first sight; -1 for the empty head (always present). */
export function headId(head: string): number {
  if (!head) return -1;
  let id = ids.get(head);
  if (id === undefined) {
    id = ids.size;
    ids.set(head, id);
    headTexts.push(head);
    trie.add(head, id);
  }
  return id;
}

/**
 * What a term is looked for by: the numbers of its head and its anchor (-1: empty), and whether its anchor opens
 * with its head (then wherever the anchor opens a word, the head is there too).
 */
export interface TermLook {
  readonly head: number;
  readonly anchor: number;
  readonly headInAnchor: boolean;
}

/** A term's look, its head and anchor registered. */
export function termLook(term: string, forms: boolean): TermLook {
  const head = termHead(term);
  const anchor = termAnchor(term, forms);
  return { head: headId(head), anchor: headId(anchor), headInAnchor: head === '' || (anchor !== '' && anchor.startsWith(head)) };
}

/**
 * Which heads and anchors a text holds. In a plain text (NOT_PLAIN below), where each anchor opens a word
 * (`openings`), and whether the lower-cased text includes a head, looked up when a term asks (`lower`,
 * `headsLooked`); in another text, 1 where the lower-cased text includes the head (`anywhere`, one byte a
 * registered head) and which anchors it holds anywhere (`anchorsAnywhere`), its letters folded as an expression's
 * case-insensitive match folds them.
 */
export type HeadsPresent = PlainTextHeads | OtherTextHeads;

interface PlainTextHeads {
  readonly openings: WordOpenings;
  readonly lower: string;
  /** Per registered head: 0 not looked for yet, 1 in the text, 2 not; made when a term first asks. */
  headsLooked: Uint8Array | null;
}

interface OtherTextHeads {
  readonly openings: null;
  readonly anywhere: Uint8Array;
  readonly anchorsAnywhere: Uint8Array;
}

/**
 * Whether the term is worth its regular expression: its head is in the lower-cased text (the first look the desk
 * has always made, so the answers stay the same) and, in a plain text, its anchor opens a word there (a term's
 * expression only matches after a character that is no letter or digit; most heads found inside other words,
 * "bin" in "cabinet", end here); in another text, its anchor is in it somewhere.
 */
export function holds(heads: HeadsPresent, t: TermLook): boolean {
  if (heads.openings === null) {
    if (t.head >= 0 && heads.anywhere[t.head] !== 1) return false;
    return t.anchor < 0 || heads.anchorsAnywhere[t.anchor] === 1;
  }
  if (t.anchor >= 0 && heads.openings.first(t.anchor) < 0) return false;
  return t.head < 0 || (t.anchor >= 0 && t.headInAnchor) || headInText(heads, t.head);
}

/** Whether a plain text includes the head anywhere: a term whose anchor does not open with its head ("bye", "by") asks. */
function headInText(heads: PlainTextHeads, head: number): boolean {
  const looked = (heads.headsLooked ??= new Uint8Array(ids.size));
  if (looked[head] === 0) looked[head] = heads.lower.includes(headTexts[head]!) ? 1 : 2;
  return looked[head] === 1;
}

/**
 * The policy's lists hold a few thousand terms and a mention is read against all of them; one walk of the text
 * through the trie finds every head it holds, instead of a search of the text per term.
 */
const recent = new RecentTexts<{ readonly known: number; readonly heads: HeadsPresent }>();

export function headsIn(text: string): HeadsPresent {
  // A list compiled since (new heads) makes a kept answer incomplete.
  return recent.answer(text, (t) => ({ known: ids.size, heads: walk(t) }), (kept) => kept.known === ids.size).heads;
}

/**
 * A plain text has no letter, digit or cased character beyond ASCII, nor one that case folding or lower-casing
 * changes (emoji, curly quotes and "£" are fine, and so are marks: the variation selector of "❤️" is one, in one
 * text in seventy of the corpus; a mark is no letter or digit to either expression, and folds to itself). In it,
 * lower-casing keeps every character in its place and agrees with how a case-insensitive expression compares
 * letters, and a letter or digit is [A-Za-z0-9]: so a term's expression matches only where its anchor opens a word
 * of the lower-cased text, and need be tried only there, and the walk need start only where a word opens (a fifth
 * of the places). Elsewhere ("ſ" matches "s", "İ" lower-cases to two characters) the walk starts at
 * every place, for every head and anchor anywhere, and the expression reads the whole text.
 */
const NOT_PLAIN = /(?![\0-\x7f])[\p{L}\p{N}\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Lowercased}]/u;

function walk(text: string): HeadsPresent {
  const lower = text.toLowerCase();
  if (NOT_PLAIN.test(text)) {
    const anywhere = new Uint8Array(ids.size);
    descend(lower, anywhere, null);
    // An anchor beyond ASCII is its head, or less (termAnchor): found where the head is. An ASCII one may be found
    // only with "ſ" read as "s".
    if (!lower.includes('ſ')) return { anywhere, openings: null, anchorsAnywhere: anywhere };
    const anchorsAnywhere = anywhere.slice();
    descend(caseFolded(lower), anchorsAnywhere, null);
    return { anywhere, openings: null, anchorsAnywhere };
  }
  roomForAnchors(ids.size);
  const openings = new WordOpenings();
  descend(lower, null, openings);
  return { openings: openings.seal(), lower, headsLooked: null };
}

/**
 * The only characters beyond ASCII a case-insensitive expression matches to an ASCII letter or digit are "ſ" (to
 * "s") and the Kelvin sign (to "k", which lower-casing already gives): with "ſ" read as "s", a lower-cased text
 * holds the ASCII anchor of every term whose expression matches it.
 */
function caseFolded(lower: string): string {
  return lower.replaceAll('ſ', 's');
}

/**
 * Every head found by a walk from each place in the text (`found`), or (given `openings`) from each place a word
 * opens, and where each opens it.
 */
function descend(lower: string, found: Uint8Array | null, openings: WordOpenings | null): void {
  // From the end, so that each head's list, built by putting each place in front, reads from the start.
  for (let start = lower.length - 1; start >= 0; start--) {
    // No anchor opens with an apostrophe (termAnchor): the word opens at the letter after it.
    if (openings !== null && ((start > 0 && isAsciiLetterOrDigit(lower.charCodeAt(start - 1))) || isApostrophe(lower.charCodeAt(start)))) continue;
    let node = TRIE_ROOT;
    let inSpace = false;
    for (let i = start; i < lower.length; i++) {
      const code = spaceAsOne(lower.charCodeAt(i));
      // An apostrophe is optional where a term has one, and never in its anchor: skipped ("I'll", "I’ll" and "Ill").
      if (isApostrophe(code)) continue;
      // A run of white space is the one space of an anchor ("car  park" holds "car park"), as the expression's \s+ is.
      if (code === 0x20 && inSpace) continue;
      inSpace = code === 0x20;
      node = trie.child(node, code);
      if (node === NONE) break;
      const id = trie.value(node);
      if (id === NONE) continue;
      if (openings !== null) openings.add(id, start);
      else found![id] = 1;
    }
  }
}

/** Any white space (what `\s` matches) as a plain space, so an anchor's space stands for any of them ("car park"). */
function spaceAsOne(code: number): number {
  return isWhiteSpace(code) ? 0x20 : code;
}

/** The two apostrophes a term's expression takes for each of its own (term-expressions.ts): ' and ’. */
function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}
