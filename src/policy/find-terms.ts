// Finds the policy's words and phrases in a text: whole words, any case, and (where asked) their word forms.
import { literalsIn } from './literals-present.js';
import { firstMatch, policyPattern, type PolicyPattern } from './pattern-first-look.js';
import { headsIn, holds, termLook, type HeadsPresent, type TermLook } from './term-heads.js';
import { plainTextSource, termSource } from './term-expressions.js';

export { termPattern } from './term-expressions.js';

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
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  const out: string[] = [];
  for (const t of list) if (holds(heads, t) && firstIn(t, text, heads) !== undefined) out.push(t.term);
  return out;
}

/** Whether any of the terms is in `text`: the first found ends the search. */
export function hasAnyTerm(text: string, terms: readonly string[], options: FindTermsOptions = {}): boolean {
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  return list.some((t) => holds(heads, t) && firstIn(t, text, heads) !== undefined);
}

/** Where each term found first occurs, in the policy's order: for explaining a match in the resident's own words. */
export function findTermTexts(text: string, terms: readonly string[], options: FindTermsOptions = {}): string[] {
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  const out: string[] = [];
  for (const t of list) {
    const found = holds(heads, t) ? firstIn(t, text, heads) : undefined;
    if (found !== undefined) out.push(found);
  }
  return out;
}

/** Where a term first occurs: for explaining a match in the resident's own words. */
export function findTermText(text: string, term: string, options: FindTermsOptions = {}): string | null {
  return findTermTexts(text, [term], options)[0] ?? null;
}

/**
 * A term made ready once: the numbers of its opening letters, which must be in the text before an expression is
 * worth running, and its expressions, each made the first time it is needed (V8 takes up to half a millisecond to
 * make one, and a policy has thousands of terms). One global expression serves the first match and every match,
 * read from the start each time; one sticky expression is tried where the anchor opens a word of a plain text.
 */
interface CompiledTerm extends TermLook {
  readonly term: string;
  readonly forms: boolean;
  everywhere: RegExp | null;
  atOpening: RegExp | null;
}

/** The term's first match in the text, as written there; undefined when there is none. */
function firstIn(t: CompiledTerm, text: string, heads: HeadsPresent): string | undefined {
  const openings = heads.openings;
  if (openings === null || t.anchor < 0) {
    const re = everywhere(t);
    re.lastIndex = 0;
    return re.exec(text)?.[0];
  }
  const re = atOpening(t);
  for (let k = openings.first(t.anchor); k >= 0; k = openings.next[k]!) {
    re.lastIndex = openings.at[k]!;
    const m = re.exec(text);
    if (m !== null) return m[0];
  }
  return undefined;
}

function everywhere(t: CompiledTerm): RegExp {
  return (t.everywhere ??= new RegExp(termSource(t.term, t.forms), 'giu'));
}

function atOpening(t: CompiledTerm): RegExp {
  return (t.atOpening ??= new RegExp(plainTextSource(t.term, t.forms), 'iuy'));
}

const terms = new Map<string, CompiledTerm>();
function compiledTerm(term: string, forms: boolean): CompiledTerm {
  const key = `${forms ? 'f' : 'x'}:${term}`;
  let c = terms.get(key);
  if (!c) {
    c = { term, forms, ...termLook(term, forms), everywhere: null, atOpening: null };
    terms.set(key, c);
  }
  return c;
}

/**
 * A list compiled once, kept as long as the list itself (the policy's lists live as long as the policy): the
 * lists are read for every mention, and looking each term up again by name cost as much as matching it.
 * Compile before asking headsIn: a list seen for the first time registers its heads, and a text's table only
 * knows the heads registered when it was made.
 */
const lists = { forms: new WeakMap<readonly string[], CompiledTerm[]>(), exact: new WeakMap<readonly string[], CompiledTerm[]>() };
function compiledList(list: readonly string[], forms: boolean): CompiledTerm[] {
  const cache = forms ? lists.forms : lists.exact;
  let compiled = cache.get(list);
  if (!compiled) {
    compiled = list.map((t) => compiledTerm(t, forms));
    cache.set(list, compiled);
  }
  return compiled;
}

export interface TermMatch {
  readonly term: string;
  /** As the resident wrote it. */
  readonly text: string;
  readonly index: number;
  /** The term's place in the list searched. */
  readonly position: number;
}

/** Every place each term occurs, term by term in the list's order, for "this word near that word" rules. */
export function findTermMatches(text: string, terms: readonly string[], options: FindTermsOptions = {}): TermMatch[] {
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  const out: TermMatch[] = [];
  list.forEach((t, position) => {
    if (holds(heads, t)) everyMatch(text, heads, t, position, out);
  });
  return out;
}

/**
 * What `text.matchAll` gives, without the copy of the expression it makes each call (twice the cost of the
 * matching itself on a mention's length, for hundreds of keywords a mention). In a plain text the sticky expression
 * is tried at each place the anchor opens a word, from the end of the last match on: matches start nowhere else, so
 * these are the same matches. Elsewhere an empty match moves on one character (a whole surrogate pair), as matchAll does.
 */
function everyMatch(text: string, heads: HeadsPresent, t: CompiledTerm, position: number, out: TermMatch[]): void {
  const openings = heads.openings;
  if (openings === null || t.anchor < 0) {
    everyMatchEverywhere(text, t, position, out);
    return;
  }
  const re = atOpening(t);
  let from = 0;
  for (let k = openings.first(t.anchor); k >= 0; k = openings.next[k]!) {
    const at = openings.at[k]!;
    if (at < from) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null) continue;
    out.push({ term: t.term, text: m[0], index: at, position });
    from = at + m[0].length;
  }
}

function everyMatchEverywhere(text: string, t: CompiledTerm, position: number, out: TermMatch[]): void {
  const re = everywhere(t);
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ term: t.term, text: m[0], index: m.index, position });
    if (m[0] === '') re.lastIndex = nextCodePoint(text, re.lastIndex);
  }
}

function nextCodePoint(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? at + (text.codePointAt(at)! > 0xffff ? 2 : 1) : at + 1;
}

/** The first match of each pattern (case-insensitive), as the resident wrote it. */
export function findPatterns(text: string, patterns: readonly string[]): string[] {
  const out: string[] = [];
  if (patterns.length === 0) return out;
  // Compiled first (a list seen for the first time registers its strings), then the strings the text holds, looked
  // up once for the list rather than once a pattern.
  const compiled = compiledPatterns(patterns);
  const present = literalsIn(text);
  for (const p of compiled) {
    const found = firstMatch(p, text, present);
    if (found !== undefined) out.push(found);
  }
  return out;
}

/** A list of patterns compiled once, kept as long as the list (as the term lists are). */
const patternLists = new WeakMap<readonly string[], PolicyPattern[]>();
function compiledPatterns(list: readonly string[]): PolicyPattern[] {
  let compiled = patternLists.get(list);
  if (!compiled) {
    compiled = list.map(policyPattern);
    patternLists.set(list, compiled);
  }
  return compiled;
}
