// Owns listing the working calendar's open periods over a stretch of time, so a database can measure
// working time with the same calendar the response clocks use (one calendar, two places that count).
import type { WorkingCalendar } from './working-calendar.js';

export interface WorkingSpan {
  readonly start: Date;
  readonly end: Date;
}

/** The open periods overlapping [from, to), clipped to it, in order. */
export function workingSpans(calendar: WorkingCalendar, from: Date, to: Date): WorkingSpan[] {
  const spans: WorkingSpan[] = [];
  let at = calendar.nextOpening(from);
  while (at < to) {
    const end = calendar.nextClosing(at);
    spans.push({ start: at, end: end < to ? end : to });
    at = calendar.nextOpening(end);
  }
  return spans;
}

/** The open periods of [from, to), with its bounds: a time inside the bounds can be measured against it. */
export interface WorkingTime {
  readonly from: Date;
  readonly to: Date;
  readonly spans: readonly WorkingSpan[];
}

export function workingTime(calendar: WorkingCalendar, from: Date, to: Date): WorkingTime {
  return { from, to, spans: workingSpans(calendar, from, to) };
}
