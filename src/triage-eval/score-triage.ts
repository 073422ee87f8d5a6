// Owns scoring the desk's reading of a corpus against what comms officers decided: precision and recall per field.
import type { MentionReading } from '../policy/read-mention.js';
import { showsPersonalData, type CorpusItem } from './triage-corpus.js';

export interface Score {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** 1 when nothing was predicted (no false alarms); recall 1 when there was nothing to find. */
  readonly precision: number;
  readonly recall: number;
}

export interface TriageScores {
  readonly items: number;
  /** Share of items whose single-valued field was read right. */
  readonly accuracy: { readonly tag: number; readonly kind: number; readonly risk: number };
  /** Per value of each field ("kind=complaint", "rule=spam", "risk=high", "safeguarding", "pd=phone"…). */
  readonly fields: Readonly<Record<string, Score>>;
  /** Every house rule together: one (item, rule) pair is one decision. */
  readonly houseRules: Score;
  readonly personalData: Score;
  readonly misses: readonly string[];
}

export interface ReadItem {
  readonly item: CorpusItem;
  readonly reading: MentionReading;
}

/** What was decided about one mention, by the desk or by a second person labelling the same text. */
export interface Decision {
  readonly tag: string;
  readonly kind: string;
  readonly risk: string;
  readonly rules: readonly string[];
  readonly sg: boolean;
  readonly threat: boolean;
  readonly foi: boolean;
  readonly pdShown: boolean;
  /** The kinds of personal data shown; null when shown but its kinds were not named. */
  readonly pdKinds: readonly string[] | null;
}

export interface DecidedItem {
  readonly item: CorpusItem;
  readonly decided: Decision;
}

/** The desk's reading as a decision: no tag is `general`, no kind is `comment`. */
export function decisionOfReading(reading: MentionReading): Decision {
  return {
    tag: reading.serviceTag ?? 'general',
    kind: reading.kind ?? 'comment',
    risk: reading.risk,
    rules: reading.houseRules.map((r) => r.ruleId),
    sg: reading.safeguarding.length > 0,
    threat: reading.threat.length > 0,
    foi: reading.foi,
    pdShown: reading.personalData.length > 0,
    pdKinds: reading.personalData,
  };
}

/** A corpus line's own labels as a decision (a second labeller's line is scored against the first's). */
export function decisionOfLabels(item: CorpusItem): Decision {
  return { tag: item.tag, kind: item.kind, risk: item.risk, rules: item.rules, sg: item.sg, threat: item.threat, foi: item.foi, pdShown: showsPersonalData(item), pdKinds: item.pd };
}

type Counts = { tp: number; fp: number; fn: number };

export function scoreTriage(read: readonly ReadItem[]): TriageScores {
  return scoreDecisions(read.map(({ item, reading }) => ({ item, decided: decisionOfReading(reading) })));
}

/** Scores decisions against the labels of the lines they were made on. */
export function scoreDecisions(decided: readonly DecidedItem[]): TriageScores {
  const counts = new Map<string, Counts>();
  const bump = (key: string, field: keyof Counts) => {
    const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
    c[field] += 1;
    counts.set(key, c);
  };
  const sets = (key: string, expected: readonly string[], got: readonly string[]) => {
    for (const v of new Set([...expected, ...got])) {
      const inE = expected.includes(v);
      const inG = got.includes(v);
      bump(`${key}=${v}`, inE && inG ? 'tp' : inE ? 'fn' : 'fp');
      bump(key, inE && inG ? 'tp' : inE ? 'fn' : 'fp');
    }
  };
  const flag = (key: string, expected: boolean, got: boolean) => {
    if (expected || got) bump(key, expected && got ? 'tp' : expected ? 'fn' : 'fp');
  };
  const right = { tag: 0, kind: 0, risk: 0 };
  const misses: string[] = [];
  for (const { item, decided: got } of decided) {
    sets('tag', [item.tag], [got.tag]);
    sets('kind', [item.kind], [got.kind]);
    sets('risk', [item.risk], [got.risk]);
    sets('rule', item.rules, got.rules);
    // Shown or not, on every line; by kind where both name the kinds.
    flag('pd', showsPersonalData(item), got.pdShown);
    if (item.pd !== null && got.pdKinds !== null) {
      const labelled: readonly string[] = item.pd;
      const found = got.pdKinds;
      for (const v of new Set([...labelled, ...found])) bump(`pd=${v}`, labelled.includes(v) && found.includes(v) ? 'tp' : labelled.includes(v) ? 'fn' : 'fp');
    }
    flag('safeguarding', item.sg, got.sg);
    flag('threat', item.threat, got.threat);
    flag('foi', item.foi, got.foi);
    right.tag += Number(got.tag === item.tag);
    right.kind += Number(got.kind === item.kind);
    right.risk += Number(got.risk === item.risk);
    if (item.sg && !got.sg) misses.push(`${item.id} safeguarding missed: ${item.text}`);
    if (item.threat && !got.threat) misses.push(`${item.id} threat missed: ${item.text}`);
  }
  const n = decided.length || 1;
  const fields = Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, toScore(c)]));
  return {
    items: decided.length,
    accuracy: { tag: right.tag / n, kind: right.kind / n, risk: right.risk / n },
    fields,
    houseRules: fields['rule'] ?? toScore({ tp: 0, fp: 0, fn: 0 }),
    personalData: fields['pd'] ?? toScore({ tp: 0, fp: 0, fn: 0 }),
    misses,
  };
}

function toScore(c: Counts): Score {
  return {
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}

/** A table a person can read: one line per field and value. */
export function formatScores(s: TriageScores): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    `${s.items} mentions`,
    `accuracy: service tag ${pct(s.accuracy.tag)}  kind ${pct(s.accuracy.kind)}  risk ${pct(s.accuracy.risk)}`,
    `${'field'.padEnd(34)}precision  recall    tp  fp  fn`,
  ];
  for (const [k, v] of Object.entries(s.fields)) {
    lines.push(`${k.padEnd(34)}${pct(v.precision)}  ${pct(v.recall)}  ${String(v.truePositives).padStart(4)}${String(v.falsePositives).padStart(4)}${String(v.falseNegatives).padStart(4)}`);
  }
  return lines;
}
