// Owns what reading one mention costs this process's CPU (src/policy/read-mention.ts): the work every intake does for
// each mention before its transaction, whatever the store costs. Reads every line of the labelled corpus as intake
// does (the policy's seed model, nothing learned yet).
import { NO_LEARNING } from '../src/policy/combine-suggestions.js';
import { readMention } from '../src/policy/read-mention.js';
import type { Policy } from '../src/policy/policy-schema.js';
import { corpusPartNames, loadCorpusPart } from '../src/triage-eval/corpus-files.js';
import { corpusMention } from '../src/triage-eval/triage-corpus.js';
import { percentile } from './intake-phases.js';

export const corpusMentions = () => corpusPartNames().flatMap(loadCorpusPart).map(corpusMention);

/** µs a mention of this process's CPU (what intake pays; less swayed by the other processes than the clock) and of the clock. */
export function readingPass(policy: Policy, mentions: ReturnType<typeof corpusMentions>): { cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const m of mentions) readMention(policy, m, NO_LEARNING);
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / mentions.length, wall: Number(process.hrtime.bigint() - started) / 1000 / mentions.length };
}

/** The median CPU µs a mention of `passes` passes, after one warm-up pass. */
export function readingCpuMicros(policy: Policy, passes = 3): number {
  const mentions = corpusMentions();
  readingPass(policy, mentions);
  return percentile(Array.from({ length: passes }, () => readingPass(policy, mentions).cpu), 50);
}
