// Owns the fingerprint of how the desk reads the labelled corpus: one digest per line of every MentionReading field,
// so a change meant only to make reading faster can prove it reads every mention exactly as before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY_PATH } from '../config/load-policy.js';
import { NO_LEARNING } from '../policy/combine-suggestions.js';
import type { Policy } from '../policy/policy-schema.js';
import { readMention } from '../policy/read-mention.js';
import { CORPUS_DIR, corpusPartNames, loadCorpusPart } from './corpus-files.js';
import { corpusMention } from './triage-corpus.js';

/** Where the committed fingerprint of the default policy's readings lives (made by `npm run readings:snapshot`). */
export const READINGS_SNAPSHOT_URL = new URL('../../test/fixtures/readings/default-policy.txt', import.meta.url);

const SEED_MODEL_URL = new URL('../policy/seed-model.json', import.meta.url);
const DIGEST_CHARS = 12;

/**
 * Each corpus line's id and two digests of its reading: as intake reads it (the policy's seed model, nothing learned
 * yet) and by the lexicons alone (no reader model), so a lexicon change the model happens to cover still shows.
 */
export function corpusReadingDigests(policy: Policy): string[] {
  const lexiconsAlone = { ...NO_LEARNING, reader: null };
  return corpusPartNames().flatMap((part) =>
    loadCorpusPart(part).map((item) => {
      const mention = corpusMention(item);
      return `${part}/${item.id} ${digest(readMention(policy, mention, NO_LEARNING))} ${digest(readMention(policy, mention, lexiconsAlone))}`;
    }),
  );
}

/**
 * A digest of what the readings are made from (the default policy file, the seed model, the corpus): when it differs
 * from the snapshot's, a changed reading may be meant; when it is the same, the code reads differently.
 */
export function readingInputsDigest(): string {
  const files = [new URL(`file://${DEFAULT_POLICY_PATH}`), SEED_MODEL_URL, ...corpusPartNames().map((p) => new URL(`${p}.jsonl`, CORPUS_DIR))];
  const hash = createHash('sha256');
  for (const f of files) hash.update(readFileSync(f));
  return hash.digest('hex').slice(0, DIGEST_CHARS);
}

/** The snapshot file's text: a header naming the inputs' digest and how to regenerate, then one line a corpus line. */
export function readingsSnapshot(policy: Policy): string {
  return [
    '# Readings of the labelled corpus on the default policy: corpus line, digest with the seed model, digest by the lexicons alone.',
    '# Regenerate after a deliberate change to the policy, the seed model or the corpus: npm run readings:snapshot',
    `# inputs ${readingInputsDigest()}`,
    ...corpusReadingDigests(policy),
    '',
  ].join('\n');
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, DIGEST_CHARS);
}
