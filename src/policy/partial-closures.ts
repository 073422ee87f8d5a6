// Owns closing the council for part of a day (Christmas Eve afternoon): cutting a day's working periods by the closure.
import type { PartialClosure } from './working-calendar-spec.js';

/** A period in minutes of the day, half-open [start, end). */
export interface MinutePeriod {
  readonly start: number;
  readonly end: number;
}

const END_OF_DAY = 24 * 60;

/** The closures that apply on an ISO date: dated ones on that date, yearly ones on that month and day. */
export function closuresOn(closures: readonly PartialClosure[], isoDate: string): PartialClosure[] {
  const monthDay = isoDate.slice(5);
  return closures.filter((c) => c.date === isoDate || c.every === monthDay);
}

/** The day's periods with the closures' hours taken out: 09:00–17:00 closed from 13:00 is 09:00–13:00. */
export function withoutClosures(periods: readonly MinutePeriod[], closures: readonly PartialClosure[]): MinutePeriod[] {
  let open: MinutePeriod[] = [...periods];
  for (const c of closures) {
    const from = minuteOf(c.from);
    const until = c.until ? minuteOf(c.until) : END_OF_DAY;
    open = open.flatMap((p) => [
      ...(p.start < from ? [{ start: p.start, end: Math.min(p.end, from) }] : []),
      ...(p.end > until ? [{ start: Math.max(p.start, until), end: p.end }] : []),
    ]);
  }
  return open.filter((p) => p.end > p.start);
}

function minuteOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
