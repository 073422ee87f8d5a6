// Finds the policy's words and phrases in a text: whole words, any case, and (where asked) their word forms.
import { firstMatch, policyPattern, type PolicyPattern } from './pattern-first-look.js';
import { headId, headsIn, holds, termAnchor, termHead } from './term-heads.js';

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
  for (const t of list) if (holds(heads, t.head, t.anchor) && firstIn(t, text) !== undefined) out.push(t.term);
  return out;
}

/** Whether any of the terms is in `text`: the first found ends the search. */
export function hasAnyTerm(text: string, terms: readonly string[], options: FindTermsOptions = {}): boolean {
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  return list.some((t) => holds(heads, t.head, t.anchor) && firstIn(t, text) !== undefined);
}

/** Where each term found first occurs, in the policy's order: for explaining a match in the resident's own words. */
export function findTermTexts(text: string, terms: readonly string[], options: FindTermsOptions = {}): string[] {
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  const out: string[] = [];
  for (const t of list) {
    const found = holds(heads, t.head, t.anchor) ? firstIn(t, text) : undefined;
    if (found !== undefined) out.push(found);
  }
  return out;
}

/** Where a term first occurs: for explaining a match in the resident's own words. */
export function findTermText(text: string, term: string, options: FindTermsOptions = {}): string | null {
  return findTermTexts(text, [term], options)[0] ?? null;
}

/**
 * A term made ready once: its regular expression and the numbers of its opening letters, which must be in the text
 * before the expression is worth running. One global expression serves the first match and every match, read
 * from the start each time: V8 takes about a millisecond to make each (Unicode classes, any case), and a policy
 * has thousands of terms.
 */
interface CompiledTerm {
  readonly term: string;
  readonly head: number;
  /** The number of the letters every match opens with (term-heads.ts). */
  readonly anchor: number;
  readonly everywhere: RegExp;
}

/** The term's first match in the text, as written there; undefined when there is none. */
function firstIn(t: CompiledTerm, text: string): string | undefined {
  t.everywhere.lastIndex = 0;
  return t.everywhere.exec(text)?.[0];
}

const terms = new Map<string, CompiledTerm>();
function compiledTerm(term: string, forms: boolean): CompiledTerm {
  const key = `${forms ? 'f' : 'x'}:${term}`;
  let c = terms.get(key);
  if (!c) {
    c = { term, head: headId(termHead(term)), anchor: headId(termAnchor(term, forms)), everywhere: new RegExp(termPattern(term, forms).source, 'giu') };
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

/** A term's expression: whole words, any case, apostrophes optional, word forms where asked (exported for the tests' plain scan). */
export function termPattern(term: string, forms: boolean): RegExp {
  const trimmed = term.trim();
  const wildcard = trimmed.endsWith('*');
  const base = wildcard ? trimmed.slice(0, -1) : trimmed;
  // Apostrophes: residents type ' or ’ or nothing ("dont").
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]?");
  const body = wildcard ? `${escaped}[\\p{L}\\p{N}'’-]*` : forms ? withForms(escaped) : escaped;
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
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
  /** The term's place in the list searched. */
  readonly position: number;
}

/** Every place each term occurs, term by term in the list's order, for "this word near that word" rules. */
export function findTermMatches(text: string, terms: readonly string[], options: FindTermsOptions = {}): TermMatch[] {
  const list = compiledList(terms, options.forms ?? false);
  const heads = headsIn(text);
  const out: TermMatch[] = [];
  list.forEach((t, position) => {
    if (holds(heads, t.head, t.anchor)) everyMatch(text, t, position, out);
  });
  return out;
}

/**
 * What `text.matchAll` gives, without the copy of the expression it makes each call (twice the cost of the
 * matching itself on a mention's length, for hundreds of keywords a mention). An empty match moves on one
 * character (a whole surrogate pair), as matchAll does.
 */
function everyMatch(text: string, t: CompiledTerm, position: number, out: TermMatch[]): void {
  const re = t.everywhere;
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
  for (const p of compiledPatterns(patterns)) {
    const found = firstMatch(p, text);
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
