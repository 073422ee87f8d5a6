// Owns where each term anchor opens a word of a plain text (term-heads.ts): a few dozen anchors a text, looked up by
// number for each of the thousands of terms a mention is read against.

/**
 * The places of each anchor, in order: a list per anchor, linked through two arrays (one text's few hundred places,
 * rather than an array for each of the thousands of anchors). Each list's first place is kept with the text's
 * few anchors, and shown by anchor number in one table all texts share: a table of every anchor for each text
 * read (three a mention) was a tenth of the cost of finding terms, most of it making and filling the table.
 */
export class WordOpenings {
  /** Each anchor found, once, and the first place of its list. */
  private readonly anchors: number[] = [];
  private readonly firsts: number[] = [];
  /** Each place, and the next place of the same anchor's list (-1 at its end). */
  readonly at: number[] = [];
  readonly next: number[] = [];

  /** Starts a text's openings, to be added from its last place to its first. */
  constructor() {
    show(null);
    shown = this;
  }

  /** Puts `at` in front of the anchor's list: added from the end, each list reads from the start. */
  add(anchor: number, at: number): void {
    const first = table[anchor]!;
    if (first < 0) this.anchors.push(anchor);
    this.at.push(at);
    this.next.push(first);
    table[anchor] = this.at.length - 1;
  }

  /** Done adding: keeps each list's first place with the text. */
  seal(): this {
    for (const anchor of this.anchors) this.firsts.push(table[anchor]!);
    return this;
  }

  /** The first place of the anchor's list; -1 when it opens no word. */
  first(anchor: number): number {
    if (shown !== this) show(this);
    return table[anchor] ?? -1;
  }

  /** Clears its anchors from the shared table, or sets them. */
  mark(set: boolean): void {
    const { anchors, firsts } = this;
    for (let i = 0; i < anchors.length; i++) table[anchors[i]!] = set ? firsts[i]! : -1;
  }
}

/** The first place of each anchor's list for the text shown (-1 for every other anchor), by anchor number. */
let table = new Int32Array(1024).fill(-1);
let shown: WordOpenings | null = null;

/** Makes room for `anchors` numbers (the anchors registered so far), before a text's openings are added. */
export function roomForAnchors(anchors: number): void {
  if (anchors <= table.length) return;
  const grown = new Int32Array(Math.max(anchors, table.length * 2)).fill(-1);
  grown.set(table);
  table = grown;
}

function show(openings: WordOpenings | null): void {
  shown?.mark(false);
  openings?.mark(true);
  shown = openings;
}
