// What intake reads from a mention's text, read once: the triage detectors are the slow part of
// intake, and opening a case asks the same questions of the text several times (topic, risk,
// safeguarding, FOI), so the answers are read here and passed along.
import type { Mention } from '../domain/mention.js';
import type { AlreadyRead } from '../policy/assess-risk.js';
import type { Policy } from '../policy/policy-schema.js';
import { findConcerns, type ConcernFound } from '../policy/safeguarding.js';
import { suggestClassification, type ClassificationSuggestion } from '../policy/suggest-classification.js';

export interface MentionReading extends AlreadyRead {
  readonly concerns: readonly ConcernFound[];
  /** From the mention's own text: its topic (service) and whether it is an FOI request. */
  readonly suggestion: ClassificationSuggestion;
  /** With the parent post's text too, as risk weighs it; the same reading when there is no parent. */
  readonly suggestionInThread: ClassificationSuggestion;
}

export function readMention(policy: Policy, mention: Mention): MentionReading {
  const suggestion = suggestClassification(policy, mention.text);
  const suggestionInThread = mention.parent?.text === undefined ? suggestion : suggestClassification(policy, mention.text, mention.parent.text);
  return { concerns: findConcerns(policy, mention.text), suggestion, suggestionInThread };
}

/** The safeguarding words found, as detectSafeguarding gives them: each once whatever its case, in the order found. */
export function safeguardingWords(reading: MentionReading): string[] {
  const seen = new Set<string>();
  return reading.concerns.flatMap((c) => c.matched).filter((w) => !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
}
