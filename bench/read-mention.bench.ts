// npm run bench:read [-- --policy FILE --passes N]: what reading one mention costs (src/policy/read-mention.ts), the
// CPU every intake spends per mention before its transaction. Reads every line of the labelled corpus
// (test/fixtures/triage-corpus/*.jsonl) as intake does (the policy's seed model, nothing learned yet), after one
// warm-up pass, and prints µs a mention for each pass and their median. The machine is shared: note `uptime` beside it.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../src/config/load-policy.js';
import { NO_LEARNING } from '../src/policy/combine-suggestions.js';
import { readMention } from '../src/policy/read-mention.js';
import { corpusMentions, readingPass } from './reading-cost.js';

const { values } = parseArgs({ options: { policy: { type: 'string' }, passes: { type: 'string', default: '5' } } });
const policy = await loadPolicy(values.policy ?? null);
const mentions = corpusMentions();
const passes = Number(values.passes);
const pass = () => readingPass(policy, mentions);

const first = pass();
const timed = Array.from({ length: passes }, pass);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]) => `${xs.map((t) => t.toFixed(0)).join(', ')} µs a mention; median ${median(xs).toFixed(0)} µs, least ${Math.min(...xs).toFixed(0)} µs`;
console.log(`readMention on ${mentions.length} corpus mentions, ${values.policy ?? 'default policy'}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  first pass (cold caches): CPU ${first.cpu.toFixed(0)} µs a mention, clock ${first.wall.toFixed(0)} µs`);
console.log(`  ${passes} passes, CPU:   ${show(timed.map((t) => t.cpu))}`);
console.log(`  ${passes} passes, clock: ${show(timed.map((t) => t.wall))}`);

// Hostile texts at intake's limit (100,000 characters): each shape once, beside an ordinary text of the same length
// (the ceiling). A ratio far above 1 is a reading that grows with the square of a run's length: "a'" repeated took
// 40 s (the stemmers), a long run of letters 2.7 s (the email pattern), before they were bounded.
const LIMIT = 100_000;
const HOSTILE: Record<string, string> = {
  "a' repeated": "a'".repeat(LIMIT / 2), 'one letter': 'x'.repeat(LIMIT), 'one digit': '7'.repeat(LIMIT), 'a. repeated': 'a.'.repeat(LIMIT / 2),
  'a@a. repeated': 'a@a.'.repeat(LIMIT / 4), 'a postcode repeated': 'SG6 3JF '.repeat(LIMIT / 8), 'an address repeated': 'Flat 3 High Street '.repeat(LIMIT / 19),
  'a URL': `https://${'a'.repeat(LIMIT - 8)}`, '1. repeated': '1.'.repeat(LIMIT / 2), 'an emoji repeated': '🙂'.repeat(LIMIT / 2),
  'i, spaces, x': `i${' '.repeat(LIMIT - 2)}x`,
};
const ms = (text: string): number => {
  const started = process.hrtime.bigint();
  readMention(policy, { ...mentions[0]!, text }, NO_LEARNING);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const ordinaryText = mentions.map((m) => m.text).join(' ').repeat(200).slice(0, LIMIT);
const ordinary = ms(ordinaryText);
console.log(`hostile texts of ${LIMIT.toLocaleString('en-GB')} characters; an ordinary text of that length (the ceiling): ${ordinary.toFixed(0)} ms`);
for (const [name, text] of Object.entries(HOSTILE)) {
  const t = ms(text);
  console.log(`  ${name.padEnd(22)} ${t.toFixed(0).padStart(6)} ms  ${(t / ordinary).toFixed(2)}× the ordinary text`);
}
