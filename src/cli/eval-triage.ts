// npm run eval:triage [-- --part tuning|held-out|all] [--misses] [--learn] — how well the desk reads the labelled corpus.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../config/load-policy.js';
import { readMention } from '../policy/read-mention.js';
import { learningCurve } from '../triage-eval/learning-curve.js';
import { formatScores, scoreTriage } from '../triage-eval/score-triage.js';
import { corpusMention, parseCorpus } from '../triage-eval/triage-corpus.js';

const { values } = parseArgs({ options: { part: { type: 'string', default: 'held-out' }, misses: { type: 'boolean', default: false }, learn: { type: 'boolean', default: false }, policy: { type: 'string' } } });
const parts = values.part === 'all' ? ['tuning', 'held-out'] : [values.part];
const dir = new URL('../../test/fixtures/triage-corpus/', import.meta.url);
const items = parts.flatMap((p) => parseCorpus(readFileSync(new URL(`${p}.jsonl`, dir), 'utf8'), `${p}.jsonl`));
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
  const decisions = parseCorpus(readFileSync(new URL('tuning.jsonl', dir), 'utf8'), 'tuning.jsonl');
  console.log(`\nWhat the learned suggestions add on the ${parts.join(' + ')} part, after N recorded decisions:`);
  for (const p of learningCurve(policy, decisions, items, [0, 25, 50, 100, 150, decisions.length])) {
    const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`  N=${String(p.decisions).padStart(3)}  rules + learned: service tag ${pc(p.tag)}, kind ${pc(p.kind)}, house rules ${pc(p.rules.precision)}/${pc(p.rules.recall)}   learned alone: service tag ${pc(p.learnedAlone.tag)}, kind ${pc(p.learnedAlone.kind)}`);
  }
}
