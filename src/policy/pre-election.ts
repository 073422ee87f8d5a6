// Owns the pre-election period (purdah, 004 §2): whether a day falls in one, and which replies need sign-off.
import { DateTime } from 'luxon';
import { findTerms } from './find-terms.js';
import type { Policy } from './policy-schema.js';

export type PreElectionPeriod = Policy['replyRules']['preElectionPeriods'][number];

export const PRE_ELECTION_RULE = 'reply:pre-election' as const;

export interface PreElectionApproval {
  readonly ruleId: typeof PRE_ELECTION_RULE;
  readonly message: string;
  readonly source: string;
  readonly period: PreElectionPeriod;
  readonly reasons: readonly string[];
}

/**
 * The period `at` falls in, judged by the date on the council's wall clock (a period "from 2027-03-25"
 * starts at local midnight, 23:00 UTC the day before in BST); both ends are inclusive days.
 */
export function preElectionPeriodAt(policy: Policy, at: Date): PreElectionPeriod | null {
  const day = DateTime.fromJSDate(at, { zone: policy.calendar.timeZone }).toISODate();
  if (day === null) throw new RangeError('invalid Date');
  return policy.replyRules.preElectionPeriods.find((p) => p.from <= day && day <= p.to) ?? null;
}

/** Why a reply counts as political: the case's service is marked political, or a text uses a political term. */
export function politicalReasons(policy: Policy, serviceTag: string | null, texts: readonly string[]): string[] {
  const reasons: string[] = [];
  const service = serviceTag === null ? undefined : policy.services.find((s) => s.tag === serviceTag);
  if (service?.political) reasons.push(`the case is tagged ${service.name}, a political service`);
  const terms = [...new Set(texts.flatMap((t) => findTerms(t, policy.replyRules.politicalTerms)))];
  if (terms.length > 0) reasons.push(`it mentions ${terms.map((t) => `"${t}"`).join(', ')}`);
  return reasons;
}

/**
 * In a pre-election period a political reply waits for a comms manager (004 §2: the usual purdah
 * protocols apply to social media). Not a violation: the reply may be right, it just needs sign-off.
 */
export function preElectionApproval(
  policy: Policy,
  input: { readonly now: Date; readonly serviceTag: string | null; readonly texts: readonly string[] },
): PreElectionApproval | null {
  const period = preElectionPeriodAt(policy, input.now);
  if (period === null) return null;
  const reasons = politicalReasons(policy, input.serviceTag, input.texts);
  if (reasons.length === 0) return null;
  const source = policy.replyRules.preElectionSource;
  const message =
    `It is the pre-election period (${period.name}, ${longDate(period.from)} to ${longDate(period.to)}) and ` +
    `${reasons.join(' and ')}, so a comms manager must approve this reply before it goes (${source}).`;
  return { ruleId: PRE_ELECTION_RULE, message, source, period, reasons };
}

function longDate(iso: string): string {
  return DateTime.fromISO(iso, { locale: 'en-GB' }).toFormat('d LLLL yyyy');
}
