import { describe, expect, it } from 'vitest';
import { agreement, cohensKappa, pairLabellings } from '../../../src/triage-eval/label-agreement.js';
import { parseCorpus } from '../../../src/triage-eval/triage-corpus.js';

const first = parseCorpus(
  [
    '{"id":"x1","net":"facebook","mk":"post","text":"bins not collected again","tag":"waste","kind":"complaint","risk":"medium"}',
    '{"id":"x2","net":"facebook","mk":"post","text":"my nan has no heating and is on her own","tag":"adult_social_care","kind":"safeguarding","risk":"high","sg":true}',
    '{"id":"x3","net":"x","mk":"post","text":"thanks for fixing the lights","tag":"highways","kind":"compliment","risk":"low"}',
    '{"id":"x4","net":"x","mk":"post","text":"when does the library open","tag":"libraries","kind":"question","risk":"low"}',
  ].join('\n'),
  'first',
);

describe("Cohen's kappa", () => {
  it('is 1 for full agreement, 0 for agreement no better than chance, negative for worse', () => {
    expect(cohensKappa([['a', 'a'], ['b', 'b'], ['c', 'c']])).toBe(1);
    // Each says a half the time, independently: observed 0.5, chance 0.5.
    expect(cohensKappa([['a', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'b']])).toBeCloseTo(0);
    expect(cohensKappa([['a', 'b'], ['b', 'a']])).toBeLessThan(0);
  });

  it('discounts agreement that the label shares alone would give', () => {
    // 9 of 10 agree, but one always says "a" and the other nine times in ten: chance alone gives 0.9.
    const pairs = [...Array.from({ length: 9 }, () => ['a', 'a'] as const), ['b', 'a'] as const];
    expect(cohensKappa(pairs)).toBeCloseTo(0);
  });
});

describe('two labellings of one part', () => {
  it('agree fully with themselves', () => {
    const a = agreement(pairLabellings(first, first));
    expect(a.scores.accuracy).toEqual({ tag: 1, kind: 1, risk: 1 });
    expect(a.kappa).toEqual({ tag: 1, kind: 1, risk: 1 });
    expect(a.scores.fields['safeguarding']).toMatchObject({ recall: 1, precision: 1 });
  });

  it('count a concern the second person did not refer as a miss against the first', () => {
    const second = first.map((i) => (i.id === 'x2' ? { ...i, sg: false, kind: 'comment' } : i.id === 'x4' ? { ...i, kind: 'complaint' } : i));
    const a = agreement(pairLabellings(first, second));
    expect(a.scores.accuracy.kind).toBe(0.5);
    expect(a.scores.fields['safeguarding']).toMatchObject({ truePositives: 0, falseNegatives: 1 });
    expect(a.kappa.kind).toBeLessThan(0.5);
  });

  it('refuse a second labelling with a missing line or a different text', () => {
    expect(() => pairLabellings(first, first.slice(1))).toThrow(/no line x1/);
    expect(() => pairLabellings(first, first.map((i) => (i.id === 'x3' ? { ...i, text: 'other' } : i)))).toThrow(/x3.*text differs/);
  });
});
