// Renders instants in the council's time zone: "10:42" today, "Mon 30 Mar 10:42" otherwise.
import { DateTime } from 'luxon';

export function formatLocalTime(iso: string, timeZone: string, now?: Date): string {
  const t = DateTime.fromISO(iso, { zone: timeZone });
  if (!now) return t.toFormat('HH:mm');
  const sameDay = t.hasSame(DateTime.fromJSDate(now, { zone: timeZone }), 'day');
  return sameDay ? t.toFormat('HH:mm') : t.toFormat('ccc d LLL HH:mm');
}
