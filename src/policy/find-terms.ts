// Finds the policy's words and phrases in a text: whole words, any case, and (where asked) their word forms.
const cache = new Map<string, RegExp>();

export interface FindTermsOptions {
  /**
   * Also match the last word's plural and verb forms: "pothole" finds "potholes", "library" finds
   * "libraries", "collect" finds "collected" and "collecting". A term ending in "*" always matches
   * any ending ("complain*" finds "complaints"), with or without this option.
   */
  readonly forms?: boolean;
}

/** The terms found in `text`, as the policy spells them, in the policy's order. */
export function findTerms(text: string, terms: readonly string[], options: FindTermsOptions = {}): string[] {
  const lower = text.toLowerCase();
  return terms.filter((t) => mayContain(lower, t) && termPattern(t, options.forms ?? false).test(text));
}

/**
 * A cheap first look before the regular expression: the term's opening letters must be in the text.
 * Lists run to hundreds of terms a mention, and most are absent.
 */
function mayContain(lowerText: string, term: string): boolean {
  const head = headOf(term);
  return !head || lowerText.includes(head);
}

const heads = new Map<string, string>();
/** A term's opening letters, worked out once per term (the lists are read for every mention). */
function headOf(term: string): string {
  let head = heads.get(term);
  if (head === undefined) {
    head = /^[^\s'’*]{1,4}/u.exec(term.trim().toLowerCase())?.[0] ?? '';
    heads.set(term, head);
  }
  return head;
}

/** Where a term first occurs: for explaining a match in the resident's own words. */
export function findTermText(text: string, term: string, options: FindTermsOptions = {}): string | null {
  if (!mayContain(text.toLowerCase(), term)) return null;
  return termPattern(term, options.forms ?? false).exec(text)?.[0] ?? null;
}

function termPattern(term: string, forms: boolean): RegExp {
  const key = `${forms ? 'f' : 'x'}:${term}`;
  let re = cache.get(key);
  if (!re) {
    const trimmed = term.trim();
    const wildcard = trimmed.endsWith('*');
    const base = wildcard ? trimmed.slice(0, -1) : trimmed;
    // Apostrophes: residents type ' or ’ or nothing ("dont").
    const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]?");
    const body = wildcard ? `${escaped}[\\p{L}\\p{N}'’-]*` : forms ? withForms(escaped) : escaped;
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
    cache.set(key, re);
  }
  return re;
}

/** English endings residents use: bins, libraries, collected, fly-tipping (a doubled last consonant). */
function withForms(escaped: string): string {
  if (!/[a-z]$/i.test(escaped)) return escaped;
  if (/[^aeiou]y$/i.test(escaped)) return `${escaped.slice(0, -1)}(?:y|ies|ied|ying)`;
  if (/e$/i.test(escaped)) return `${escaped.slice(0, -1)}(?:e|es|ed|ing|ings)`;
  const last = escaped.slice(-1);
  const doubled = /[bdglmnprt]/i.test(last) && /[aeiou][bdglmnprt]$/i.test(escaped) ? `(?:${last})?` : '';
  return `${escaped}(?:s|es|${doubled}ed|${doubled}ing|${doubled}ings)?`;
}

export interface TermMatch {
  readonly term: string;
  /** As the resident wrote it. */
  readonly text: string;
  readonly index: number;
}

/** Every place each term occurs, for "this word near that word" rules. */
export function findTermMatches(text: string, terms: readonly string[], options: FindTermsOptions = {}): TermMatch[] {
  const out: TermMatch[] = [];
  const lower = text.toLowerCase();
  for (const term of terms) {
    if (!mayContain(lower, term)) continue;
    const re = globalPattern(term, options.forms ?? false);
    for (const m of text.matchAll(re)) out.push({ term, text: m[0], index: m.index });
  }
  return out;
}

const globals = new Map<string, RegExp>();
function globalPattern(term: string, forms: boolean): RegExp {
  const key = `${forms ? 'f' : 'x'}:${term}`;
  let re = globals.get(key);
  if (!re) {
    re = new RegExp(termPattern(term, forms).source, 'giu');
    globals.set(key, re);
  }
  return re;
}

/** The first match of each pattern (case-insensitive), as the resident wrote it. */
export function findPatterns(text: string, patterns: readonly string[]): string[] {
  return patterns.flatMap((p) => compiled(p).exec(text)?.[0] ?? []);
}

const patterns = new Map<string, RegExp>();
function compiled(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, 'iu');
    patterns.set(source, re);
  }
  return re;
}
