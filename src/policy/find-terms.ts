// Finds the policy's words and phrases in a text, whole words only, ignoring case.
const cache = new Map<string, RegExp>();

export function findTerms(text: string, terms: readonly string[]): string[] {
  return terms.filter((t) => termPattern(t).test(text));
}

function termPattern(term: string): RegExp {
  let re = cache.get(term);
  if (!re) {
    const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
    cache.set(term, re);
  }
  return re;
}
