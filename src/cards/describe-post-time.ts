// Builds the card's "Posted" and statutory-deadline facts: when the resident posted, and when it reached
// the desk if that was late ("Sun 6 Dec 22:10, reached the desk Mon 7 Dec 09:05").
import type { Case } from '../domain/case.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import { outOfHoursNotice } from '../policy/out-of-hours.js';
import type { Policy } from '../policy/policy-schema.js';
import type { WorkingCalendar } from '../policy/working-calendar.js';
import type { CardFact } from './card-model.js';

const MINUTE_MS = 60_000;

export function postedFact(c: Case, policy: Policy, now: Date, calendar: WorkingCalendar | undefined): CardFact {
  const tz = policy.calendar.timeZone;
  const when = formatLocalTime(c.postedAt, tz, now);
  const lateBy = Date.parse(c.openedAt) - Date.parse(c.postedAt);
  const arrival = lateBy > policy.postTime.lateAfterMinutes * MINUTE_MS ? `, reached the desk ${formatLocalTime(c.openedAt, tz, now)}` : '';
  return { label: 'Posted', value: `${when}${arrival}${adjustedNote(c, policy)}${c.postedOutOfHours ? outOfHoursNote(policy, calendar, c.postedAt) : ''}` };
}

/** Deadlines that run on the post's own time whatever the trigger (FOI): shown beside "Respond by". */
export function postClockFacts(c: Case, policy: Policy, now: Date): CardFact[] {
  return policy.clocks
    .filter((clock) => clock.countsFrom === 'post' && c.deadlines[clock.id] !== undefined)
    .map((clock) => ({ label: `${clock.name} due`, value: formatLocalTime(c.deadlines[clock.id]!, policy.calendar.timeZone, now) }));
}

function adjustedNote(c: Case, policy: Policy): string {
  if (c.postedAtAdjusted === 'in_the_future') return ' (the network gave a posting time in the future: counted from arrival)';
  if (c.postedAtAdjusted === 'too_old') return ` (the network gave a posting time over ${policy.postTime.maxAgeDays} days old: counted from arrival)`;
  return '';
}

/** "Out of hours: the clock starts Tuesday 7 April at 09:00" (002 §6.1.4). */
function outOfHoursNote(policy: Policy, calendar: WorkingCalendar | undefined, postedAt: string): string {
  if (!calendar) return ' (out of hours)';
  return ` (out of hours; the clock starts ${outOfHoursNotice(policy, calendar, new Date(postedAt)).nextOpeningText})`;
}
