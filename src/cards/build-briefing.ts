// Owns leadership's briefing (issue 18; 001 matrix option 5): what was said and where, the author and their reach,
// why the risk is high, related cases and the surge with its size and trend, what comms proposes, and the deadline.
// Pure: the related cases and the surge's counts are passed in.
import type { Case, Escalation, ProposalKind } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { assessRisk } from '../policy/assess-risk.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import type { Policy } from '../policy/policy-schema.js';
import type { CardFact } from './card-model.js';
import { truncate } from './build-case-card.js';

export interface SurgeCluster {
  readonly topic: string;
  /** Cases on the topic in the policy's surge window up to now, and in the window before it. */
  readonly size: number;
  readonly previous: number;
  readonly caseIds: readonly string[];
}

export interface BriefingInput {
  readonly case: Case;
  readonly escalation: Escalation;
  readonly mention: Mention;
  readonly policy: Policy;
  readonly now: Date;
  /** Other cases on the same topic lately, newest first. */
  readonly related: readonly string[];
  /** Set when the topic is in a surge now (more than the policy's threshold in its window). */
  readonly surge: SurgeCluster | null;
}

const PROPOSALS: Readonly<Record<ProposalKind, string>> = { reply: 'A reply', holding_line: 'A holding line', statement: 'A statement', no_comment: 'No comment' };

export function buildBriefing({ case: c, escalation: esc, mention: m, policy, now, related, surge }: BriefingInput): CardFact[] {
  const tz = policy.calendar.timeZone;
  const network = policy.networks[m.network]?.displayName ?? m.network;
  const reasons = assessRisk(policy, m).reasons;
  const followers = m.author.followers === null ? 'followers not known' : `${m.author.followers.toLocaleString('en-GB')} followers`;
  return [
    { label: 'What was said', value: `"${truncate(m.text, 600)[0]}"` },
    { label: 'Where', value: `${network} ${m.kind.replace('_', ' ')}, posted ${formatLocalTime(c.postedAt, tz, now)}: ${m.url}` },
    { label: 'Author and reach', value: `${m.author.name} (@${m.author.handle}), ${followers}${m.author.verified ? ', verified' : ''}` },
    { label: 'Why the risk is high', value: `${c.risk}${reasons.length ? `: ${reasons.join('; ')}` : ''}. Escalated by ${esc.raisedBy}: ${esc.reason}` },
    { label: 'Related cases', value: related.length ? related.slice(0, 10).join(', ') + (related.length > 10 ? ` and ${related.length - 10} more` : '') : 'None on this topic lately' },
    { label: 'Surge', value: surge ? surgeLine(surge, policy) : 'Not part of a surge' },
    { label: 'Comms proposes', value: esc.proposal ? `${PROPOSALS[esc.proposal.kind]}${esc.proposal.text ? `: "${esc.proposal.text}"` : ''}` : 'Nothing proposed yet: ask for more, or take it yourself' },
    { label: 'Decide by', value: deadline(c, tz, now) },
  ];
}

function surgeLine(s: SurgeCluster, policy: Policy): string {
  const trend = s.size > s.previous ? 'growing' : s.size < s.previous ? 'easing' : 'steady';
  const w = policy.risk.surge.withinMinutes;
  return `${s.size} cases about "${s.topic}" in the last ${w} minutes (${s.previous} in the ${w} before): ${trend}`;
}

/** The case's earliest running deadline: the resident is waiting on it. */
function deadline(c: Case, tz: string, now: Date): string {
  const [name, due] = Object.entries(c.deadlines).sort((a, b) => a[1].localeCompare(b[1]))[0] ?? [];
  return due ? `${formatLocalTime(due, tz, now)} (${name?.replaceAll('_', ' ')})` : 'No response deadline is running';
}
