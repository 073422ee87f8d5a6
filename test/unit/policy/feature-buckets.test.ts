// Scoring reads a text's features as hashes (feature-buckets.ts) without making textFeatures' strings: the same count
// of features and the same buckets in the same order, so every score is the same figure.
import { describe, expect, it } from 'vitest';
import { bucketsOf, distinctBuckets, featureHashes, WORDS_KEPT, type Concepts } from '../../../src/policy/feature-buckets.js';
import { textFeatures } from '../../../src/policy/train-text-model.js';
import { loadCorpusPart } from '../../../src/triage-eval/corpus-files.js';
import { defaultPolicy } from './policy-fixtures.js';

const BUCKETS = 8192;
const AWKWARD = [
  '',
  '?!',
  "Don't DONT don’t dont — 12 1234 0 007",
  'bins bins bins, the bins! the the the bins?',
  'banana bandana anana nana',
  'Café ſtreet \u212Aerb İstanbul σοφία ＢＩＮＳ 🙂🙂',
  'a'.repeat(60),
  '@Council @Other is the tip open on Sunday?? 🙄 @Council',
  '😂😂 ❤️ thanks👏🏽 https://x.co/a?',
  'my neighbour is on her own, no heating, the little ones are cold and hungry',
];

/** What the models read a text by, both ways: from textFeatures' strings, and straight into hashes. */
function bothWays(text: string, concepts: Concepts, shape = false): { got: unknown; want: unknown } {
  const features = textFeatures(text, concepts, shape);
  const read = featureHashes(text, concepts, shape);
  return { got: { count: read.count, buckets: [...distinctBuckets(read.hashes, BUCKETS)] }, want: { count: features.length, buckets: [...bucketsOf(features, BUCKETS)] } };
}

describe("a text's features read straight into hashes", () => {
  it('count and fall in buckets as textFeatures says, on awkward texts and a corpus part, with and without concepts and the shape', () => {
    const differ: string[] = [];
    const texts = [...AWKWARD, ...loadCorpusPart('part-g').map((item) => item.text)];
    for (const [concepts, shape] of [[defaultPolicy.reader.concepts, false], [{}, false], [defaultPolicy.reader.concepts, true], [{}, true]] as const) {
      for (const text of texts) {
        const { got, want } = bothWays(text, concepts, shape);
        if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${JSON.stringify(text)}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('read the same after the kept words are forgotten past their bound', () => {
    const text = 'the bins were not collected again, third week running';
    const before = featureHashes(text, {});
    // More new words than are kept: the words' numbers start again, between texts.
    const many = Array.from({ length: WORDS_KEPT + 100 }, (_, i) => `w${i.toString(36)}x`);
    for (let i = 0; i < many.length; i += 500) featureHashes(many.slice(i, i + 500).join(' '), {});
    expect(featureHashes(text, {})).toEqual(before);
    expect(bothWays(`${text} ${many.slice(0, 50).join(' ')}`, {}).got).toEqual(bothWays(`${text} ${many.slice(0, 50).join(' ')}`, {}).want);
  });
});
