// Owns the one line that sums up an author's earlier moderation record: "Earlier: 2 breaches (spam ×2), 1 warning; not blocked".
import { DateTime } from 'luxon';
import { recordApartFrom, type ModerationRecord } from '../domain/moderation-record.js';
import { appealDate, isProtective } from './moderation-ladder.js';
import type { Policy } from './policy-schema.js';

/**
 * What the author did before this case (this case's own moderation shows on its card already), and
 * whether the account is blocked now, with when an appeal becomes possible. Null when there is nothing.
 */
export function describeAccountRecord(policy: Policy, record: ModerationRecord, caseId: string): string | null {
  const apart = recordApartFrom(record, caseId);
  const earlier = { ...apart, breaches: apart.breaches.filter((b) => !isProtective(policy, b.ruleId)) };
  if (!earlier.breaches.length && !earlier.warnings && !earlier.blocked) return null;
  const counts = new Map<string, number>();
  for (const b of earlier.breaches) counts.set(b.ruleId, (counts.get(b.ruleId) ?? 0) + 1);
  const rules = [...counts].map(([id, n]) => `${ruleName(policy, id)}${n > 1 ? ` ×${n}` : ''}`).join(', ');
  const breaches = earlier.breaches.length ? `${plural(earlier.breaches.length, 'breach', 'breaches')} (${rules})` : 'no breaches';
  const warnings = earlier.warnings ? plural(earlier.warnings, 'warning', 'warnings') : 'no warnings';
  return `Earlier: ${breaches}, ${warnings}; ${blockText(policy, earlier)}`;
}

function blockText(policy: Policy, record: ModerationRecord): string {
  const first = record.blocks[0];
  if (!first) return 'not blocked';
  const zone = policy.calendar.timeZone;
  return `blocked since ${localDate(first.at, zone)} (may appeal from ${localDate(appealDate(first.at, policy), zone)})`;
}

/** A date as the council reads it, in its own time zone: "1 Jul 2026". */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('d LLL yyyy');
}

function ruleName(policy: Policy, ruleId: string): string {
  const title = policy.houseRules.find((r) => r.id === ruleId)?.title ?? ruleId;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
