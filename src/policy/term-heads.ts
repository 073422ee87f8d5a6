// Owns the cheap first look before a term's regular expression: which terms' opening letters are in a text at all.
import { RecentTexts } from './recent-texts.js';

/**
 * A term's opening letters (up to four, lower case, before any space, apostrophe or "*"): empty when it has none,
 * and then the term is always worth trying.
 */
export function termHead(term: string): string {
  return /^[^\s'’*]{1,4}/u.exec(term.trim().toLowerCase())?.[0] ?? '';
}

/** Every head any term list has, in a trie by UTF-16 code unit; each with a number, for a per-text table. */
interface HeadNode {
  readonly next: Map<number, HeadNode>;
  id: number;
}
const root: HeadNode = { next: new Map(), id: -1 };
const ids = new Map<string, number>();

/** The number of a head, registered on first sight; -1 for the empty head (always present). */
export function headId(head: string): number {
  if (!head) return -1;
  let id = ids.get(head);
  if (id === undefined) {
    id = ids.size;
    ids.set(head, id);
    let node = root;
    for (let i = 0; i < head.length; i++) {
      const code = head.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = { next: new Map(), id: -1 }));
      node = child;
    }
    node.id = id;
  }
  return id;
}

/** Which heads a text holds: one byte a registered head, 1 where the lower-cased text includes it. */
export type HeadsPresent = Uint8Array;

/** Whether the text holds the head: exactly whether its lower-cased text includes it. */
export function holds(heads: HeadsPresent, id: number): boolean {
  return id < 0 || heads[id] === 1;
}

/**
 * The policy's lists hold a few thousand terms and a mention is read against all of them; one walk of the text
 * through the trie finds every head it holds, instead of a search of the text per term.
 */
const recent = new RecentTexts<{ readonly known: number; readonly found: Uint8Array }>();

export function headsIn(text: string): HeadsPresent {
  // A list compiled since (new heads) makes a kept answer incomplete.
  return recent.answer(text, (t) => ({ known: ids.size, found: walk(t.toLowerCase()) }), (kept) => kept.known === ids.size).found;
}

function walk(lower: string): Uint8Array {
  const found = new Uint8Array(ids.size);
  for (let start = 0; start < lower.length; start++) {
    let node: HeadNode | undefined = root;
    for (let i = start; i < lower.length; i++) {
      node = node.next.get(lower.charCodeAt(i));
      if (!node) break;
      if (node.id >= 0) found[node.id] = 1;
    }
  }
  return found;
}
