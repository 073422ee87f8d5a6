// Owns reading a policy pattern's source for the words every match must hold: "(?:you've|been)\s+warned" holds
// "warned", "\b(?:pikey|paki)s?\b" holds "pikey" or "paki". A text holding none of them cannot match.

/**
 * Some of these strings (lower case, ASCII) is in every match of the pattern, compared case-insensitively; null
 * when the source says too little to tell (every branch must name one) or is beyond what is read here. Sound, not
 * complete: whatever is not understood counts as any text at all, which only ever makes the answer null.
 */
export function requiredLiterals(source: string): readonly string[] | null {
  const reader = new SourceReader(source);
  const read = reader.disjunction();
  if (read === null || !reader.done()) return null;
  return useful(read.must) ? read.must : null;
}

/**
 * What is known of a piece of a pattern: `exact`, every string it can match (when few and all ASCII, lower case);
 * `must`, strings one of which is in every match. Null: not known.
 */
interface Known {
  readonly exact: readonly string[] | null;
  readonly must: readonly string[] | null;
}

/** Beyond these the alternatives are not worth multiplying out (each is a look in the text). */
const MOST_STRINGS = 32;
const LONGEST_STRING = 40;

const ANY: Known = { exact: null, must: null };
const EMPTY: Known = { exact: [''], must: null };

function literal(char: string): Known {
  // Only ASCII is compared by lower-casing alone; "ſ" and the Kelvin sign are folded by the caller (foldedText).
  return char <= '\x7f' ? { exact: [char.toLowerCase()], must: null } : ANY;
}

/** Strings one of which is always present, each saying something: none empty. */
function useful(strings: readonly string[] | null): strings is readonly string[] {
  return strings !== null && strings.length > 0 && strings.length <= MOST_STRINGS && strings.every((s) => s.length > 0);
}

/** The surer of two requirements: the one whose shortest string is longest, then the one with fewer strings. */
function better(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  if (!useful(a)) return useful(b) ? b : null;
  if (!useful(b)) return a;
  const shortest = (xs: readonly string[]) => Math.min(...xs.map((x) => x.length));
  return shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a;
}

function product(a: readonly string[], b: readonly string[]): readonly string[] | null {
  if (a.length * b.length > MOST_STRINGS) return null;
  const out = a.flatMap((x) => b.map((y) => x + y));
  return out.some((s) => s.length > LONGEST_STRING) ? null : [...new Set(out)];
}

function union(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  if (a === null || b === null || a.length + b.length > MOST_STRINGS) return null;
  return [...new Set([...a, ...b])];
}

/** One piece after another: exact while every piece is, and the surest requirement of any run of exact pieces or piece. */
function sequence(pieces: readonly Known[]): Known {
  let must: readonly string[] | null = null;
  let run: readonly string[] | null = [''];
  // Whether `run` reaches back to the first piece: then it is everything the sequence can match.
  let whole = true;
  for (const piece of pieces) {
    must = better(must, piece.must);
    const joined: readonly string[] | null = run !== null && piece.exact !== null ? product(run, piece.exact) : null;
    if (joined === null) {
      must = better(must, run);
      run = piece.exact;
      whole = false;
    } else run = joined;
  }
  must = better(must, run);
  return { exact: whole ? run : null, must };
}

/** Either branch: exact when both are; a requirement only when both branches have one. */
function either(a: Known, b: Known): Known {
  const mustOf = (k: Known) => better(k.must, k.exact);
  const must = useful(mustOf(a)) && useful(mustOf(b)) ? union(mustOf(a), mustOf(b)) : null;
  return { exact: union(a.exact, b.exact), must };
}

function repeated(piece: Known, min: number, max: number): Known {
  const must = min >= 1 ? better(piece.must, piece.exact) : null;
  if (min === 1 && max === 1) return piece;
  if (min === 0 && max === 1) return { exact: piece.exact === null ? null : union([''], piece.exact), must: null };
  return { exact: null, must };
}

/** Reads a JavaScript (Unicode mode) expression's source, piece by piece; null where it meets what it does not read. */
class SourceReader {
  private at = 0;

  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at === this.source.length;
  }

  disjunction(): Known | null {
    let known = this.alternative();
    while (known !== null && this.source[this.at] === '|') {
      this.at++;
      const next = this.alternative();
      known = next === null ? null : either(known, next);
    }
    return known;
  }

  private alternative(): Known | null {
    const pieces: Known[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom();
      if (atom === null) return null;
      const piece = this.quantified(atom);
      if (piece === null) return null;
      pieces.push(piece);
    }
    return sequence(pieces);
  }

  private quantified(atom: Known): Known | null {
    const c = this.source[this.at];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (m === null) return null;
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return atom;
    if (this.source[this.at] === '?') this.at++;
    return repeated(atom, min, max);
  }

  private atom(): Known | null {
    const c = this.source[this.at]!;
    if (c === '(') return this.group();
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    if ('*+?{}]'.includes(c)) return null;
    this.at += c.length;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.') return ANY;
    const code = this.source.codePointAt(this.at - 1)!;
    if (code > 0xffff) {
      this.at++;
      return ANY;
    }
    return literal(c);
  }

  private group(): Known | null {
    const rest = this.source.slice(this.at);
    const opening = /^\((?:\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(rest)![0];
    this.at += opening.length;
    const inner = this.disjunction();
    if (inner === null || this.source[this.at] !== ')') return null;
    this.at++;
    // A look-around matches no text of its own.
    return /^\(\?(?:[=!]|<[=!])/.test(opening) ? EMPTY : inner;
  }

  private characterClass(): Known | null {
    for (let i = this.at + 1; i < this.source.length; i++) {
      if (this.source[i] === '\\') i++;
      else if (this.source[i] === ']') {
        this.at = i + 1;
        return ANY;
      }
    }
    return null;
  }

  private escape(): Known | null {
    const next = this.source[this.at + 1];
    if (next === undefined) return null;
    this.at += 2;
    if (next === 'b' || next === 'B') return EMPTY;
    if (next === 'p' || next === 'P' || next === 'u' || next === 'x' || next === 'k' || next === 'c') return this.skipEscapeBody(next);
    // Classes (\d \s \w…), control characters and back references stand for text not read here.
    if (/[dDsSwWfnrtv0-9]/.test(next)) return ANY;
    return /[\^$\\.*+?()[\]{}|/-]/.test(next) ? literal(next) : null;
  }

  /** Past a \p{…}, \u…, \x…, \k<…> or \cX: any text (what they stand for is not read). */
  private skipEscapeBody(kind: string): Known | null {
    const rest = this.source.slice(this.at);
    const body = kind === 'p' || kind === 'P' ? /^\{[^}]*\}/ : kind === 'u' ? /^(?:\{[0-9A-Fa-f]+\}|[0-9A-Fa-f]{4})/ : kind === 'x' ? /^[0-9A-Fa-f]{2}/ : kind === 'k' ? /^<[^>]+>/ : /^[A-Za-z]/;
    const m = body.exec(rest);
    if (m === null) return null;
    this.at += m[0].length;
    return ANY;
  }
}

/**
 * A text as the requirements are looked for in it: lower case, with the two characters beyond ASCII that a
 * case-insensitive Unicode expression matches to an ASCII letter read as that letter ("ſ" as "s"; the Kelvin sign
 * lower-cases to "k"). Every match of an ASCII string in the text is then in this text as the string's lower case.
 */
export function foldedText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
}
