import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  workingCalendarSpecSchema,
  type WorkingCalendarSpecInput,
} from '../../../src/policy/working-calendar.js';

const ZONE = 'Europe/London';
/** periods('09:00-12:30', '13:30-17:00') */
const periods = (...ranges: string[]) =>
  ranges.map((r) => ({ start: r.slice(0, r.indexOf('-')), end: r.slice(r.indexOf('-') + 1) }));
const nineToFive = periods('09:00-17:00');
const weekdays = (p: { start: string; end: string }[]) => ({ mon: p, tue: p, wed: p, thu: p, fri: p });
const spec = (over: Partial<WorkingCalendarSpecInput> = {}): WorkingCalendarSpecInput => ({
  hours: weekdays(nineToFive),
  holidays: { country: 'GB', region: 'ENG' },
  ...over,
});
/** A local wall-clock time in London as an instant. */
const at = (local: string): Date => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
/** An instant shown on the London wall clock, for readable expectations. */
const show = (d: Date): string => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("ccc yyyy-MM-dd'T'HH:mm");
const utc = (d: Date): string => d.toISOString().slice(0, 16);

const england = createWorkingCalendar(spec());
const scotland = createWorkingCalendar(spec({ holidays: { country: 'GB', region: 'SCT' } }));
const northernIreland = createWorkingCalendar(spec({ holidays: { country: 'GB', region: 'NIR' } }));
const withLunch = createWorkingCalendar(spec({ hours: weekdays(periods('09:00-12:30', '13:30-17:00')) }));

describe('opening and closing', () => {
  it('is open from 09:00 up to but not including 17:00 on a weekday', () => {
    expect(england.isOpen(at('2026-03-02T08:59'))).toBe(false);
    expect(england.isOpen(at('2026-03-02T09:00'))).toBe(true);
    expect(england.isOpen(at('2026-03-02T16:59'))).toBe(true);
    expect(england.isOpen(at('2026-03-02T17:00'))).toBe(false);
  });

  it('is closed at weekends and next opens on Monday at 09:00', () => {
    expect(england.isOpen(at('2026-03-07T11:00'))).toBe(false);
    expect(show(england.nextOpening(at('2026-03-07T11:00')))).toBe('Mon 2026-03-09T09:00');
    expect(england.isWorkingDay('2026-03-07')).toBe(false);
  });

  it('returns the instant itself as the next opening when already open', () => {
    expect(england.nextOpening(at('2026-03-03T10:17:42')).getTime()).toBe(at('2026-03-03T10:17:42').getTime());
  });

  it('gives the end of the current period when open, and of the next period when closed', () => {
    expect(show(england.nextClosing(at('2026-03-03T10:00')))).toBe('Tue 2026-03-03T17:00');
    expect(show(england.nextClosing(at('2026-03-06T17:00')))).toBe('Mon 2026-03-09T17:00');
  });

  it('closes for lunch between the two periods of a day', () => {
    expect(withLunch.isOpen(at('2026-03-03T12:45'))).toBe(false);
    expect(show(withLunch.nextClosing(at('2026-03-03T10:00')))).toBe('Tue 2026-03-03T12:30');
    expect(show(withLunch.nextOpening(at('2026-03-03T12:45')))).toBe('Tue 2026-03-03T13:30');
    expect(withLunch.workingMinutesBetween(at('2026-03-03T12:00'), at('2026-03-03T14:00'))).toBe(60);
  });

  it('treats touching periods as one open spell', () => {
    const split = createWorkingCalendar(spec({ hours: weekdays(periods('09:00-12:00', '12:00-17:00')) }));
    expect(show(split.nextClosing(at('2026-03-03T10:00')))).toBe('Tue 2026-03-03T17:00');
  });
});

describe('bank holidays, substitute days and closures', () => {
  it('closes on Good Friday and Easter Monday 2026 in England', () => {
    expect(england.holidayName('2026-04-03')).toBe('Good Friday');
    expect(england.holidayName('2026-04-06')).toBe('Easter Monday');
    expect(england.isWorkingDay('2026-04-03')).toBe(false);
    expect(england.isWorkingDay('2026-04-06')).toBe(false);
  });

  it('skips Easter Monday 2026 when adding a working day from Thursday before Good Friday', () => {
    expect(show(england.addWorkingDays(at('2026-04-02T10:00'), 1))).toBe('Tue 2026-04-07T10:00');
  });

  it('closes on Christmas Day 2026 and the Boxing Day substitute on Monday 28 December', () => {
    expect(england.holidayName('2026-12-25')).toBe('Christmas Day');
    expect(england.holidayName('2026-12-28')).toBe('Boxing Day (substitute day)');
    expect(show(england.addWorkingMinutes(at('2026-12-24T16:00'), 120))).toBe('Tue 2026-12-29T10:00');
  });

  it('closes on both substitute days when Christmas 2027 falls at a weekend', () => {
    expect(england.holidayName('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(england.holidayName('2027-12-28')).toBe('Boxing Day (substitute day)');
    expect(show(england.addWorkingMinutes(at('2027-12-24T16:00'), 90))).toBe('Wed 2027-12-29T09:30');
  });

  it('stays open on observances such as Mother’s Day when the desk works Sundays', () => {
    const sundays = createWorkingCalendar(spec({ hours: { sun: periods('10:00-14:00') } }));
    expect(sundays.holidayName('2026-03-15')).toBeNull();
    expect(sundays.isWorkingDay('2026-03-15')).toBe(true);
    expect(sundays.isWorkingDay('2026-04-05')).toBe(true); // Easter Sunday is an observance too
  });

  it('closes on configured council closure days and names them', () => {
    const shut = createWorkingCalendar(spec({ closures: ['2026-12-29', '2026-12-30', '2026-12-31'] }));
    expect(shut.holidayName('2026-12-29')).toBe('Council closure');
    expect(shut.isWorkingDay('2026-12-30')).toBe(false);
    // 24 Dec 16:00 + 2h: 1h on the 24th, then Christmas, closures and New Year's Day push to Mon 4 Jan.
    expect(show(shut.addWorkingMinutes(at('2026-12-24T16:00'), 120))).toBe('Mon 2027-01-04T10:00');
  });

  it('closes Scottish councils on 2 January and St Andrew’s Day but not on Easter Monday', () => {
    expect(scotland.holidayName('2026-01-02')).toBe('January 2nd');
    expect(england.isWorkingDay('2026-01-02')).toBe(true);
    expect(scotland.holidayName('2026-11-30')).toBe('St Andrew’s Day');
    expect(england.isWorkingDay('2026-11-30')).toBe(true);
    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(scotland.holidayName('2027-01-04')).toBe('January 2nd (substitute day)');
  });

  it('puts the summer bank holiday on the first Monday of August in Scotland and the last in England', () => {
    expect(scotland.isWorkingDay('2026-08-03')).toBe(false);
    expect(scotland.isWorkingDay('2026-08-31')).toBe(true);
    expect(england.isWorkingDay('2026-08-03')).toBe(true);
    expect(england.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('closes Northern Irish councils on St Patrick’s Day and on the Monday after a Sunday 12 July', () => {
    expect(northernIreland.holidayName('2026-03-17')).toBe('St Patrick’s Day');
    expect(northernIreland.isWorkingDay('2026-07-13')).toBe(false);
    expect(england.isWorkingDay('2026-07-13')).toBe(true);
  });

  it('ignores bank holidays entirely when holidays is null', () => {
    const noHolidays = createWorkingCalendar(spec({ holidays: null }));
    expect(noHolidays.isWorkingDay('2026-12-25')).toBe(true);
    expect(noHolidays.holidayName('2026-12-25')).toBeNull();
  });

  it('rejects malformed dates in day queries', () => {
    expect(() => england.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => england.holidayName('2026-02-30')).toThrow(RangeError);
  });
});

describe('across the British Summer Time changes', () => {
  it('adds 2 working hours from Friday 27 March 2026 16:00 to Monday 30 March 10:00 BST (09:00Z)', () => {
    const due = england.addWorkingMinutes(at('2026-03-27T16:00'), 120);
    expect(show(due)).toBe('Mon 2026-03-30T10:00');
    expect(utc(due)).toBe('2026-03-30T09:00');
  });

  it('adds 60 working minutes from Friday 23 October 2026 16:30 to Monday 26 October 09:30 GMT', () => {
    const due = england.addWorkingMinutes(at('2026-10-23T16:30'), 60);
    expect(show(due)).toBe('Mon 2026-10-26T09:30');
    expect(utc(due)).toBe('2026-10-26T09:30');
  });

  it('counts a weekend with a clock change as no working time', () => {
    expect(england.workingMinutesBetween(at('2026-03-27T09:00'), at('2026-03-30T17:00'))).toBe(960);
    expect(england.workingMinutesBetween(at('2026-10-23T09:00'), at('2026-10-26T17:00'))).toBe(960);
  });

  it('keeps a 09:00–17:00 day at 480 minutes on both sides of each change', () => {
    for (const day of ['2026-03-27', '2026-03-30', '2026-10-23', '2026-10-26']) {
      expect(england.workingMinutesBetween(at(`${day}T00:00`), at(`${day}T23:59`))).toBe(480);
    }
  });

  const p = periods('00:30-02:30');
  const nights = createWorkingCalendar(spec({ hours: { ...weekdays(p), sat: p, sun: p }, holidays: null }));

  it('opens 00:30–02:30 for one real hour on the spring-forward night (the wall clock skips 01:00–02:00)', () => {
    const sunday = at('2026-03-29T00:00');
    expect(utc(nights.nextOpening(sunday))).toBe('2026-03-29T00:30');
    expect(show(nights.nextClosing(sunday))).toBe('Sun 2026-03-29T02:30');
    expect(nights.workingMinutesBetween(at('2026-03-28T12:00'), at('2026-03-29T12:00'))).toBe(60);
    expect(show(nights.addWorkingMinutes(sunday, 59))).toBe('Sun 2026-03-29T02:29');
  });

  it('opens 00:30–02:30 for three real hours on the fall-back night (the repeated hour is worked twice)', () => {
    const sunday = at('2026-10-25T00:00');
    expect(utc(nights.nextOpening(sunday))).toBe('2026-10-24T23:30');
    expect(utc(nights.nextClosing(sunday))).toBe('2026-10-25T02:30');
    expect(nights.isOpen(DateTime.fromISO('2026-10-25T01:15:00+01:00').toJSDate())).toBe(true);
    expect(nights.isOpen(DateTime.fromISO('2026-10-25T01:15:00+00:00').toJSDate())).toBe(true);
    expect(nights.workingMinutesBetween(at('2026-10-24T12:00'), at('2026-10-25T12:00'))).toBe(180);
  });

  it('opens a period that starts inside the skipped hour at the moment the clocks jump', () => {
    const cal = createWorkingCalendar(spec({ hours: { sun: periods('01:30-03:00') }, holidays: null }));
    const opening = cal.nextOpening(at('2026-03-28T12:00'));
    expect(utc(opening)).toBe('2026-03-29T01:00');
    expect(show(opening)).toBe('Sun 2026-03-29T02:00');
    expect(cal.workingMinutesBetween(opening, at('2026-03-29T12:00'))).toBe(60);
  });

  it('drops a period lying wholly inside the skipped hour, so that Sunday is not a working day', () => {
    const cal = createWorkingCalendar(spec({ hours: { sun: periods('01:15-01:45') }, holidays: null }));
    expect(cal.isWorkingDay('2026-03-29')).toBe(false);
    expect(cal.isWorkingDay('2026-03-22')).toBe(true);
    expect(show(cal.nextOpening(at('2026-03-28T12:00')))).toBe('Sun 2026-04-05T01:15');
  });
});

describe('adding working time', () => {
  it('returns the next opening when adding zero minutes in closed time, and the instant itself when open', () => {
    expect(show(england.addWorkingMinutes(at('2026-03-06T18:00'), 0))).toBe('Mon 2026-03-09T09:00');
    expect(show(england.addWorkingMinutes(at('2026-03-06T11:00'), 0))).toBe('Fri 2026-03-06T11:00');
  });

  it('falls due at the closing instant when the minutes use up a period exactly', () => {
    expect(show(england.addWorkingMinutes(at('2026-03-03T09:00'), 480))).toBe('Tue 2026-03-03T17:00');
    expect(show(england.addWorkingMinutes(at('2026-03-03T09:00'), 481))).toBe('Wed 2026-03-04T09:01');
    expect(show(withLunch.addWorkingMinutes(at('2026-03-03T09:00'), 210))).toBe('Tue 2026-03-03T12:30');
    expect(show(withLunch.addWorkingMinutes(at('2026-03-03T09:00'), 211))).toBe('Tue 2026-03-03T13:31');
  });

  it('rejects negative, non-finite minutes and invalid dates', () => {
    expect(() => england.addWorkingMinutes(at('2026-03-03T09:00'), -1)).toThrow(RangeError);
    expect(() => england.addWorkingMinutes(at('2026-03-03T09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => england.isOpen(DateTime.invalid('test').toJSDate())).toThrow(RangeError);
  });

  it('keeps the time of day when adding working days across a weekend', () => {
    expect(show(england.addWorkingDays(at('2026-03-06T14:00'), 1))).toBe('Mon 2026-03-09T14:00');
  });

  it('counts working days from the next opening when starting in closed time', () => {
    expect(show(england.addWorkingDays(at('2026-03-07T11:00'), 1))).toBe('Tue 2026-03-10T09:00');
    expect(show(england.addWorkingDays(at('2026-03-07T11:00'), 0))).toBe('Mon 2026-03-09T09:00');
  });

  it('lands at the close of a shorter target day when the working position does not fit', () => {
    const hours = { ...weekdays(nineToFive), fri: periods('09:00-16:30') };
    const earlyFriday = createWorkingCalendar(spec({ hours }));
    expect(show(earlyFriday.addWorkingDays(at('2026-03-05T16:45'), 1))).toBe('Fri 2026-03-06T16:30');
  });

  it('maps a position just after lunch to just after lunch, not to the lunch closing', () => {
    expect(show(withLunch.addWorkingDays(at('2026-03-03T13:30'), 1))).toBe('Wed 2026-03-04T13:30');
  });

  it('gives a 20-working-day FoI deadline four weeks later across the March clock change', () => {
    expect(show(england.addWorkingDays(at('2026-03-02T10:00'), 20))).toBe('Mon 2026-03-30T10:00');
    expect(() => england.addWorkingDays(at('2026-03-02T10:00'), 1.5)).toThrow(RangeError);
  });

  it('measures zero when the end is not after the start, and fractions of a minute', () => {
    expect(england.workingMinutesBetween(at('2026-03-03T12:00'), at('2026-03-03T10:00'))).toBe(0);
    expect(england.workingMinutesBetween(at('2026-03-03T12:00'), at('2026-03-03T12:00:30'))).toBe(0.5);
  });
});

describe('workingCalendarSpecSchema', () => {
  it('defaults the time zone to Europe/London and closures to none', () => {
    const parsed = workingCalendarSpecSchema.parse({ hours: weekdays(nineToFive), holidays: null });
    expect(parsed.timeZone).toBe('Europe/London');
    expect(parsed.closures).toEqual([]);
  });

  it.each([
    ['overlapping periods', { hours: { mon: periods('09:00-13:00', '12:00-17:00') } }],
    ['a period ending before it starts', { hours: { mon: periods('17:00-09:00') } }],
    ['a badly written time', { hours: { mon: periods('9:00-17:00') } }],
    ['a misspelt weekday', { hours: { monday: nineToFive } }],
    ['a week with no hours', { hours: { sat: [] } }],
    ['an unknown time zone', { timeZone: 'Europe/Londinium' }],
    ['an unknown holiday region', { holidays: { country: 'GB', region: 'XXX' } }],
    ['an unknown holiday country', { holidays: { country: 'XX' } }],
    ['an impossible closure date', { closures: ['2026-02-30'] }],
  ])('rejects %s', (_label, over) => {
    expect(workingCalendarSpecSchema.safeParse({ ...spec(), ...over }).success).toBe(false);
    expect(() => createWorkingCalendar({ ...spec(), ...over } as WorkingCalendarSpecInput)).toThrow();
  });
});
