// Reading a mention reads every corpus line exactly as the committed snapshot says: a faster reader reads the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusReadingDigests, READINGS_SNAPSHOT_URL, readingInputsDigest } from '../../../src/triage-eval/corpus-readings.js';
import { defaultPolicy } from './policy-fixtures.js';

const snapshot = readFileSync(READINGS_SNAPSHOT_URL, 'utf8').split('\n');
const committed = snapshot.filter((l) => l && !l.startsWith('#'));
const inputs = snapshot.find((l) => l.startsWith('# inputs '))?.slice('# inputs '.length);

describe('the default policy reads the labelled corpus', () => {
  it('exactly as test/fixtures/readings/default-policy.txt records, every field of every line', () => {
    const now = corpusReadingDigests(defaultPolicy);
    const before = new Map(committed.map((l) => [l.split(' ')[0], l]));
    const changed = now.filter((l) => before.get(l.split(' ')[0]) !== l).map((l) => l.split(' ')[0]);
    const why =
      inputs === readingInputsDigest()
        ? 'the policy, seed model and corpus are those of the snapshot, so the code now reads these lines differently'
        : 'the policy, seed model or corpus changed since the snapshot: if these readings are meant to change, run npm run readings:snapshot and commit it';
    expect(now.length, `${now.length} corpus lines, ${committed.length} in the snapshot: ${why}`).toBe(committed.length);
    expect(changed, `${changed.length} readings differ (${why})`).toEqual([]);
    // 5,570 lines read twice each (with and without the model): 64 s at load 13 passed the old 60 s.
  }, 180_000);
});
