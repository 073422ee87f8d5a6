// Which response clocks a change starts or stops, and their new due times (DOMAIN.md "Response times").
import { isOpenEscalation, type Case } from '../domain/case.js';
import type { CaseEvent } from '../domain/events.js';
import type { ResponseClock } from './policy-rules-schema.js';
import type { Policy } from './policy-schema.js';
import { clockDue } from './response-clocks.js';
import type { WorkingCalendar } from './working-calendar.js';

/** A clock's new due time (ISO), or null when it stops. */
export type DeadlineChange = { readonly clockId: string; readonly due: string | null };

export function deadlineChanges(policy: Policy, calendar: WorkingCalendar, before: Case, after: Case, events: readonly CaseEvent[], now: Date): DeadlineChange[] {
  const changes = new Map<string, string | null>();
  for (const clock of policy.clocks) {
    const running = after.deadlines[clock.id] !== undefined;
    if (after.state === 'closed' || (running && stops(clock, events, before))) changes.set(clock.id, null);
    if (after.state !== 'closed' && starts(clock, events, before)) changes.set(clock.id, clockDue(calendar, clock, startOf(clock, after, now)).toISOString());
  }
  return [...changes].filter(([id, due]) => (after.deadlines[id] ?? null) !== due).map(([clockId, due]) => ({ clockId, due }));
}

/** A clock counting from the post (FOI) counts from it however late its trigger comes. */
function startOf(clock: ResponseClock, c: Case, now: Date): Date {
  return clock.countsFrom === 'post' ? new Date(c.postedAt) : now;
}

function starts(clock: ResponseClock, events: readonly CaseEvent[], before: Case): boolean {
  return events.some((e) => {
    switch (clock.startsOn) {
      case 'opened': return false; // set when the case opens, from the mention's arrival
      case 'claimed': return e.type === 'case.claimed' || e.type === 'case.reassigned';
      case 'escalated_to_service_lead': return e.type === 'case.escalated' && e.data.target.type === 'service_lead';
      // Already running (the bot recognised the request at intake): the earlier start stands.
      // Leadership asked for a statement: the comms manager's statement task (issue 18).
      case 'statement_requested': return e.type === 'case.leadership.answered' && e.data.answer === 'statement';
      case 'classified_foi': return e.type === 'case.classified' && e.data.kind === 'foi_request' && before.deadlines[clock.id] === undefined;
    }
  });
}

function stops(clock: ResponseClock, events: readonly CaseEvent[], before: Case): boolean {
  return events.some((e) => {
    if (e.type === 'case.closed') return true;
    // An officer says it is not an FOI request after all: the clock the bot started stops.
    if (clock.startsOn === 'classified_foi' && e.type === 'case.classified' && e.data.kind !== 'foi_request') return true;
    switch (clock.stopsOn) {
      case 'first_reply': return e.type === 'case.reply.sent';
      // The substantive answer (facts for comms, or the service's own reply once approved), or a decline: never
      // an acknowledgement, which only says someone is on it (001 matrix option 2; issue 18).
      case 'escalation_answered': return (e.type === 'case.escalation.answered' || e.type === 'case.escalation.declined') && isServiceEscalation(before, e.data.escalationId) && !hasOtherOpenLeadEscalation(before, e.data.escalationId);
      case 'closed': return false;
      // The claimant did something: the claim is alive, so it no longer expires.
      case 'any_action': return e.type === 'case.released' || (before.owner?.personId === e.actor.personId && e.type !== 'case.claimed');
    }
  });
}

function hasOtherOpenLeadEscalation(c: Case, answeredId: string): boolean {
  return c.escalations.some((x) => x.id !== answeredId && isOpenEscalation(x) && x.target.type === 'service_lead');
}

function isServiceEscalation(c: Case, id: string): boolean {
  return c.escalations.some((x) => x.id === id && x.target.type === 'service_lead');
}

/** After a pause (waiting on the resident) every running clock moves on by the working time paused. */
export function resumedDeadlines(calendar: WorkingCalendar, c: Case, pausedAt: Date, now: Date): DeadlineChange[] {
  const paused = calendar.workingMinutesBetween(pausedAt, now);
  if (paused <= 0) return [];
  return Object.entries(c.deadlines).map(([clockId, due]) => ({ clockId, due: calendar.addWorkingMinutes(new Date(due), paused).toISOString() }));
}
