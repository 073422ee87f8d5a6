// Owns which of the strings the policy's patterns require a text holds: one walk of the folded text through a trie
// of them all, instead of a search of the text for each (a hundred patterns a mention, several strings a pattern).
import { CodeTrie, NONE, TRIE_ROOT } from './code-trie.js';
import { foldedText } from './pattern-literals.js';
import { RecentTexts } from './recent-texts.js';

const trie = new CodeTrie();
const ids = new Map<string, number>();

/** The number of a required string (lower case, not empty), registered on first sight. */
export function literalId(literal: string): number {
  let id = ids.get(literal);
  if (id === undefined) {
    id = ids.size;
    ids.set(literal, id);
    trie.add(literal, id);
  }
  return id;
}

/** 1 for each registered string the text holds, compared as pattern-literals.ts compares them (foldedText). */
export function literalsIn(text: string): Uint8Array {
  // A pattern compiled since (new strings) makes a kept answer incomplete.
  return recent.answer(text, (t) => ({ known: ids.size, found: walk(foldedText(t)) }), (kept) => kept.known === ids.size).found;
}

/** Whether the text's table holds any of the strings. */
export function holdsAnyLiteral(found: Uint8Array, literals: Int32Array): boolean {
  for (let i = 0; i < literals.length; i++) if (found[literals[i]!] === 1) return true;
  return false;
}

const recent = new RecentTexts<{ readonly known: number; readonly found: Uint8Array }>();

function walk(folded: string): Uint8Array {
  const found = new Uint8Array(ids.size);
  for (let start = 0; start < folded.length; start++) {
    let node = TRIE_ROOT;
    for (let i = start; i < folded.length; i++) {
      node = trie.child(node, folded.charCodeAt(i));
      if (node === NONE) break;
      const id = trie.value(node);
      if (id !== NONE) found[id] = 1;
    }
  }
  return found;
}
