// Owns spotting a surge: more cases on one topic in a short window than the policy allows (001 risks, 004 §6).
import { DateTime } from 'luxon';
import type { Policy } from './policy-schema.js';

export const SURGE_RULE = 'risk:surge' as const;

export interface RecentCase {
  readonly caseId: string;
  /** What the case is about (a service tag or a keyword); null is never grouped. */
  readonly topic: string | null;
  /** When it was posted: a backlog of old posts arriving at once is not a surge. */
  readonly postedAt: Date;
}

export interface Surge {
  readonly ruleId: typeof SURGE_RULE;
  /** The topic as first seen; topics are grouped ignoring case and surrounding spaces. */
  readonly topic: string;
  /** Oldest first. */
  readonly caseIds: readonly string[];
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly message: string;
  readonly source: string;
}

/**
 * Topics with MORE than `risk.surge.cases` cases posted within the `risk.surge.withinMinutes` up to
 * `now` (inclusive at both ends, measured in real elapsed time, so a clock change inside the window
 * neither stretches nor shrinks it). Cases after `now` are ignored. Largest surge first.
 */
export function detectSurge(policy: Policy, recent: readonly RecentCase[], now: Date): Surge[] {
  const { cases: limit, withinMinutes } = policy.risk.surge;
  const end = now.getTime();
  const start = end - withinMinutes * 60_000;
  const groups = new Map<string, { topic: string; items: RecentCase[] }>();
  const seen = new Set<string>();
  for (const c of recent) {
    const t = c.postedAt.getTime();
    if (c.topic === null || c.topic.trim() === '' || t < start || t > end || seen.has(c.caseId)) continue;
    seen.add(c.caseId);
    const key = c.topic.trim().toLowerCase();
    const group = groups.get(key) ?? { topic: c.topic.trim(), items: [] };
    group.items.push(c);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.items.length > limit)
    .map((g): Surge => {
      const items = [...g.items].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
      const firstAt = items[0]!.postedAt;
      const lastAt = items[items.length - 1]!.postedAt;
      const zone = policy.calendar.timeZone;
      const message =
        `${items.length} cases about "${g.topic}" in the last ${withinMinutes} minutes (${hhmm(firstAt, zone)}–${hhmm(lastAt, zone)}): ` +
        `more than ${limit} is a surge. Raise it with the comms manager and leadership; rumours spread fast.`;
      return { ruleId: SURGE_RULE, topic: g.topic, caseIds: items.map((i) => i.caseId), firstAt, lastAt, message, source: policy.risk.source };
    })
    .sort((a, b) => b.caseIds.length - a.caseIds.length || a.topic.localeCompare(b.topic));
}

function hhmm(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
}
