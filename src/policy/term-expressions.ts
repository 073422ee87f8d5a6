// Owns the regular expressions a policy term is matched by: whole words, any case, apostrophes optional, word forms.

/** What counts as a letter or digit next to a term: any script's, or (in a plain text, term-heads.ts) ASCII's. */
const ANY_LETTER_OR_DIGIT = '\\p{L}\\p{N}';
const ASCII_LETTER_OR_DIGIT = 'A-Za-z0-9';

/** A term's expression: whole words, any case, apostrophes optional, word forms where asked (exported for the tests' plain scan). */
export function termPattern(term: string, forms: boolean): RegExp {
  return new RegExp(termSource(term, forms), 'iu');
}

/** The source of termPattern's expression. */
export function termSource(term: string, forms: boolean): string {
  const L = ANY_LETTER_OR_DIGIT;
  return `(?<![${L}])${termBody(term, forms, L)}(?![${L}])`;
}

/**
 * The same expression for a plain text (term-heads.ts), tried only where the term's anchor opens a word: the
 * opening is known to follow no letter or digit, so there is no look behind, and in a plain text every letter or
 * digit is ASCII, so the classes are ASCII's. It matches where termPattern's does, as it does; and V8 makes it in a
 * fifteenth of the time (a case-insensitive \p{L} is a table of thousands of ranges), which was most of the cost
 * of the first mentions a desk reads.
 */
export function plainTextSource(term: string, forms: boolean): string {
  const L = ASCII_LETTER_OR_DIGIT;
  return `${termBody(term, forms, L)}(?![${L}])`;
}

function termBody(term: string, forms: boolean, letterOrDigit: string): string {
  const trimmed = term.trim();
  const wildcard = trimmed.endsWith('*');
  const escaped = escapedBase(trimmed);
  return wildcard ? `${escaped}[${letterOrDigit}'’-]*` : forms ? withForms(escaped) : escaped;
}

/** The term, less any "*", as an expression's source. Apostrophes: residents type ' or ’ or nothing ("dont"). */
function escapedBase(trimmed: string): string {
  const base = trimmed.endsWith('*') ? trimmed.slice(0, -1) : trimmed;
  return base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]?");
}

/**
 * Whether the term's word forms replace its last letter ("bye" finds "bying", "spy" finds "spies"): else every form
 * opens with the whole term ("bin" finds "binned"), which term-heads.ts looks for before trying the expression.
 */
export function formsReplaceLastLetter(term: string): boolean {
  const trimmed = term.trim();
  return !trimmed.endsWith('*') && replacedLastLetter(escapedBase(trimmed));
}

/** The endings that replace a last letter: "y" after a consonant (libraries), "e" (collected). */
const ENDS_IN_LETTER = /[a-z]$/i;
const REPLACED_Y = /[^aeiou]y$/i;
const REPLACED_E = /e$/i;

function replacedLastLetter(escaped: string): boolean {
  return ENDS_IN_LETTER.test(escaped) && (REPLACED_Y.test(escaped) || REPLACED_E.test(escaped));
}

/** English endings residents use: bins, libraries, collected, fly-tipping (a doubled last consonant). */
function withForms(escaped: string): string {
  if (!ENDS_IN_LETTER.test(escaped)) return escaped;
  if (REPLACED_Y.test(escaped)) return `${escaped.slice(0, -1)}(?:y|ies|ied|ying)`;
  if (REPLACED_E.test(escaped)) return `${escaped.slice(0, -1)}(?:e|es|ed|ing|ings)`;
  const last = escaped.slice(-1);
  const doubled = /[bdglmnprt]/i.test(last) && /[aeiou][bdglmnprt]$/i.test(escaped) ? `(?:${last})?` : '';
  return `${escaped}(?:s|es|${doubled}ed|${doubled}ing|${doubled}ings)?`;
}
