// Owns measuring what the learned suggestions add: train on the first N labelled decisions, score the held-out part.
import type { Policy } from '../policy/policy-schema.js';
import type { ReaderModel } from '../policy/reader-model.js';
import { trainClassifier } from '../policy/learned-classifier.js';
import { NO_BREACH } from '../policy/learned-rulings.js';
import { readMention } from '../policy/read-mention.js';
import { scoreTriage } from './score-triage.js';
import { corpusMention, type CorpusItem } from './triage-corpus.js';

export interface LearningPoint {
  readonly decisions: number;
  readonly tag: number;
  readonly kind: number;
  /** House rules together, with the learned house-rule suggestion trained on the same decisions' breach rulings. */
  readonly rules: { readonly precision: number; readonly recall: number };
  /** The learned classifier on its own, for comparison (0 before it can be trained): right of every mention read. */
  readonly learnedAlone: { readonly tag: number; readonly kind: number };
  /** The share of mentions it named a service or a kind for at all (it is silent below even odds). */
  readonly learnedSpoke: { readonly tag: number; readonly kind: number };
}

/**
 * Service-tag and kind accuracy on `heldOut` after learning from the first N of `decisions` (N = 0: no decisions
 * yet), beside the reader model given (undefined: the shipped seed; pass one that never saw `heldOut`).
 */
export function learningCurve(policy: Policy, decisions: readonly CorpusItem[], heldOut: readonly CorpusItem[], steps: readonly number[], reader?: ReaderModel | null): LearningPoint[] {
  return steps.map((n) => {
    const seen = decisions.slice(0, n);
    const learned = {
      kind: trainClassifier(seen.map((i) => ({ text: i.text, label: i.kind }))),
      service: trainClassifier(seen.map((i) => ({ text: i.text, label: i.tag }))),
      houseRule: trainClassifier(seen.map((i) => ({ text: i.text, label: i.rules[0] ?? NO_BREACH }))),
      ...(reader === undefined ? {} : { reader }),
    };
    const s = scoreTriage(heldOut.map((item) => ({ item, reading: readMention(policy, corpusMention(item), learned) })));
    const alone = (m: typeof learned.kind, label: (i: CorpusItem) => string) => (m ? heldOut.filter((i) => m.guess(i.text)?.label === label(i)).length / heldOut.length : 0);
    const spoke = (m: typeof learned.kind) => (m ? heldOut.filter((i) => m.guess(i.text) !== null).length / heldOut.length : 0);
    return {
      decisions: seen.length,
      tag: s.accuracy.tag,
      kind: s.accuracy.kind,
      rules: { precision: s.houseRules.precision, recall: s.houseRules.recall },
      learnedAlone: { tag: alone(learned.service, (i) => i.tag), kind: alone(learned.kind, (i) => i.kind) },
      learnedSpoke: { tag: spoke(learned.service), kind: spoke(learned.kind) },
    };
  });
}

/** A part split as one council's inbox: every other line its recorded decisions, in order, the rest what arrives next. */
export function ownHalves(items: readonly CorpusItem[]): { decisions: CorpusItem[]; arriving: CorpusItem[] } {
  return { decisions: items.filter((_, i) => i % 2 === 0), arriving: items.filter((_, i) => i % 2 === 1) };
}
