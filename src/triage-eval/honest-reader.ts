// Owns which reader model may read a corpus part: never one that learned from the part it is scored on.
import type { ReaderModel } from '../policy/reader-model.js';
import type { Concepts } from '../policy/text-model.js';
import { loadCorpusPart } from './corpus-files.js';
import { SEED_PARTS, trainFromCorpus, WORDING_PARTS } from './seed-training.js';

const trained = new Map<string, ReaderModel>();

/**
 * The shipped seed model for a part it was not trained on (undefined: readMention's default); for a part the
 * seed learned from (a seed part, or a wording part some of its models learned from), the same training without that
 * part (with the policy's concepts), so its figures measure text the model has not seen.
 */
export function readerModelFor(part: string, concepts: Concepts): ReaderModel | undefined {
  if (!(SEED_PARTS as readonly string[]).includes(part) && !Object.hasOwn(WORDING_PARTS, part)) return undefined;
  const rest = SEED_PARTS.filter((p) => p !== part);
  // Keyed by the part left out: every wording part leaves the same seed parts, and must not get another's model.
  const key = `${part} ${JSON.stringify(concepts)}`;
  let model = trained.get(key);
  if (!model) {
    model = trainFromCorpus(rest.map((p) => [p, loadCorpusPart(p)] as const), concepts, [part]);
    trained.set(key, model);
  }
  return model;
}
