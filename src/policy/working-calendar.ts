// Owns working-time arithmetic for response clocks: opening hours, bank holidays and closures in the council's zone.
import { DateTime } from 'luxon';
import { closuresOn, withoutClosures } from './partial-closures.js';
import { holidayLookup } from './working-calendar-holidays.js';
import {
  WEEKDAY_KEYS,
  workingCalendarSpecSchema,
  type WorkingCalendarSpecInput,
} from './working-calendar-spec.js';
import { type EpochDay, epochDayToIso, isoToEpochDay, isoWeekday, MINUTE_MS, zoneClock } from './working-calendar-zone.js';

export {
  workingCalendarSpecSchema,
  type WorkingCalendarSpec,
  type WorkingCalendarSpecInput,
  type WorkingPeriod,
} from './working-calendar-spec.js';

/**
 * Working time is the set of instants at which the council's wall clock reads a time inside one of the
 * day's periods, on a day that is neither a public/bank holiday nor a council closure. Periods are
 * half-open: 09:00–17:00 is open at 09:00 and closed at 17:00. Minutes are real elapsed minutes, so an
 * ordinary 09:00–17:00 day is 480 on both sides of a clock change, while a period spanning the change
 * itself (00:30–02:30) is 60 minutes on the spring-forward night and 180 on the fall-back night (the
 * repeated hour is worked twice).
 */
export interface WorkingCalendar {
  /** The IANA zone its days and hours are in (Europe/London). */
  readonly timeZone: string;
  isOpen(at: Date): boolean;
  /** `at` itself if open, otherwise the start of the next open period. */
  nextOpening(at: Date): Date;
  /** The end of the current open period if open, otherwise of the next one. */
  nextClosing(at: Date): Date;
  /**
   * The instant `minutes` of working time after `from`. With 0 this is nextOpening(from), so a deadline
   * never lands in closed time. When the minutes run out exactly at the end of a period, the result is
   * that closing instant (09:00 + 480 min = 17:00 the same day, not 09:00 the next working day).
   */
  addWorkingMinutes(from: Date, minutes: number): Date;
  /**
   * The same working position on the `days`-th following working day. Start from nextOpening(from); its
   * position is the working time already elapsed that day (Tue 14:00 on a 09:00–17:00 day is 300 min
   * in); the result is that far into the target day, or the target day's last closing instant if that
   * day is shorter. So Fri 14:00 + 1 = Mon 14:00, and Sat 11:00 + 1 = Tue 09:00 (counted from Mon 09:00).
   */
  addWorkingDays(from: Date, days: number): Date;
  /** Working minutes in [from, to); 0 if to <= from. Fractional if the instants are not on whole minutes. */
  workingMinutesBetween(from: Date, to: Date): number;
  /** A day with some working time: hours configured for its weekday, not a holiday or closure. */
  isWorkingDay(date: string): boolean;
  /** The bank holiday's name, 'Council closure' for a configured closure, or null (a part-day closure is not a closed day). */
  holidayName(date: string): string | null;
}

interface Span {
  day: EpochDay;
  start: number; // inclusive, epoch ms
  end: number; // exclusive, epoch ms
}

// Searches give up after this many consecutive days without working time: only a calendar closed for
// years (a long `closures` list) can reach it, and then an error beats an endless loop.
const MAX_IDLE_DAYS = 3 * 366;
// Day intervals are cached for speed; clearing when full keeps memory bounded for long-running processes.
const DAY_CACHE_LIMIT = 4096;

export function createWorkingCalendar(spec: WorkingCalendarSpecInput): WorkingCalendar {
  // Re-validate: the TypeScript type cannot express "periods don't overlap" or "zone exists".
  const parsed = workingCalendarSpecSchema.parse(spec);
  const clock = zoneClock(parsed.timeZone);
  const holidays = holidayLookup(parsed.holidays);
  const closures = new Set(parsed.closures);
  const weekly = WEEKDAY_KEYS.map((key) =>
    (parsed.hours[key] ?? []).map((p) => ({ start: minuteOfDay(p.start), end: minuteOfDay(p.end) })),
  );
  const dayCache = new Map<EpochDay, readonly Span[]>();

  const closedReason = (date: string): string | null =>
    holidays.nameOn(date) ?? (closures.has(date) ? 'Council closure' : null);

  function spansOn(day: EpochDay): readonly Span[] {
    const cached = dayCache.get(day);
    if (cached !== undefined) return cached;
    const spans: Span[] = [];
    const iso = epochDayToIso(day);
    if (closedReason(iso) === null) {
      // A closure for part of the day (Christmas Eve afternoon) takes its hours out of the day's periods.
      const raw = withoutClosures(weekly[isoWeekday(day) - 1]!, closuresOn(parsed.partialClosures, iso))
        .map((p) => ({
          day,
          start: clock.wallToInstant(day, p.start, 'earliest'),
          end: clock.wallToInstant(day, p.end, 'latest'),
        }))
        .filter((s) => s.end > s.start) // wholly inside a skipped hour: never on the wall clock
        .sort((a, b) => a.start - b.start);
      // Merge touching periods (and ones a repeated hour makes overlap) so "closing" means really closed.
      for (const span of raw) {
        const last = spans[spans.length - 1];
        if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
        else spans.push(span);
      }
    }
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
    dayCache.set(day, spans);
    return spans;
  }

  /** Open spans ending after `ms`, in order; stops once past `untilMs`. */
  function* spansFrom(ms: number, untilMs = Number.POSITIVE_INFINITY): Generator<Span> {
    // Start a day early: in zones whose clocks change at midnight a day's span can outlast its date.
    let day = clock.dayOf(ms) - 1;
    const lastDay = Number.isFinite(untilMs) ? clock.dayOf(untilMs) + 1 : Number.POSITIVE_INFINITY;
    let idle = 0;
    for (; day <= lastDay; day += 1) {
      let found = false;
      for (const span of spansOn(day)) {
        if (span.end <= ms) continue;
        found = true;
        yield span;
      }
      idle = found ? 0 : idle + 1;
      if (idle > MAX_IDLE_DAYS) {
        throw new RangeError(`no working time in the ${MAX_IDLE_DAYS} days after ${isoOf(ms)}`);
      }
    }
  }

  const firstSpanFrom = (ms: number): Span => spansFrom(ms).next().value as Span;

  function nextWorkingDay(day: EpochDay): EpochDay {
    for (let next = day + 1; next <= day + MAX_IDLE_DAYS; next += 1) {
      if (spansOn(next).length > 0) return next;
    }
    throw new RangeError(`no working day in the ${MAX_IDLE_DAYS} days after ${epochDayToIso(day)}`);
  }

  return {
    timeZone: parsed.timeZone,
    isOpen(at) {
      const ms = instant(at);
      const day = clock.dayOf(ms);
      return [day - 1, day].some((d) => spansOn(d).some((s) => s.start <= ms && ms < s.end));
    },

    nextOpening(at) {
      const ms = instant(at);
      return toDate(Math.max(firstSpanFrom(ms).start, ms));
    },

    nextClosing(at) {
      return toDate(firstSpanFrom(instant(at)).end);
    },

    addWorkingMinutes(from, minutes) {
      if (!Number.isFinite(minutes) || minutes < 0) {
        throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
      }
      const ms = instant(from);
      let remaining = Math.round(minutes * MINUTE_MS);
      for (const span of spansFrom(ms)) {
        const start = Math.max(span.start, ms);
        // `<=` puts a deadline that uses up a period exactly on its closing instant (see interface).
        if (remaining <= span.end - start) return toDate(start + remaining);
        remaining -= span.end - start;
      }
      throw new Error('unreachable: spansFrom is endless or throws');
    },

    addWorkingDays(from, days) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be an integer >= 0, got ${days}`);
      const ms = instant(from);
      const first = firstSpanFrom(ms);
      const startMs = Math.max(first.start, ms);
      let position = 0;
      for (const span of spansOn(first.day)) {
        if (span.start >= startMs) break;
        position += Math.min(span.end, startMs) - span.start;
      }
      let day = first.day;
      for (let n = 0; n < days; n += 1) day = nextWorkingDay(day);
      const target = spansOn(day);
      // Strict `<`: a position on a period boundary (13:30 after lunch) is the next period's opening,
      // not the previous one's closing, because the starting instant itself was open.
      for (const span of target) {
        if (position < span.end - span.start) return toDate(span.start + position);
        position -= span.end - span.start;
      }
      return toDate(target[target.length - 1]!.end); // shorter day: due at its close
    },

    workingMinutesBetween(from, to) {
      const fromMs = instant(from);
      const toMs = instant(to);
      if (toMs <= fromMs) return 0;
      let total = 0;
      for (const span of spansFrom(fromMs, toMs)) {
        if (span.start >= toMs) break;
        total += Math.min(span.end, toMs) - Math.max(span.start, fromMs);
      }
      return total / MINUTE_MS;
    },

    isWorkingDay(date) {
      return spansOn(isoToEpochDay(date)).length > 0;
    },

    holidayName(date) {
      isoToEpochDay(date); // validates the format
      return closedReason(date);
    },
  };
}

function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function instant(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return ms;
}

function toDate(ms: number): Date {
  return DateTime.fromMillis(ms).toJSDate();
}

function isoOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO() ?? String(ms);
}
