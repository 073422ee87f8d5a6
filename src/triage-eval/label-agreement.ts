// Owns how far two labellers of the same text agree, and how far the desk agrees with each: the ceiling a floor on
// the desk's accuracy can sensibly sit under. A second labelling of a part is kept in second-labels/<part>.jsonl:
// the same lines, same ids, labelled by someone who saw only the text and the label brief.
import { readFileSync } from 'node:fs';
import { CORPUS_DIR } from './corpus-files.js';
import { decisionOfLabels, scoreDecisions, type Decision, type DecidedItem, type TriageScores } from './score-triage.js';
import { parseCorpus, type CorpusItem } from './triage-corpus.js';

export function loadSecondLabels(part: string): CorpusItem[] {
  const file = new URL(`second-labels/${part}.jsonl`, CORPUS_DIR);
  return parseCorpus(readFileSync(file, 'utf8'), `second-labels/${part}.jsonl`);
}

/** Pairs each first-labelled line with the second labeller's decision on the same id; the texts must match. */
export function pairLabellings(first: readonly CorpusItem[], second: readonly CorpusItem[]): DecidedItem[] {
  const byId = new Map(second.map((s) => [s.id, s]));
  return first.map((item) => {
    const other = byId.get(item.id);
    if (!other) throw new Error(`the second labelling has no line ${item.id}`);
    if (other.text !== item.text) throw new Error(`line ${item.id}: the second labelling's text differs from the part's`);
    return { item, decided: decisionOfLabels(other) };
  });
}

export interface Agreement {
  readonly scores: TriageScores;
  /** Cohen's kappa per single-valued field: agreement beyond what the two label distributions give by chance. */
  readonly kappa: { readonly tag: number; readonly kind: number; readonly risk: number };
}

export function agreement(decided: readonly DecidedItem[]): Agreement {
  const field = (pick: (d: Decision) => string) => cohensKappa(decided.map(({ item, decided: d }) => [pick(decisionOfLabels(item)), pick(d)] as const));
  return { scores: scoreDecisions(decided), kappa: { tag: field((d) => d.tag), kind: field((d) => d.kind), risk: field((d) => d.risk) } };
}

/** (observed − chance) / (1 − chance); 1 when both always agree on a single value. */
export function cohensKappa(pairs: ReadonlyArray<readonly [string, string]>): number {
  if (!pairs.length) return 1;
  const n = pairs.length;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const share = (side: 0 | 1) => {
    const m = new Map<string, number>();
    for (const p of pairs) m.set(p[side], (m.get(p[side]) ?? 0) + 1 / n);
    return m;
  };
  const [a, b] = [share(0), share(1)];
  const chance = [...a].reduce((sum, [label, p]) => sum + p * (b.get(label) ?? 0), 0);
  return chance === 1 ? 1 : (observed - chance) / (1 - chance);
}
