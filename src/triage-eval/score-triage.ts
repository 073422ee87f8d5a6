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

type Counts = { tp: number; fp: number; fn: number };

export function scoreTriage(read: readonly ReadItem[]): TriageScores {
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
  for (const { item, reading } of read) {
    const tag = reading.serviceTag ?? 'general';
    const kind = reading.kind ?? 'comment';
    sets('tag', [item.tag], [tag]);
    sets('kind', [item.kind], [kind]);
    sets('risk', [item.risk], [reading.risk]);
    sets('rule', item.rules, reading.houseRules.map((r) => r.ruleId));
    // Shown or not, on every line; by kind where the line names its kinds.
    flag('pd', showsPersonalData(item), reading.personalData.length > 0);
    if (item.pd !== null) {
      const labelled = item.pd;
      for (const v of new Set([...labelled, ...reading.personalData])) bump(`pd=${v}`, labelled.includes(v) && reading.personalData.includes(v) ? 'tp' : labelled.includes(v) ? 'fn' : 'fp');
    }
    flag('safeguarding', item.sg, reading.safeguarding.length > 0);
    flag('threat', item.threat, reading.threat.length > 0);
    flag('foi', item.foi, reading.foi);
    right.tag += Number(tag === item.tag);
    right.kind += Number(kind === item.kind);
    right.risk += Number(reading.risk === item.risk);
    if (item.sg && reading.safeguarding.length === 0) misses.push(`${item.id} safeguarding missed: ${item.text}`);
    if (item.threat && reading.threat.length === 0) misses.push(`${item.id} threat missed: ${item.text}`);
  }
  const n = read.length || 1;
  const fields = Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, toScore(c)]));
  return {
    items: read.length,
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
