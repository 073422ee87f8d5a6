// Owns running a policy pattern (a regular expression in the policy's lists) only where it can match at all.
import { holdsAnyLiteral, literalId, literalsIn } from './literals-present.js';
import { requiredLiterals } from './pattern-literals.js';

/**
 * V8 runs a case-insensitive Unicode expression holding `\b` some ten to twenty times slower than the same
 * expression without it (it checks the boundary, with case folding, at every place in the text), and the policy's
 * patterns all open with one: they were most of the patterns' cost a mention. The pattern with its boundary
 * assertions taken out matches wherever the pattern does (an assertion only ever rules a match out), so where
 * it finds nothing neither can the pattern, and the pattern itself runs only where it might match: same answers.
 */
export interface PolicyPattern {
  readonly pattern: RegExp;
  /** The pattern without `\b` and `\B`; null when it has none to take out. */
  readonly firstLook: RegExp | null;
  /**
   * The numbers (literals-present.ts) of strings one of which every match holds (pattern-literals.ts); null when
   * the source does not tell. A mention is read against a hundred patterns and matches almost none: most are ruled
   * out by the text's one walk for these strings, without running their expressions over it at all.
   */
  readonly required: Int32Array | null;
}

const compiled = new Map<string, PolicyPattern>();

/** A policy pattern compiled once (case-insensitive, Unicode), with its first look. */
export function policyPattern(source: string): PolicyPattern {
  let p = compiled.get(source);
  if (!p) {
    const pattern = new RegExp(source, 'iu');
    const loose = withoutBoundaries(source);
    p = { pattern, firstLook: loose === null ? null : looseExpression(loose), required: requiredIds(source) };
    compiled.set(source, p);
  }
  return p;
}

/**
 * The pattern's first match in the text, as written there; undefined when there is none. `present`: literalsIn's
 * answer for the text, when the caller has it.
 */
export function firstMatch(p: PolicyPattern, text: string, present?: Uint8Array): string | undefined {
  if (p.required !== null && !holdsAnyLiteral(present ?? literalsIn(text), p.required)) return undefined;
  if (p.firstLook !== null && !p.firstLook.test(text)) return undefined;
  return p.pattern.exec(text)?.[0];
}

function requiredIds(source: string): Int32Array | null {
  const literals = requiredLiterals(source);
  return literals === null ? null : Int32Array.from(literals, literalId);
}

/**
 * The source without its word-boundary assertions (`\b`, `\B` outside a character class, where `[\b]` is a
 * backspace); other escapes are copied as they are. Null when there is none.
 */
export function withoutBoundaries(source: string): string | null {
  let out = '';
  let inClass = false;
  let removed = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      i++;
      if (!inClass && (next === 'b' || next === 'B')) removed = true;
      else out += c + next;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return removed ? out : null;
}

/** The first look as an expression; none (the pattern alone) should the loosened source not compile. */
function looseExpression(source: string): RegExp | null {
  try {
    return new RegExp(source, 'iu');
  } catch {
    return null;
  }
}
