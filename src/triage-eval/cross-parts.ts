// Owns measuring generalisation honestly: leave one corpus part out, learn from the others, score the part left out.
import type { LearnedModels } from '../policy/combine-suggestions.js';
import type { Policy } from '../policy/policy-schema.js';
import { readMention } from '../policy/read-mention.js';
import { scoreTriage, type ReadItem, type TriageScores } from './score-triage.js';
import { SEED_PARTS } from './seed-training.js';
import { corpusMention, type CorpusItem } from './triage-corpus.js';

/** The parts the desk may learn and tune on: the seed model's; a blind part not yet measured is never among them (corpus README). */
export const CROSS_PARTS = SEED_PARTS;

export interface CrossPartScore {
  /** The part left out and scored. */
  readonly part: string;
  readonly scores: TriageScores;
}

export interface CrossScores {
  readonly perPart: readonly CrossPartScore[];
  /** Every part's reading while it was the one left out, scored together. */
  readonly pooled: TriageScores;
  readonly read: readonly ReadItem[];
}

/**
 * For each part (of `scored`, all by default): learn from the other parts only (`learn`), read the part left out, score it. What is learned
 * never sees the text it is scored on. (The policy's lexicons are fixed: they were written having read every
 * part, so a rules-only figure here is not a measure of text nobody has read; `policy` may be given per part, to
 * read each with the lexicons as they were before anyone read it.)
 */
export function crossParts(policy: Policy | ((part: string) => Policy), parts: Readonly<Record<string, readonly CorpusItem[]>>, learn: (others: ReadonlyArray<readonly [string, readonly CorpusItem[]]>) => LearnedModels, scored: readonly string[] = Object.keys(parts)): CrossScores {
  const names = Object.keys(parts);
  const perPart: CrossPartScore[] = [];
  const all: ReadItem[] = [];
  for (const part of scored) {
    const learned = learn(names.filter((n) => n !== part).map((n) => [n, parts[n] ?? []] as const));
    const reader = typeof policy === 'function' ? policy(part) : policy;
    const read = (parts[part] ?? []).map((item) => ({ item, reading: readMention(reader, corpusMention(item), learned) }));
    perPart.push({ part, scores: scoreTriage(read) });
    all.push(...read);
  }
  return { perPart, pooled: scoreTriage(all), read: all };
}
