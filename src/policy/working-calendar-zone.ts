// Owns the mapping between local wall-clock days/times in a time zone and UTC instants (incl. DST gaps and repeats).
import { DateTime, IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * A local calendar day is represented by its "epoch day": days since 1970-01-01 of the wall-clock date.
 * Integers are cheap to cache on and to step through, which matters on every card render.
 */
export type EpochDay = number;

export function epochDayToIso(day: EpochDay): string {
  return DateTime.fromMillis(day * DAY_MS, { zone: 'utc' }).toISODate()!;
}

/** Parses a strict 'YYYY-MM-DD'; throws RangeError on anything else so callers never key caches on junk. */
export function isoToEpochDay(date: string): EpochDay {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!parsed?.isValid) throw new RangeError(`expected a calendar date 'YYYY-MM-DD', got '${date}'`);
  return Math.round(parsed.toMillis() / DAY_MS);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: EpochDay): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(day: EpochDay): number {
  return DateTime.fromMillis(day * DAY_MS, { zone: 'utc' }).year;
}

export interface ZoneClock {
  /** The local date on the wall clock at instant `ms`. */
  dayOf(ms: number): EpochDay;
  /**
   * The instant at which the wall clock on `day` shows `minuteOfDay`.
   * - A repeated time (clocks go back) happens twice: 'earliest' picks the first, 'latest' the second.
   * - A skipped time (clocks go forward) never shows; both picks give the instant of the jump, so a
   *   period is open exactly while the wall clock reads a time inside it, and no longer.
   */
  wallToInstant(day: EpochDay, minuteOfDay: number, pick: 'earliest' | 'latest'): number;
}

export function zoneClock(timeZone: string): ZoneClock {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`invalid time zone '${timeZone}'`);
  const offsetMs = cachedOffsets((ms) => zone.offset(ms) * MINUTE_MS);

  return {
    dayOf(ms) {
      return Math.floor((ms + offsetMs(ms)) / DAY_MS);
    },
    wallToInstant(day, minuteOfDay, pick) {
      // The wall reading written as if it were UTC; real instants differ from it by the offset in force.
      const asUtc = day * DAY_MS + minuteOfDay * MINUTE_MS;
      // Offsets well either side of the reading; zones change offset at most once in a 24-hour window.
      const before = offsetMs(asUtc - 12 * HOUR_MS);
      const after = offsetMs(asUtc + 12 * HOUR_MS);
      const candidates = [asUtc - before, asUtc - after].filter((ms) => asUtc - offsetMs(ms) === ms);
      if (candidates.length > 0) {
        return pick === 'earliest' ? Math.min(...candidates) : Math.max(...candidates);
      }
      // Skipped: find the jump by bisection between the reading under the new and old offsets.
      let lo = asUtc - after; // still on the old offset
      let hi = asUtc - before; // already on the new offset
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMs(mid) === after) hi = mid;
        else lo = mid;
      }
      return hi;
    },
  };
}

/** Offsets are looked up per quarter hour of UTC: zones change offset on a quarter hour, never twice in one. */
const SLOT_MS = 15 * MINUTE_MS;
const MAX_CACHED_SLOTS = 20_000;

/**
 * The zone's offset at an instant, remembered per quarter hour. Luxon works an offset out through Intl on every call
 * (about 6 µs), and intake asks for it dozens of times a mention (deadlines, reminders, working minutes). A quarter
 * hour is remembered only when its first and last millisecond have the same offset, so a quarter hour holding a
 * change of offset is always worked out afresh, and the answer is exact either way.
 */
export function cachedOffsets(offsetAt: (ms: number) => number): (ms: number) => number {
  const bySlot = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    const known = bySlot.get(slot);
    if (known !== undefined) return known;
    const offset = offsetAt(ms);
    if (offsetAt(slot * SLOT_MS) === offset && offsetAt((slot + 1) * SLOT_MS - 1) === offset) {
      if (bySlot.size >= MAX_CACHED_SLOTS) bySlot.clear();
      bySlot.set(slot, offset);
    }
    return offset;
  };
}
