// Renders instants in the council's time zone: "10:42" today, "Mon 30 Mar 10:42" otherwise.
import { DateTime } from 'luxon';

/**
 * The time of day of recent instants, by zone and instant. Reading an ISO time into a zone with luxon costs tens of
 * microseconds, and a crowd refused on one card all name the same instant ("Already claimed by Ana at 10:42"):
 * 99 refusals took 3-14 ms of the event loop on a loaded machine, most of it here.
 */
const timesOfDay = new Map<string, string>();
const KEPT_TIMES = 1000;

export function formatLocalTime(iso: string, timeZone: string, now?: Date): string {
  if (!now) return timeOfDay(iso, timeZone);
  const t = DateTime.fromISO(iso, { zone: timeZone });
  const sameDay = t.hasSame(DateTime.fromJSDate(now, { zone: timeZone }), 'day');
  return sameDay ? t.toFormat('HH:mm') : t.toFormat('ccc d LLL HH:mm');
}

function timeOfDay(iso: string, timeZone: string): string {
  const key = `${timeZone} ${iso}`;
  const known = timesOfDay.get(key);
  if (known !== undefined) return known;
  const formatted = DateTime.fromISO(iso, { zone: timeZone }).toFormat('HH:mm');
  // Kept small: the oldest half goes when it is full (a Map keeps the order of insertion).
  if (timesOfDay.size >= KEPT_TIMES) for (const old of [...timesOfDay.keys()].slice(0, KEPT_TIMES / 2)) timesOfDay.delete(old);
  timesOfDay.set(key, formatted);
  return formatted;
}
