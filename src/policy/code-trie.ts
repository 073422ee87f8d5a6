// Owns a trie of strings by UTF-16 code unit, kept in flat typed arrays: every mention is walked through the policy's
// few thousand term openings at each of its characters, and a Map a node made that walk most of a term look-up's cost.

/** No node, or no string ending at a node. */
export const NONE = -1;
/** The root's number: every walk starts there. */
export const TRIE_ROOT = 0;
const ROOT = TRIE_ROOT;

/** Each edge is a slot of three numbers side by side (parent node, code unit, child node): one read of memory a probe. */
const SLOT = 3;
const ASCII = 128;

export class CodeTrie {
  /** Each edge in an open-addressed table of `slots` slots, a power of two; a free slot's parent is NONE. */
  private table = emptyTable(1024);
  private slots = 1024;
  private edges = 0;
  /** The number each node's string was added with, or NONE where no string ends. */
  private values = new Int32Array(256).fill(NONE);
  private nodes = 1;
  /**
   * The root's children by ASCII code unit, looked up directly: a walk starts at the root from every place in a
   * text, and most places end there (no string opens with that character), so most look-ups are the root's.
   */
  private readonly rootAscii = new Int32Array(ASCII).fill(NONE);

  /** Adds `key` (not empty) with its number. */
  add(key: string, value: number): void {
    let node = ROOT;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = this.child(node, code);
      if (child === NONE) child = this.newChild(node, code);
      node = child;
    }
    this.values[node] = value;
  }

  /** The child of `node` by `code`; NONE when there is none. */
  child(node: number, code: number): number {
    if (node === ROOT && code < ASCII) return this.rootAscii[code]!;
    const table = this.table;
    const mask = this.slots - 1;
    for (let slot = edgeHash(node, code) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const parent = table[at]!;
      if (parent === NONE) return NONE;
      if (parent === node && table[at + 1] === code) return table[at + 2]!;
    }
  }

  /** The number of the string ending at `node`; NONE when none does. */
  value(node: number): number {
    return this.values[node]!;
  }

  private newChild(node: number, code: number): number {
    const child = this.nodes++;
    if (child >= this.values.length) this.values = grown(this.values, this.values.length * 2);
    // Kept at most half full, so a look-up that finds nothing ends after a probe or two.
    if ((this.edges + 1) * 2 > this.slots) this.rehash(this.slots * 2);
    this.insert(node, code, child);
    if (node === ROOT && code < ASCII) this.rootAscii[code] = child;
    this.edges++;
    return child;
  }

  private insert(node: number, code: number, child: number): void {
    const mask = this.slots - 1;
    let slot = edgeHash(node, code) & mask;
    while (this.table[slot * SLOT] !== NONE) slot = (slot + 1) & mask;
    this.table[slot * SLOT] = node;
    this.table[slot * SLOT + 1] = code;
    this.table[slot * SLOT + 2] = child;
  }

  private rehash(slots: number): void {
    const old = this.table;
    this.table = emptyTable(slots);
    this.slots = slots;
    for (let at = 0; at < old.length; at += SLOT) if (old[at] !== NONE) this.insert(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function emptyTable(slots: number): Int32Array {
  const table = new Int32Array(slots * SLOT);
  for (let at = 0; at < table.length; at += SLOT) table[at] = NONE;
  return table;
}

/** Spreads (node, code) over the table (the mask keeps its low bits, so the high ones are mixed down). */
function edgeHash(node: number, code: number): number {
  const h = Math.imul(Math.imul(node, 0x9e3779b1) ^ code, 0x85ebca6b);
  return h ^ (h >>> 16);
}

function grown(values: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size).fill(NONE);
  out.set(values);
  return out;
}
