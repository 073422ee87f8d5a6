// A pattern's required strings are in every text it matches: the look for them only spares expressions that cannot match.
import { describe, expect, it } from 'vitest';
import { findPatterns } from '../../../src/policy/find-terms.js';
import { literalsIn } from '../../../src/policy/literals-present.js';
import { firstMatch, policyPattern } from '../../../src/policy/pattern-first-look.js';
import { foldedText, requiredLiterals } from '../../../src/policy/pattern-literals.js';
import { loadCorpusPart } from '../../../src/triage-eval/corpus-files.js';
import { defaultPolicy } from './policy-fixtures.js';

const policyPatterns = (): string[] => {
  const p = defaultPolicy;
  return [
    ...p.houseRules.flatMap((r) => r.patterns),
    ...p.kinds.flatMap((k) => k.patterns),
    ...p.safeguarding.concerns.flatMap((c) => c.patterns),
    ...p.safeguarding.threats.patterns,
  ];
};

/** Texts made of a pattern's own words in every case, joined every way, with "ſ" for "s" and the Kelvin sign for "k": texts it matches. */
function textsOfItsWords(source: string): string[] {
  const words = source.match(/[A-Za-z'’-]+/g) ?? [];
  const joiners = [' ', '  ', "'", '', '\t'];
  const spellings = (w: string) => [w, w.toUpperCase(), w.replace(/s/g, 'ſ'), w.replace(/k/gi, '\u212A')];
  const out: string[] = [];
  for (const joiner of joiners) for (const spell of [0, 1, 2, 3]) out.push(words.map((w) => spellings(w)[spell]).join(joiner));
  // Each word beside each, and alone.
  for (let i = 0; i < words.length; i++) out.push(words[i]!, `${words[i]} ${words[i + 1] ?? ''}`, `${words[i]} a ${words[i + 1] ?? ''} ${words[i + 2] ?? ''}`);
  return out;
}

describe('the strings every match of a pattern holds', () => {
  it('reads them from sequences, alternatives, optional and repeated pieces, look-arounds and escapes', () => {
    expect(requiredLiterals(String.raw`\b(?:you've|youve|you\s+have|you\s+been|been)\s+warned\b`)).toEqual(['warned']);
    expect(requiredLiterals(String.raw`\bpikeys?\b`)).toEqual(['pikey', 'pikeys']);
    expect(requiredLiterals(String.raw`\b(?:Oh|AH)\s+great`)).toEqual(['great']);
    expect(requiredLiterals(String.raw`(?:cheers|ta)\s+(?:a|b)`)).toEqual(['cheers', 'ta']);
    expect(requiredLiterals(String.raw`bed(?:ded)?\s+down`)).toEqual(['down']);
    expect(requiredLiterals(String.raw`(?<!not\s)happy(?!\s+days)`)).toEqual(['happy']);
    expect(requiredLiterals(String.raw`\bf\*+g`)).toEqual(['*']);
    expect(requiredLiterals(String.raw`a\.b`)).toEqual(['a.b']);
  });

  it('says nothing where a branch, an optional piece or what it does not read could match without them', () => {
    for (const source of [String.raw`foo|\d+`, String.raw`(?=abc)\w+`, 'a*', '(?:abc)?', String.raw`\p{L}+`, '[abc]+', '.', String.raw`\u0041`, 'é+', '(?i:abc)', '']) {
      expect(requiredLiterals(source), source).toBeNull();
    }
  });

  it('are found in every text a policy pattern matches: the corpus and texts of the patterns own words', () => {
    const missed: string[] = [];
    let matched = 0;
    let folded = 0;
    const corpus = loadCorpusPart('part-g').map((item) => item.text);
    for (const source of policyPatterns()) {
      const p = policyPattern(source);
      for (const text of [...corpus, ...textsOfItsWords(source)]) {
        const plain = p.pattern.exec(text)?.[0];
        if (plain !== undefined) matched++;
        if (plain !== undefined && /[ſ\u212A]/u.test(plain)) folded++;
        if (firstMatch(p, text) !== plain) missed.push(`${source} on ${JSON.stringify(text)}`);
      }
    }
    expect(missed).toEqual([]);
    // The texts of their own words match often enough for the check to mean something.
    expect(matched).toBeGreaterThan(100);
    expect(folded).toBeGreaterThan(10);
  });

  it('are found past case folding: every character a case-insensitive expression matches to an ASCII one folds to it', () => {
    const unfolded: string[] = [];
    for (let c = 0x21; c < 0x7f; c++) {
      const ascii = String.fromCharCode(c);
      const expression = new RegExp(ascii.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'iu');
      for (let code = 0x80; code <= 0xffff; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue;
        const other = String.fromCharCode(code);
        if (expression.test(other) && !foldedText(other).includes(ascii.toLowerCase())) unfolded.push(`${ascii} ${other}`);
      }
    }
    expect(unfolded).toEqual([]);
  });

  it('are looked up in a table of the text made again when patterns compiled since need strings it lacks', () => {
    const text = 'a zebrafish and a quokkaroo';
    expect(firstMatch(policyPattern(String.raw`\bzebrafish\b`), text)).toBe('zebrafish');
    const table = literalsIn(text);
    expect(firstMatch(policyPattern(String.raw`\bquokkaroo\b`), text)).toBe('quokkaroo');
    expect(literalsIn(text)).not.toBe(table);
    // A list of patterns met for the first time, on a text already looked at.
    expect(findPatterns(text, [String.raw`\bzebra(?:fish)\b`, String.raw`\bquokka\w+`])).toEqual(['zebrafish', 'quokkaroo']);
  });
});
