// Owns the retention schedule's rules: which class of record a case is, when its residents' words go, and what an
// erasure request must leave in place. Pure: the time is an argument.
import { DateTime } from 'luxon';
import type { Case } from '../domain/case.js';
import type { DataProtectionPolicy, RetentionPolicy } from './policy-data-protection-schema.js';

export interface RecordClass {
  /** 'routine', 'safeguarding', 'moderation' or 'kind:<id>'. */
  readonly name: string;
  readonly months: number;
  readonly source: string;
}

/** A safeguarding referral the lead dismissed as not a concern no longer makes the case a safeguarding record. */
export function isSafeguardingRecord(c: Case): boolean {
  return c.escalations.some((e) => e.target.type === 'safeguarding' && e.status !== 'declined');
}

/** Evidence behind an action taken on the network (a hide, delete, warning or block carried out). */
export function isModerationRecord(c: Case): boolean {
  return c.moderation.some((m) => m.status === 'done' && m.action !== 'unhide' && m.action !== 'unblock');
}

/** Every class the case belongs to; the longest keeps it. */
export function recordClassOf(c: Case, r: RetentionPolicy): RecordClass {
  const kind = c.classification ? r.byKind[c.classification.kind] : undefined;
  const classes: RecordClass[] = [
    { name: 'routine', ...r.routine },
    ...(kind && c.classification ? [{ name: `kind:${c.classification.kind}`, ...kind }] : []),
    ...(isModerationRecord(c) ? [{ name: 'moderation', ...r.moderation }] : []),
    ...(isSafeguardingRecord(c) ? [{ name: 'safeguarding', ...r.safeguarding }] : []),
  ];
  return classes.reduce((a, b) => (b.months > a.months ? b : a));
}

/** When the case's residents' words are to be redacted: months after it closed; null while it is open. */
export function redactionDue(c: Case, r: RetentionPolicy): Date | null {
  if (c.state !== 'closed' || !c.closedAt) return null;
  return DateTime.fromISO(c.closedAt, { zone: 'utc' }).plus({ months: recordClassOf(c, r).months }).toJSDate();
}

/** The shortest retention in the schedule: no closed case is due sooner after closing. */
export function shortestRetentionMonths(r: RetentionPolicy): number {
  return Math.min(r.routine.months, r.moderation.months, r.safeguarding.months, ...Object.values(r.byKind).map((k) => k.months));
}

/** Why an erasure request leaves this case's personal data in place, or null when it may go. */
export function heldBackFromErasure(c: Case, dp: DataProtectionPolicy): string | null {
  if (dp.erasure.safeguarding.hold && isSafeguardingRecord(c)) return dp.erasure.safeguarding.reason;
  if (dp.erasure.moderation.hold && isModerationRecord(c)) return dp.erasure.moderation.reason;
  return null;
}
