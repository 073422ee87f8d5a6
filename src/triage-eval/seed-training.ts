// Owns training the reader model from corpus parts: for the shipped seed model, and for each fold of the cross-part measure.
import { trainReaderModel, type ReaderModel } from '../policy/reader-model.js';
import type { Concepts } from '../policy/text-model.js';
import { loadCorpusPart } from './corpus-files.js';
import type { CorpusItem } from './triage-corpus.js';

/** The parts the shipped seed model learns from: every part the desk may read (the later blind parts stay unread). */
export const SEED_PARTS = ['tuning', 'blind-a', 'blind-b', 'blind-c', 'blind-d', 'blind-e', 'part-g', 'part-h', 'part-k', 'part-l', 'part-m', 'part-n', 'part-q', 'part-r', 'part-s', 'part-t', 'part-u'] as const;

/**
 * Parts only the wording models learn from (kind, service and risk: `wordingParts` in READER_TRAINING), never the
 * concern and threat models: their bars (`reader.safeguardingAt`, `threatAt`) sit where they refer every concern on the
 * seed parts' scale, and another writer's mix moves that scale (W and X: corpus README, session 11). The house-rule
 * model gained nothing from them. The wording models read unseen text better with them (corpus README, session 13);
 * they are not cross folds, so the sixteen-fold figures stay comparable from session to session.
 */
export const WORDING_PARTS: readonly string[] = ['part-w', 'part-x', 'part-ab', 'part-ac', 'part-ad', 'part-ae'];

/**
 * The reader model trained on these parts' lines, in the parts' order and each file's line order, then the wording
 * parts' (those not among `parts` and not `without`), which only the fields trained with `wordingParts` learn from.
 */
export function trainFromCorpus(parts: ReadonlyArray<readonly [string, readonly CorpusItem[]]>, concepts: Concepts, without: readonly string[] = []): ReaderModel {
  const named = new Set([...parts.map(([name]) => name), ...without]);
  const wording = WORDING_PARTS.filter((p) => !named.has(p)).map((p) => [p, loadCorpusPart(p)] as const);
  const items = [...parts.flatMap(([part, items]) => items.map((i) => ({ ...i, part }))), ...wording.flatMap(([part, items]) => items.map((i) => ({ ...i, part, wordingOnly: true })))];
  return trainReaderModel(items, [...parts, ...wording].map(([name]) => name), concepts);
}

/** The file's text, exactly as committed: the test compares it with a fresh training. */
export function seedModelJson(model: ReaderModel): string {
  return `${JSON.stringify(model)}\n`;
}
