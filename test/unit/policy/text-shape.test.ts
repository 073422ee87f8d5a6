// A model that reads a text's shape (emoji as words, how it opens and ends) learns from what one that reads the words cannot see.
import { describe, expect, it } from 'vitest';
import { openingFeatures } from '../../../src/policy/feature-buckets.js';
import { scoreText, weightiestWords } from '../../../src/policy/text-model.js';
import { trainTextModel } from '../../../src/policy/train-text-model.js';

const EXAMPLES = [
  ...Array.from({ length: 6 }, (_, i) => ({ text: `the bins on road ${i} 🙄`, labels: ['complaint'] })),
  ...Array.from({ length: 6 }, (_, i) => ({ text: `the bins on road ${i} 👏`, labels: ['compliment'] })),
];

describe("a model that reads the text's shape", () => {
  it('reads emoji as words, and quotes them as the words behind its reading', () => {
    const model = trainTextModel(EXAMPLES, ['complaint', 'compliment'], { shape: true, epochs: 10 });
    expect(model.shape).toBe(true);
    const rolled = scoreText(model, 'the bins on road 9 🙄');
    expect(rolled[0]!.label).toBe('complaint');
    expect(scoreText(model, 'the bins on road 9 👏')[0]!.label).toBe('compliment');
    expect(weightiestWords(model, 'complaint', 'the bins on road 9 🙄')).toContain('🙄');
  });

  it('is told apart from one that reads the words alone, which cannot see the emoji', () => {
    const words = trainTextModel(EXAMPLES, ['complaint', 'compliment'], { epochs: 10 });
    expect(words.shape).toBeUndefined();
    const [a, b] = [scoreText(words, 'the bins on road 9 🙄'), scoreText(words, 'the bins on road 9 👏')];
    expect(a).toEqual(b);
  });

  it('reads the opening past the @handles, and a closing question mark past emoji and handles', () => {
    expect(openingFeatures('@Council @Other is the tip open on Sunday?? 🙄 @Council')).toEqual(['o:is', 'o:is the', 'e:?']);
    expect(openingFeatures('Fed up. Why? nothing done')).toEqual(['o:fed', 'o:fed up']);
    expect(openingFeatures('')).toEqual([]);
  });
});
