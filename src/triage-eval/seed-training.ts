// Owns training the reader model from corpus parts: for the shipped seed model, and for each fold of the cross-part measure.
import { trainReaderModel, type ReaderModel } from '../policy/reader-model.js';
import type { Concepts } from '../policy/text-model.js';
import type { CorpusItem } from './triage-corpus.js';

/** The parts the shipped seed model learns from: every part the desk may read (the later blind parts stay unread). */
export const SEED_PARTS = ['tuning', 'blind-a', 'blind-b', 'blind-c', 'blind-d', 'blind-e', 'part-g', 'part-h', 'part-k', 'part-l', 'part-m', 'part-n', 'part-q', 'part-r', 'part-s', 'part-t', 'part-u'] as const;

/** The reader model trained on these parts' lines, in the parts' order and each file's line order. */
export function trainFromCorpus(parts: ReadonlyArray<readonly [string, readonly CorpusItem[]]>, concepts: Concepts): ReaderModel {
  return trainReaderModel(parts.flatMap(([part, items]) => items.map((i) => ({ ...i, part }))), parts.map(([name]) => name), concepts);
}

/** The file's text, exactly as committed: the test compares it with a fresh training. */
export function seedModelJson(model: ReaderModel): string {
  return `${JSON.stringify(model)}\n`;
}
