// Durable reminder and breach jobs for each deadline: outbox rows due in the future, never timers in memory.
import type { Case } from '../domain/case.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import type { Policy } from '../policy/policy-schema.js';
import type { WorkingCalendar } from '../policy/working-calendar.js';
import type { OutboxItem } from './ports.js';

export function planClockJobs(policy: Policy, calendar: WorkingCalendar, c: Case, stored: readonly IdentifiedCaseEvent[]): OutboxItem[] {
  const items: OutboxItem[] = [];
  for (const { event } of stored) {
    const set = event.type === 'case.opened' ? Object.entries(event.data.deadlines) : event.type === 'case.deadline.set' && event.data.due ? [[event.data.name, event.data.due] as const] : [];
    for (const [clockId, due] of set) items.push(...jobsFor(policy, calendar, c.id, clockId, due, new Date(event.at)));
  }
  return items;
}

function jobsFor(policy: Policy, calendar: WorkingCalendar, caseId: string, clockId: string, due: string, setAt: Date): OutboxItem[] {
  const clock = policy.clocks.find((x) => x.id === clockId);
  const payload = { caseId, clockId, due };
  // The due time is part of the key: a moved deadline gets new jobs, and the old ones find it moved and stand down.
  const jobs: OutboxItem[] = [{ key: `clock:due:${caseId}:${clockId}:${due}`, kind: 'clock.due', caseId, payload, runAt: new Date(due) }];
  if (clock?.remindAt) {
    const start = calendar.nextOpening(setAt);
    const span = calendar.workingMinutesBetween(start, new Date(due));
    const remindAt = span > 0 ? calendar.addWorkingMinutes(start, span * clock.remindAt) : start;
    jobs.push({ key: `clock:remind:${caseId}:${clockId}:${due}`, kind: 'clock.remind', caseId, payload, runAt: remindAt });
  }
  return jobs;
}
