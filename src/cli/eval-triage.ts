// npm run eval:triage [-- --part NAME[,NAME…]|held-out|tuning|all] [--misses] [--learn [--own]] [--cross [--curve] [--misses]] [--agreement PART] — how well the desk reads the labelled corpus.
import { parseArgs } from 'node:util';
import { loadPolicy } from '../config/load-policy.js';
import { NO_LEARNING } from '../policy/combine-suggestions.js';
import { readMention } from '../policy/read-mention.js';
import { corpusPartNames, loadCorpusPart, policyBeforeReading } from '../triage-eval/corpus-files.js';
import { barCurve, barCurveRows, type BarCurveRow, type BarPoint } from '../triage-eval/bar-curve.js';
import { crossParts, CROSS_PARTS, type CrossScores } from '../triage-eval/cross-parts.js';
import { readerModelFor } from '../triage-eval/honest-reader.js';
import { learningCurve, ownHalves, type LearningPoint } from '../triage-eval/learning-curve.js';
import { agreement, loadSecondLabels, pairLabellings, type Agreement } from '../triage-eval/label-agreement.js';
import { type decisionOfLabels, decisionOfReading, formatScores, scoreTriage, type ReadItem, type TriageScores } from '../triage-eval/score-triage.js';
import { trainFromCorpus } from '../triage-eval/seed-training.js';
import { CORPUS_PARTS, corpusMention, type CorpusItem } from '../triage-eval/triage-corpus.js';

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'held-out' },
    misses: { type: 'boolean', default: false },
    learn: { type: 'boolean', default: false },
    own: { type: 'boolean', default: false },
    cross: { type: 'boolean', default: false },
    curve: { type: 'boolean', default: false },
    policy: { type: 'string' },
    agreement: { type: 'string' },
  },
});
const policy = await loadPolicy(values.policy ?? null);

if (values.agreement) showAgreement(values.agreement);
else if (values.cross) await cross();
else await measure();

async function measure(): Promise<void> {
  const parts = partNames(values.part);
  // Each part is read by a reader model that never learned from it (src/triage-eval/honest-reader.ts).
  const read = parts.flatMap((p) => loadCorpusPart(p).map((item) => ({ item, reading: readMention(policy, corpusMention(item), { ...NO_LEARNING, reader: readerModelFor(p, policy.reader.concepts) }) })));
  console.log(`Triage corpus, ${parts.join(' + ')} part\n`);
  console.log(formatScores(scoreTriage(read)).join('\n'));
  if (values.misses) showMisses(read);
  if (values.learn && values.own) ownDecisions(parts);
  else if (values.learn) {
    // The tuning part stands for the council's recorded decisions, in the order they were made.
    const decisions = CORPUS_PARTS.tuning.flatMap(loadCorpusPart);
    const items = parts.flatMap(loadCorpusPart);
    console.log(`\nWhat the learned suggestions add on the ${parts.join(' + ')} part, after N recorded decisions:`);
    // The reader model beside them must not have learned from the part scored (one part: the model without it).
    const reader = parts.length === 1 ? (readerModelFor(parts[0]!, policy.reader.concepts) ?? null) : null;
    for (const p of learningCurve(policy, decisions, items, [0, 25, 50, 100, 150, decisions.length], reader)) {
      console.log(`  N=${String(p.decisions).padStart(3)}  rules + learned: service tag ${pc(p.tag)}, kind ${pc(p.kind)}, house rules ${pc(p.rules.precision)}/${pc(p.rules.recall)}   learned alone: service tag ${pc(p.learnedAlone.tag)}, kind ${pc(p.learnedAlone.kind)}`);
    }
  }
}

/**
 * A council's own decisions: each part is one council (one writer, their conventions), so half its lines (every other
 * one) stand for the decisions its officers recorded and the other half for what arrives next, read by a reader model
 * that never learned from the part. The figures are pooled over the parts.
 */
function ownDecisions(parts: readonly string[]): void {
  const steps = [0, 25, 50, 100, 150];
  const curves = parts.map((part) => {
    const { decisions, arriving } = ownHalves(loadCorpusPart(part));
    return { lines: arriving.length, points: learningCurve(policy, decisions, arriving, steps, readerModelFor(part, policy.reader.concepts) ?? undefined) };
  });
  const lines = curves.reduce((n, c) => n + c.lines, 0);
  // Each part's figure weighed by its lines read: the pooled share.
  const pooled = (step: number, f: (p: LearningPoint) => number) => pc(curves.reduce((n, c) => n + f(c.points[step]!) * c.lines, 0) / lines);
  console.log(`\nWhat each council's own decisions add (${parts.join(' + ')}: every other line learned, the rest read):`);
  steps.forEach((n, i) => {
    const at = (f: (p: LearningPoint) => number) => pooled(i, f);
    console.log(`  N=${String(n).padStart(3)} of each part  rules + reader + learned: service tag ${at((p) => p.tag)}, kind ${at((p) => p.kind)}   learned alone: service tag ${at((p) => p.learnedAlone.tag)} (speaks on ${at((p) => p.learnedSpoke.tag)}), kind ${at((p) => p.learnedAlone.kind)} (speaks on ${at((p) => p.learnedSpoke.kind)})`);
  });
}

/**
 * Leave one part out: learn from the other two, read the third. Three readings: the lexicons alone, the lexicons
 * with the reader model, and (on the blind parts) the lexicons as they were before anyone read that part with the
 * reader model: the only one of the three measuring text that nothing in the reader had seen.
 */
async function cross(): Promise<void> {
  const parts = Object.fromEntries(CROSS_PARTS.map((p) => [p, loadCorpusPart(p)]));
  // Two blocks read each part with the model learned from the others: each fold's model is trained once.
  const models = new Map<string, ReturnType<typeof trainFromCorpus>>();
  const learn = (others: ReadonlyArray<readonly [string, readonly CorpusItem[]]>) => {
    const key = others.map(([name]) => name).join(',');
    let reader = models.get(key);
    if (!reader) models.set(key, (reader = trainFromCorpus(others, policy.reader.concepts)));
    return { ...NO_LEARNING, reader };
  };
  const before = new Map<string, typeof policy>();
  for (const p of CROSS_PARTS) {
    const file = policyBeforeReading(p);
    if (file) before.set(p, await loadPolicy(file));
  }
  console.log(`Leave one part out over ${CROSS_PARTS.join(', ')}: the reader model learns from the other parts and reads the one left out.\n`);
  show('Lexicons alone (current lexicons, written having read every part: not a measure of unseen text)', crossParts(policy, parts, () => ({ ...NO_LEARNING, reader: null })));
  show('Lexicons + reader model (current lexicons; the model never saw the part it reads)', crossParts(policy, parts, learn));
  const blind = [...before.keys()];
  // The lexicons as they were; the reader's bars and concepts are today's (written without reading these parts' misses).
  const beforeReading = (p: string) => {
    const then = before.get(p);
    return then ? { ...then, reader: policy.reader } : policy;
  };
  const unseen = crossParts(beforeReading, parts, learn, blind);
  const heldOutIds = new Set((parts[CORPUS_PARTS.heldOut] ?? []).map((item) => item.id));
  show('Unseen text: lexicons as they were before the part was read, + reader model learned from the other parts', unseen);
  show('The same lexicons before reading, alone (the clean runs of the corpus README)', crossParts(beforeReading, parts, () => ({ ...NO_LEARNING, reader: null }), blind));
  if (values.curve) curve(blind, parts, beforeReading, (others) => learn(others).reader);
  // The folds are parts the desk may tune on, and the held-out part: its misses are left out, so listing them opens
  // nothing sealed or held out.
  if (values.misses) showMisses(unseen.read.filter(({ item }) => !heldOutIds.has(item.id)));
}

/** Each wrong reading: the fields read wrong (read≠labelled) and the text's opening. */
function showMisses(read: readonly ReadItem[]): void {
  console.log('\nWrong readings:');
  for (const { item, reading } of read) {
    const got = { tag: reading.serviceTag ?? 'general', kind: reading.kind ?? 'comment', risk: reading.risk, rules: reading.houseRules.map((r) => r.ruleId).sort().join(','), sg: reading.safeguarding.length > 0, threat: reading.threat.length > 0 };
    const want = { tag: item.tag, kind: item.kind, risk: item.risk, rules: [...item.rules].sort().join(','), sg: item.sg, threat: item.threat };
    const wrong = (Object.keys(want) as Array<keyof typeof want>).filter((k) => got[k] !== want[k]).map((k) => `${k} ${String(got[k])}≠${String(want[k])}`);
    if (wrong.length) console.log(`${item.id}: ${wrong.join('; ')} | ${item.text.slice(0, 110)}`);
  }
}

/** Where the safeguarding and threat bars come from: on unseen text, concerns referred against routine mentions referred. */
function curve(blind: readonly string[], parts: Readonly<Record<string, readonly CorpusItem[]>>, beforeReading: (p: string) => typeof policy, modelWithout: (others: ReadonlyArray<readonly [string, readonly CorpusItem[]]>) => ReturnType<typeof trainFromCorpus>): void {
  const rows: BarCurveRow[] = blind.flatMap((part) => {
    // The fold's model the blocks above read with (trained once a fold).
    const others = CROSS_PARTS.filter((p) => p !== part).map((p) => [p, parts[p] ?? []] as const);
    return barCurveRows(beforeReading(part), modelWithout(others), parts[part] ?? []);
  });
  console.log(`Unseen text (${blind.join(', ')}, lexicons before reading): the bars against concerns referred and routine mentions referred`);
  const line = (p: BarPoint) => `  threatAt ${p.threatAt.toFixed(3)} safeguardingAt ${p.safeguardingAt.toFixed(3)}${p.threatWhenReferredAt < 1 ? ` threatWhenReferredAt ${p.threatWhenReferredAt.toFixed(3)}` : ''}: concerns referred ${pc(p.recall)}, routine referred ${p.falseAlarms}/${p.routine} (${pc(p.falseAlarms / p.routine)}); threats read ${pc(p.threatRecall)}, ${p.threatFalse} read as threats that are not`;
  const r = policy.reader;
  // The policy's own bars among the grid's, so the shipped point is printed.
  const withOwn = (bars: number[], own: number) => [...new Set([...bars, own])].sort((a, b) => a - b);
  for (const p of barCurve(rows, withOwn([0.03, 0.04, 0.045, 0.05, 0.06, 0.075, 0.1, 0.15], r.safeguardingAt), withOwn([0.015, 0.02, 0.022, 0.025, 0.03, 0.04, 0.06, 0.08, 0.1, 0.15], r.threatAt))) console.log(line(p));
  console.log(`At safeguardingAt ${r.safeguardingAt} and threatAt ${r.threatAt}, the lower threat bar for mentions referred anyway (it refers nothing more):`);
  for (const p of barCurve(rows, [r.safeguardingAt], [r.threatAt], withOwn([0.003, 0.006, 0.01, 0.015, 0.02, 0.025, 0.03, 1], r.threatWhenReferredAt))) console.log(line(p));
}

/**
 * Two people labelled the same part: how far they agree, and how far the desk (a reader that never learned from the
 * part) agrees with each. The floors on the desk sit under the first column or they ask more than people manage.
 */
function showAgreement(part: string): void {
  const first = loadCorpusPart(part);
  const second = loadSecondLabels(part);
  const reader = readerModelFor(part, policy.reader.concepts);
  const desk = first.map((item) => decisionOfReading(readMention(policy, corpusMention(item), { ...NO_LEARNING, reader })));
  const secondByFirst = pairLabellings(first, second);
  const columns: Array<[string, Agreement]> = [
    ['second person vs first', agreement(secondByFirst)],
    ['desk vs first', agreement(first.map((item, i) => ({ item, decided: desk[i]! })))],
    ['desk vs second', agreement(secondByFirst.map(({ decided }, i) => ({ item: { ...first[i]!, ...labelsOf(decided) }, decided: desk[i]! })))],
  ];
  console.log(`Part ${part}, ${first.length} mentions, labelled twice: first by its writer, second by someone who saw only the text.\n`);
  console.log(`${''.padEnd(26)}${columns.map(([t]) => t.padStart(26)).join('')}`);
  const row = (label: string, cell: (a: Agreement) => string) => console.log(`${label.padEnd(26)}${columns.map(([, a]) => cell(a).padStart(26)).join('')}`);
  for (const f of ['tag', 'kind', 'risk'] as const) {
    row(f === 'tag' ? 'service tag' : f, (a) => `${pc(a.scores.accuracy[f])} (κ ${a.kappa[f].toFixed(2)})`);
  }
  const pr = (k: string) => (a: Agreement) => {
    const s = k === 'rule' ? a.scores.houseRules : a.scores.fields[k];
    return s ? `R ${pc(s.recall)} P ${pc(s.precision)}` : 'none labelled';
  };
  for (const [label, k] of [['safeguarding', 'safeguarding'], ['threat', 'threat'], ['house rules (all)', 'rule'], ['FOI', 'foi'], ['personal data shown', 'pd']] as const) row(label, pr(k));
  console.log('\nR and P read the row\'s second party as finding what the first labelled (for "second person vs first", the first is the reference).');
}

/** The corpus line's labels replaced by a decision, so the desk can be scored against a second labeller. */
function labelsOf(d: ReturnType<typeof decisionOfLabels>): Partial<CorpusItem> {
  return { tag: d.tag, kind: d.kind, risk: d.risk as CorpusItem['risk'], rules: [...d.rules], sg: d.sg, threat: d.threat, foi: d.foi, pd: d.pdKinds === null ? null : ([...d.pdKinds] as CorpusItem['pd']) };
}

/**
 * Every fold's row but the held-out part's, then the pooled row (which counts it, as it always has). The held-out
 * part is read by `--part held-out` alone, once, at the end of a piece of work: its row here was read by accident
 * while tuning (session 12).
 */
function show(title: string, r: CrossScores): void {
  console.log(title);
  for (const { part, scores } of r.perPart) {
    if (part === CORPUS_PARTS.heldOut) console.log(`  ${part.padEnd(8)} (the held-out part: not shown; read it with --part held-out)`);
    else console.log(`  ${part.padEnd(8)} ${summary(scores)}`);
  }
  console.log(`  ${'pooled'.padEnd(8)} ${summary(r.pooled)}`);
  console.log('');
}

function summary(s: TriageScores): string {
  const f = (k: string) => s.fields[k];
  const pr = (k: string) => `${pc(f(k)?.recall ?? 1)} (P ${pc(f(k)?.precision ?? 1)})`;
  const sg = f('safeguarding');
  const routine = s.items - (sg ? sg.truePositives + sg.falseNegatives : 0);
  // Precision depends on how many concerns the part holds; the share of routine mentions referred does not.
  const alarms = `false alarms ${sg?.falsePositives ?? 0}/${routine}`;
  return `service ${pc(s.accuracy.tag)}  kind ${pc(s.accuracy.kind)}  risk ${pc(s.accuracy.risk)}  safeguarding R ${pr('safeguarding')}, ${alarms}  threat R ${pr('threat')}  house rules R ${pc(s.houseRules.recall)} (P ${pc(s.houseRules.precision)})  FOI R ${pr('foi')}`;
}

function pc(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * "held-out" is the part the floor test enforces, "tuning" the parts tuned on, "all" every part; otherwise part
 * names (a file's name without .jsonl), comma-separated: `--part blind-a`.
 */
function partNames(part: string): string[] {
  if (part === 'held-out') return [CORPUS_PARTS.heldOut];
  if (part === 'tuning') return [...CORPUS_PARTS.tuning];
  if (part === 'all') return corpusPartNames();
  const names = part.split(',').map((p) => p.trim()).filter(Boolean);
  const known = new Set(corpusPartNames());
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new Error(`no corpus part ${unknown.join(', ')} (parts: ${[...known].join(', ')}, or held-out, tuning, all)`);
  return names;
}
