// The desk reads residents' mentions well enough to lean on: floors on the held-out part of the labelled corpus (issue 16).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMention } from '../../../src/policy/read-mention.js';
import { scoreTriage } from '../../../src/triage-eval/score-triage.js';
import { CORPUS_PARTS, corpusMention, parseCorpus } from '../../../src/triage-eval/triage-corpus.js';
import { defaultPolicy } from './policy-fixtures.js';

const load = (part: string) => parseCorpus(readFileSync(new URL(`../../fixtures/triage-corpus/${part}.jsonl`, import.meta.url), 'utf8'), part);
// The held-out part was written blind (without seeing the detectors) and measured once; see the corpus README.
const heldOut = load(CORPUS_PARTS.heldOut);
const tuning = CORPUS_PARTS.tuning.flatMap(load);
const scores = scoreTriage(heldOut.map((item) => ({ item, reading: readMention(defaultPolicy, corpusMention(item)) })));

describe('the labelled corpus', () => {
  it('has at least 300 mentions, split into tuning parts and a held-out part with no line in both', () => {
    expect(heldOut.length + tuning.length).toBeGreaterThanOrEqual(300);
    const texts = new Set(tuning.map((i) => i.text.toLowerCase()));
    expect(heldOut.filter((i) => texts.has(i.text.toLowerCase()))).toEqual([]);
  });

  it('covers every default service, kind and house rule, and every network, in the held-out part', () => {
    const seen = (f: (i: (typeof heldOut)[number]) => readonly string[]) => new Set(heldOut.flatMap(f));
    expect(defaultPolicy.services.map((s) => s.tag).filter((t) => !seen((i) => [i.tag]).has(t))).toEqual([]);
    expect(defaultPolicy.kinds.map((k) => k.id).filter((k) => !seen((i) => [i.kind]).has(k))).toEqual([]);
    expect(defaultPolicy.houseRules.filter((r) => !r.protective).map((r) => r.id).filter((r) => !seen((i) => i.rules).has(r))).toEqual([]);
    expect(Object.keys(defaultPolicy.networks).filter((n) => !seen((i) => [i.net]).has(n))).toEqual([]);
  });
});

describe('floors on the held-out part', () => {
  it('refers every safeguarding concern and every threat (recall 100%)', () => {
    expect(scores.misses).toEqual([]);
    expect(scores.fields['safeguarding']?.recall).toBe(1);
    expect(scores.fields['threat']?.recall).toBe(1);
  });

  it('finds at least 85% of house-rule breaches at 90% precision or better', () => {
    expect(scores.houseRules.recall).toBeGreaterThanOrEqual(0.85);
    expect(scores.houseRules.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('suggests the right kind, service and risk at least 85% of the time', () => {
    expect(scores.accuracy.kind).toBeGreaterThanOrEqual(0.85);
    expect(scores.accuracy.tag).toBeGreaterThanOrEqual(0.85);
    expect(scores.accuracy.risk).toBeGreaterThanOrEqual(0.85);
  });
});
