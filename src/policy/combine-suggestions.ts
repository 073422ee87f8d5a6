// Owns combining the policy's rules with what the desk has learned from the council's own decisions.
import type { LearnedClassifier } from './learned-classifier.js';
import { probabilityOf } from './log-odds.js';
import type { Policy } from './policy-schema.js';
import type { ReaderModel } from './reader-model.js';
import { suggestClassification, type ClassificationSuggestion, type TextFindings } from './suggest-classification.js';

export interface LearnedModels {
  readonly kind: LearnedClassifier | null;
  readonly service: LearnedClassifier | null;
  /** Trained on officers' breach rulings: a house rule's id, or "none" (src/policy/learned-rulings.ts). */
  readonly houseRule?: LearnedClassifier | null;
  /** Trained on the safeguarding lead's rulings: acknowledged referrals and dismissals. */
  readonly safeguarding?: LearnedClassifier | null;
  /** The reader model beside the lexicons: unset, the shipped seed model (if the policy's \`reader.seedModel\`); null, none. */
  readonly reader?: ReaderModel | null;
}

export const NO_LEARNING: LearnedModels = { kind: null, service: null };

/** A rule's finding this sure is a detector (safeguarding, a threat, FOI, a house rule): learning never overrides it. */
const DETECTOR = 0.95;
/**
 * How sure the learned part must be before it speaks (chosen on a split of the tuning corpus, where
 * lower bars cost accuracy): to replace a single keyword's service, to name a service no keyword
 * names, and to replace a kind read from cues (and by how much it must beat the cues' confidence).
 * They were chosen as 0.9, 0.7 and 0.9 when the classifier's log-odds x were read as x / (1 + x)
 * (learned-classifier.ts `probabilityOf`): log-odds 9, 7/3 and 9, given here as the probabilities they are, so the
 * desk decides as it did. On a council's own decisions (half of each corpus part learned, the other half
 * read) it spoke on too few mentions to move the service or kind (corpus README, session 15).
 */
const SERVICE_OVER_KEYWORDS = probabilityOf(9);
const LEARNED_SERVICE_AT = probabilityOf(7 / 3);
const LEARNED_KIND_AT = probabilityOf(9);
const LEARNED_MARGIN = 0.3;

/**
 * The rules decide where they are sure; the learned classifier fills in where they are not: a kind read
 * from cues with less confidence than the classifier has, a service no keyword names (or names weakly,
 * when the classifier is very sure). The reasons say which part spoke, and why.
 */
export function suggestWithLearning(policy: Policy, text: string, parentText: string | undefined, learned: LearnedModels, found?: TextFindings): ClassificationSuggestion {
  const rules = suggestClassification(policy, text, parentText, found);
  let { serviceTag, kind, confidence, matched } = rules;
  const reasons = [...rules.reasons];
  const k = rules.confidence >= DETECTOR ? null : learned.kind?.guess(text);
  if (k && k.label !== kind && policy.kinds.some((x) => x.id === k.label) && k.confidence >= Math.max(LEARNED_KIND_AT, rules.confidence + LEARNED_MARGIN)) {
    kind = k.label;
    confidence = k.confidence;
    matched = k.words;
    reasons[1] = `${k.label.replace(/_/g, ' ')}: learned from ${learned.kind!.examples} decisions (${pct(k.confidence)}), matched ${k.words.map((w) => `"${w}"`).join(', ')}`;
  }
  const from = rules.serviceFrom;
  const s = from && 'concern' in from ? null : learned.service?.guess(text);
  const weak = s && (from === null ? s.confidence >= LEARNED_SERVICE_AT : s.confidence >= SERVICE_OVER_KEYWORDS && 'keywords' in from && from.keywords <= 1);
  if (s && s.label !== serviceTag && weak && policy.services.some((x) => x.tag === s.label)) {
    serviceTag = s.label;
    reasons[0] = `service ${policy.services.find((x) => x.tag === s.label)?.name}: learned from ${learned.service!.examples} decisions (${pct(s.confidence)}), matched ${s.words.map((w) => `"${w}"`).join(', ')}`;
  }
  return { serviceTag, kind, confidence, reasons, matched, serviceFrom: rules.serviceFrom };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
