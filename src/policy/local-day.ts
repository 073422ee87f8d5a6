// A calendar day in the council's time zone, as the instant it starts (reports run midnight to midnight, local).
import { DateTime } from 'luxon';

export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  const day = DateTime.fromISO(isoDate, { zone: timeZone }).startOf('day');
  if (!day.isValid) throw new RangeError(`not a date: ${isoDate}`);
  return day.toJSDate();
}

/** The instant the next day starts: the exclusive end of `isoDate` (23 or 25 hours on clock-change days). */
export function endOfLocalDay(isoDate: string, timeZone: string): Date {
  return DateTime.fromJSDate(startOfLocalDay(isoDate, timeZone), { zone: timeZone }).plus({ days: 1 }).toJSDate();
}
