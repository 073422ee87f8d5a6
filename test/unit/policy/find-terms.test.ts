// Finding the policy's terms with the first look (opening letters, words they open) finds exactly what running every
// term's expression finds: the first look only spares expressions that cannot match.
import { describe, expect, it } from 'vitest';
import { findTermMatches, findTerms, findTermTexts, hasAnyTerm, termPattern } from '../../../src/policy/find-terms.js';
import { termHead } from '../../../src/policy/term-heads.js';
import { loadCorpusPart } from '../../../src/triage-eval/corpus-files.js';
import { defaultPolicy } from './policy-fixtures.js';

/** The plain scan: each term's expression, after the check the desk has always made (its head in the lower-cased text). */
function scanned(text: string, terms: readonly string[], forms: boolean): Array<{ term: string; first: string; all: Array<[string, number]> }> {
  const lower = text.toLowerCase();
  return terms
    .filter((t) => lower.includes(termHead(t)))
    .map((t) => ({ term: t, first: termPattern(t, forms).exec(text)?.[0] ?? '', all: [...text.matchAll(new RegExp(termPattern(t, forms).source, 'giu'))].map((m): [string, number] => [m[0], m.index]) }))
    .filter((f) => f.all.length > 0);
}

const TRICKY_TERMS = ['bye', 'tie', 'fly', 'bin', 'bins', 'e', 'i', 'street', 'ſtreet', 'kerb', 'car park', "don't", 'dont', 'a&e', '#bins', 'fly-tip*', 'istanbul', 'café', 'σοφία', 'x'];
const TRICKY_TEXTS = [
  'Goodbye and bying now, tying the flies',
  'the ſtreet lights and the \u212Aerb on ſtreet',
  'İstanbul road: İ lower-cases to two characters, then bin',
  'cabinet, the bins, x-bins, bin’s, £5 bins, 🚮bins, _bin',
  'ＢＩＮＳ in full width, a café by the car\u00a0park',
  'dont do that, don’t, DON\'T, A&E waited, #bins #Bins',
  'fly-tipping and FLY-TIPPED, ΣΟΦΊΑ wrote',
  'e i x',
  '',
];

function expectSame(text: string, terms: readonly string[], forms: boolean): void {
  const want = scanned(text, terms, forms);
  expect(findTerms(text, terms, { forms })).toEqual(want.map((f) => f.term));
  expect(findTermTexts(text, terms, { forms })).toEqual(want.map((f) => f.first));
  expect(hasAnyTerm(text, terms, { forms })).toBe(want.length > 0);
  expect(findTermMatches(text, terms, { forms }).map((m) => [m.text, m.index])).toEqual(want.flatMap((f) => f.all));
}

describe('finding terms', () => {
  it('finds what the plain scan finds on awkward texts: word forms of short terms, long s, Kelvin sign, dotted I, full width, emoji', () => {
    for (const forms of [false, true]) for (const text of TRICKY_TEXTS) expectSame(text, TRICKY_TERMS, forms);
  });

  it('finds what the plain scan finds for every list of the default policy on the held-out corpus part', () => {
    const p = defaultPolicy;
    const lists: Array<[readonly string[], boolean]> = [
      ...p.services.map((s): [readonly string[], boolean] => [s.keywords, true]),
      ...p.houseRules.map((r): [readonly string[], boolean] => [r.lexicon, false]),
      ...p.kinds.map((k): [readonly string[], boolean] => [k.terms, false]),
      ...p.safeguarding.concerns.flatMap((c): Array<[readonly string[], boolean]> => [[c.terms, false], [c.who, true], [c.what, true]]),
      ...Object.values(p.reader.concepts).map((c): [readonly string[], boolean] => [c, true]),
      [p.safeguarding.threats.terms, false],
      [p.risk.highRiskTerms, false],
    ];
    for (const item of loadCorpusPart('blind-b')) for (const [terms, forms] of lists) expectSame(item.text, terms, forms);
  });
});
