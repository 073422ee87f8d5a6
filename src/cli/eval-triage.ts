// npm run eval:triage [-- --part NAME[,NAME…]|held-out|tuning|all] [--misses] [--learn] — how well the desk reads the labelled corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../config/load-policy.js';
import { readMention } from '../policy/read-mention.js';
import { learningCurve } from '../triage-eval/learning-curve.js';
import { formatScores, scoreTriage } from '../triage-eval/score-triage.js';
import { CORPUS_PARTS, corpusMention, parseCorpus } from '../triage-eval/triage-corpus.js';

const { values } = parseArgs({ options: { part: { type: 'string', default: 'held-out' }, misses: { type: 'boolean', default: false }, learn: { type: 'boolean', default: false }, policy: { type: 'string' } } });
const dir = new URL('../../test/fixtures/triage-corpus/', import.meta.url);
const parts = partNames(values.part);
const load = (p: string) => parseCorpus(readFileSync(new URL(`${p}.jsonl`, dir), 'utf8'), `${p}.jsonl`);
const items = parts.flatMap(load);
const policy = await loadPolicy(values.policy ?? null);
const read = items.map((item) => ({ item, reading: readMention(policy, corpusMention(item)) }));
const scores = scoreTriage(read);
console.log(`Triage corpus, ${parts.join(' + ')} part\n`);
console.log(formatScores(scores).join('\n'));
if (values.misses) {
  console.log('\nWrong readings:');
  for (const { item, reading } of read) {
    const got = { tag: reading.serviceTag ?? 'general', kind: reading.kind ?? 'comment', risk: reading.risk, rules: reading.houseRules.map((r) => r.ruleId).sort().join(','), sg: reading.safeguarding.length > 0, threat: reading.threat.length > 0 };
    const want = { tag: item.tag, kind: item.kind, risk: item.risk, rules: [...item.rules].sort().join(','), sg: item.sg, threat: item.threat };
    const wrong = (Object.keys(want) as Array<keyof typeof want>).filter((k) => got[k] !== want[k]).map((k) => `${k} ${String(got[k])}≠${String(want[k])}`);
    if (wrong.length) console.log(`${item.id}: ${wrong.join('; ')} | ${item.text.slice(0, 110)}`);
  }
}
if (values.learn) {
  // The tuning part stands for the council's recorded decisions, in the order they were made.
  const decisions = CORPUS_PARTS.tuning.flatMap(load);
  console.log(`\nWhat the learned suggestions add on the ${parts.join(' + ')} part, after N recorded decisions:`);
  for (const p of learningCurve(policy, decisions, items, [0, 25, 50, 100, 150, decisions.length])) {
    const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`  N=${String(p.decisions).padStart(3)}  rules + learned: service tag ${pc(p.tag)}, kind ${pc(p.kind)}, house rules ${pc(p.rules.precision)}/${pc(p.rules.recall)}   learned alone: service tag ${pc(p.learnedAlone.tag)}, kind ${pc(p.learnedAlone.kind)}`);
  }
}

/**
 * "held-out" is the part the floor test enforces, "tuning" the parts tuned on, "all" every part; otherwise part
 * names (a file's name without .jsonl), comma-separated: `--part blind-a`.
 */
function partNames(part: string): string[] {
  if (part === 'held-out') return [CORPUS_PARTS.heldOut];
  if (part === 'tuning') return [...CORPUS_PARTS.tuning];
  if (part === 'all') return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, '')).sort();
  const names = part.split(',').map((p) => p.trim()).filter(Boolean);
  const known = new Set(readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, '')));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new Error(`no corpus part ${unknown.join(', ')} (parts: ${[...known].sort().join(', ')}, or held-out, tuning, all)`);
  return names;
}
