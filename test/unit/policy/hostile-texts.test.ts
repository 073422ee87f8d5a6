// Hostile texts at intake's limit: what the detectors read is bounded, so no run of characters can make a reading
// cost the square of its length (bench/read-mention.bench.ts prints the timings; these tests pin the bounds).
import { describe, expect, it, vi } from 'vitest';

const stemmed = vi.hoisted(() => ({ longest: 0 }));
vi.mock('wink-porter2-stemmer', async (original) => {
  const stem = ((await original()) as { default: (w: string) => string }).default;
  return { default: (word: string) => ((stemmed.longest = Math.max(stemmed.longest, word.length)), stem(word)) };
});

const { boundWords } = await import('../../../src/policy/bounded-words.js');
const { readMention } = await import('../../../src/policy/read-mention.js');
const { prepareWords } = await import('../../../src/policy/learned-classifier.js');
const { defaultPolicy, mention } = await import('./policy-fixtures.js');

describe('boundWords', () => {
  it('cuts every run without a space to its first 100 characters and leaves the rest as written', () => {
    const ordinary = 'Third week the bins on Elm Road have been missed. https://www.example.gov.uk/bins?ref=abc';
    expect(boundWords(ordinary)).toBe(ordinary);
    expect(boundWords(`${'7'.repeat(5_000)} bins ${"a'".repeat(400)}`)).toBe(`${'7'.repeat(100)} bins ${"a'".repeat(50)}`);
  });

  it('cuts every run of white space to its first 100 characters (a pattern backtracking over spaces took 33 s)', () => {
    expect(boundWords(`i${' '.repeat(99_998)}x`)).toBe(`i${' '.repeat(100)}x`);
    expect(boundWords(`a\n\n${'\t \n'.repeat(1_000)}b`)).toBe(`a\n\n${'\t \n'.repeat(34).slice(0, 98)}b`);
  });

  it('never splits an emoji in two', () => {
    const cut = boundWords('🙂'.repeat(300));
    expect(Array.from(cut)).toHaveLength(100);
    expect(cut).toBe('🙂'.repeat(100));
  });
});

describe('reading a hostile text', () => {
  it('reads a 100,000-digit run as its first 100 digits', () => {
    const policy = defaultPolicy;
    const long = readMention(policy, mention({ text: `2 weeks running, ${'7'.repeat(100_000)}` }));
    expect(long).toEqual(readMention(policy, mention({ text: `2 weeks running, ${'7'.repeat(100)}` })));
  });

  it('reads "i", 99,998 spaces and "x" as "i", 100 spaces and "x"', () => {
    expect(readMention(defaultPolicy, mention({ text: `i${' '.repeat(99_998)}x` }))).toEqual(readMention(defaultPolicy, mention({ text: `i${' '.repeat(100)}x` })));
  });

  it('gives the stemmers no word longer than 40 characters ("a\'a\'…" is one word to the tokenisers)', () => {
    stemmed.longest = 0;
    const text = `my nan has not been seen for days ${"a'".repeat(300)}`;
    readMention(defaultPolicy, mention({ text }));
    prepareWords(text);
    expect(stemmed.longest).toBeGreaterThan(0);
    expect(stemmed.longest).toBeLessThanOrEqual(40);
  });
});
