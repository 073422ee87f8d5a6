// The shipped seed model is what its script makes from the corpus, and reads the way the reader expects (issue 16).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedOut, threatProbability, trainReaderModel, withWords, yesProbability, type LabelledMention } from '../../../src/policy/reader-model.js';
import { seedModel } from '../../../src/policy/seed-model.js';
import { loadCorpusPart } from '../../../src/triage-eval/corpus-files.js';
import { SEED_PARTS, seedModelJson, trainFromCorpus, WORDING_PARTS } from '../../../src/triage-eval/seed-training.js';
import { defaultPolicy } from './policy-fixtures.js';

describe('the shipped seed model', () => {
  it('is exactly what npm run seed:train makes from the corpus parts the desk may read', () => {
    const made = seedModelJson(trainFromCorpus(SEED_PARTS.map((p) => [p, loadCorpusPart(p)] as const), defaultPolicy.reader.concepts));
    const committed = readFileSync(new URL('../../../src/policy/seed-model.json', import.meta.url), 'utf8');
    expect(committed === made, 'src/policy/seed-model.json is stale: run npm run seed:train and commit it').toBe(true);
    // Training on 2,270 lines took 12 s on a quiet machine (5 s at load 3 since each text is read once for every
    // field and label) and passed 60 s on one running three suites at once.
  }, 180_000);

  it('trains each field only on the wording lines it learns from', () => {
    const line = (text: string, kind: string, sg: boolean): LabelledMention => ({ text, tag: 'general', kind, rules: [], risk: sg ? 'high' : 'low', sg, threat: false, part: 'seed' });
    const seed = [line('bins not collected again', 'complaint', false), line('the lad next door looks frozen, on his own again', 'safeguarding', true), line('thanks for the lovely park', 'compliment', false)];
    const wording = [line('fed up of the bins, third week', 'complaint', false), line('worried about the old man at 4, no heating', 'safeguarding', true)].map((i) => ({ ...i, part: 'wording', learnedBy: ['kind', 'service', 'risk'] as const }));
    const without = trainReaderModel(seed, ['seed'], {});
    const withWording = trainReaderModel([...seed, ...wording], ['seed', 'wording'], {});
    expect(withWording.safeguarding).toEqual(without.safeguarding);
    expect(withWording.threat).toEqual(without.threat);
    expect(withWording.houseRule).toEqual(without.houseRule);
    expect(withWording.kind).not.toEqual(without.kind);
    expect(withWording.service).not.toEqual(without.service);
    expect(withWording.risk).not.toEqual(without.risk);
    const serviceOnly = trainReaderModel([...seed, ...wording.map((i) => ({ ...i, learnedBy: ['service'] as const }))], ['seed', 'wording'], {});
    expect(serviceOnly.kind).toEqual(without.kind);
    expect(serviceOnly.risk).toEqual(without.risk);
    expect(serviceOnly.service).toEqual(withWording.service);
  });

  it('says what it learned from, and reads a text with a probability and the words behind it', () => {
    const model = seedModel();
    expect(model.trainedOn.parts).toEqual([...SEED_PARTS, ...Object.keys(WORDING_PARTS)]);
    const text = 'thank you so much to the lovely lady at the library, she was brilliant';
    const kinds = sharedOut(model.kind, text, defaultPolicy.reader.concepts);
    expect(kinds[0]?.label).toBe('compliment');
    expect(kinds.reduce((n, k) => n + k.probability, 0)).toBeCloseTo(1);
    expect(withWords(model.kind, kinds[0]!, text, defaultPolicy.reader.concepts).words.length).toBeGreaterThan(0);
    const routine = yesProbability(model.safeguarding, 'what time does the tip open on sunday', defaultPolicy.reader.concepts);
    expect(routine.probability).toBeLessThan(0.05);
  });

  it('reads a veiled threat, and an everyday post as none', () => {
    const concepts = defaultPolicy.reader.concepts;
    const veiled = 'that bin inspector with the clipboard, I know where he parks his van every night. would be a pity if it got scratched';
    expect(threatProbability(seedModel(), veiled, concepts).probability).toBeGreaterThanOrEqual(defaultPolicy.reader.threatAt);
    expect(threatProbability(seedModel(), 'what time does the tip open on sunday, and can I bring garden waste', concepts).probability).toBeLessThan(defaultPolicy.reader.threatAt);
  });
});
