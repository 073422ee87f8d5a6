// Response clocks from the policy: when each one falls due, in working time (DOMAIN.md "Response times").
import type { ResponseClock, Duration } from './policy-rules-schema.js';
import type { Policy } from './policy-schema.js';
import { addStatutoryWorkingDays } from './statutory-working-days.js';
import type { WorkingCalendar } from './working-calendar.js';

const HOUR_MS = 3_600_000;

/** When a span of time measured from `from` runs out. */
export function addDuration(calendar: WorkingCalendar, from: Date, d: Duration): Date {
  if ('workingMinutes' in d) return calendar.addWorkingMinutes(from, d.workingMinutes);
  if ('workingDays' in d) return calendar.addWorkingDays(from, d.workingDays);
  if ('statutoryWorkingDays' in d) return addStatutoryWorkingDays(from, d.statutoryWorkingDays, calendar.timeZone);
  return new Date(from.getTime() + d.elapsedHours * HOUR_MS);
}

/** A clock lists several targets when documents disagree; the stricter (earliest) one applies. */
export function clockDue(calendar: WorkingCalendar, clock: ResponseClock, startedAt: Date): Date {
  const dues = clock.within.map((d) => addDuration(calendar, startedAt, d).getTime());
  return new Date(Math.min(...dues));
}

export function clocksStartingOn(policy: Policy, trigger: ResponseClock['startsOn']): ResponseClock[] {
  return policy.clocks.filter((c) => c.startsOn === trigger);
}

/** Deadlines for the clocks a trigger starts, keyed by clock id, as ISO instants. */
export function deadlinesFor(policy: Policy, calendar: WorkingCalendar, trigger: ResponseClock['startsOn'], at: Date): Record<string, string> {
  return Object.fromEntries(clocksStartingOn(policy, trigger).map((c) => [c.id, clockDue(calendar, c, at).toISOString()]));
}
