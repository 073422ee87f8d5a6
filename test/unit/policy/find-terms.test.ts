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
  return plain(terms, forms)
    .filter((t) => lower.includes(t.head))
    .map((t) => ({ term: t.term, all: [...text.matchAll(t.every)].map((m): [string, number] => [m[0], m.index]) }))
    .filter((f) => f.all.length > 0)
    .map((f) => ({ ...f, first: f.all[0]![0] }));
}

/** Each list's expressions made once for the scan (making them is what costs). */
const made = new Map<readonly string[], Map<boolean, Array<{ term: string; head: string; every: RegExp }>>>();
function plain(terms: readonly string[], forms: boolean): Array<{ term: string; head: string; every: RegExp }> {
  const byForms = made.get(terms) ?? new Map();
  made.set(terms, byForms);
  let list = byForms.get(forms);
  if (!list) byForms.set(forms, (list = terms.map((term) => ({ term, head: termHead(term), every: new RegExp(termPattern(term, forms).source, 'giu') }))));
  return list;
}

const TRICKY_TERMS = [
  'bye', 'tie', 'fly', 'bin', 'bins', 'e', 'i', 'street', 'ſtreet', 'streetſ', 'kerb', 'car park', "don't", 'dont', 'a&e', '#bins', 'fly-tip*', 'istanbul', 'café', 'σοφία', 'x',
  // Anchors longer than a head: whole openings, several words, word forms of a last word, an apostrophe after a space.
  'pothole', 'potholes', 'i know where you live',
  // Forms that keep the last letter (every match opens with the whole term) and forms that replace it.
  'day', 'spy', 'bin', 'days', 'gate', 'a&e',
  // Apostrophes inside a term (skipped by the first look), opening it, closing it, standing alone.
  "i'll be there", "i'm", "'til", "kids'", "rock ' roll", "o'neill's", "'em", 'city library', 'car parks', 'fly tip*', "rock 'n' roll", 'caféteria', 'kerbside',
];
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
  'a pothole, POTHOLES, pother and potholed; I  KNOW\twhere\u00a0you live, i know where u live',
  'the city libraries and city\u2003library, car-parks, car parks, carparks, fly tipping and fly tips',
  "rock n roll, rock 'n' roll, rock ’n’ roll, kerbside and the ſtreetſ",
  'the streetſ and the ſtreetſ, café caféteria',
  // Marks in an otherwise plain text (read as plain: the variation selector of an emoji, combining accents), and a
  // mark that case folding changes (not plain).
  'bins ❤️ bin\u0301s, ❤️bins, cafe\u0301 and e\u0301 by the bin\ufe0f; i\u0307 x',
  'bins x\u0345 bin\u0345s',
  "I'll be there, Ill be there, I’ll  be there, i 'll be there, I''ll be there, 'til then, til, ’til, kids' toys, kids toys",
  "rock ' roll, rock  roll, rock '' roll, O'Neill's, ONeills, o’neill’s, send 'em, em, 'EM, i'm, Im, I'M, i'mm",
  'spies spied, a spy spying; daydream, days, paydays, day-to-day; binned, binning, gating and gated, A&Es, a&ing',
];

/** What each finder gives for the text, beside what the plain scan gives. */
function bothWays(text: string, terms: readonly string[], forms: boolean): { got: unknown; want: unknown } {
  const want = scanned(text, terms, forms);
  return {
    got: { terms: findTerms(text, terms, { forms }), texts: findTermTexts(text, terms, { forms }), any: hasAnyTerm(text, terms, { forms }), matches: findTermMatches(text, terms, { forms }).map((m) => [m.text, m.index]) },
    want: { terms: want.map((f) => f.term), texts: want.map((f) => f.first), any: want.length > 0, matches: want.flatMap((f) => f.all) },
  };
}

function expectSame(text: string, terms: readonly string[], forms: boolean): void {
  const { got, want } = bothWays(text, terms, forms);
  expect(got, `${JSON.stringify(text)} (forms: ${forms})`).toEqual(want);
}

describe('finding terms', () => {
  it('finds what the plain scan finds on awkward texts: word forms of short terms, long s, Kelvin sign, dotted I, full width, emoji', () => {
    for (const forms of [false, true]) for (const text of TRICKY_TEXTS) expectSame(text, TRICKY_TERMS, forms);
  });

  it('finds what the plain scan finds for every list of the default policy on lines of the held-out corpus part', () => {
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
    // One assertion for the lot: thousands of them would take most of the test's time.
    const differ: string[] = [];
    // Forty lines: making thousands of expressions is most of the cost, and more lines add little.
    for (const item of loadCorpusPart('part-g').slice(0, 40)) {
      for (const [terms, forms] of lists) {
        const { got, want } = bothWays(item.text, terms, forms);
        if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${item.id} [${terms.slice(0, 3).join(', ')}…]: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
