// Owns the FOI clock's working days (FOIA 2000 s.10(6)): any day but a Saturday, a Sunday, Christmas
// Day, Good Friday or a bank holiday in any part of the UK. Council closures do not stop it.
import { DateTime } from 'luxon';
import { holidayLookup, type HolidayLookup } from './working-calendar-holidays.js';
import { endOfLocalDay } from './local-day.js';

/** Every UK part's bank holidays: a day off anywhere in the UK is not a statutory working day. */
const UK_PARTS: readonly HolidayLookup[] = ['ENG', 'SCT', 'NIR'].map((region) => holidayLookup({ country: 'GB', region }));

export function isStatutoryWorkingDay(isoDate: string): boolean {
  const day = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (day.weekday >= 6) return false;
  if (isoDate.slice(5) === '12-25') return false;
  // Good Friday is a bank holiday in every part of the UK, so the lookups already hold it.
  return UK_PARTS.every((part) => part.nameOn(isoDate) === null);
}

/**
 * The end of the `days`-th statutory working day *following* the day `from` falls on in `timeZone`
 * (s.10(1): "not later than the twentieth working day following the date of receipt"): the
 * request may be answered at any time on that day, so it falls due at the local midnight ending it.
 */
export function addStatutoryWorkingDays(from: Date, days: number, timeZone: string): Date {
  let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  let counted = 0;
  while (counted < days) {
    day = day.plus({ days: 1 });
    if (isStatutoryWorkingDay(day.toISODate()!)) counted++;
  }
  return endOfLocalDay(day.toISODate()!, timeZone);
}
