import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { createWorkingCalendar, workingCalendarSpecSchema, type WorkingCalendarSpecInput } from '../../../src/policy/working-calendar.js';

const ZONE = 'Europe/London';
const nineToFive = [{ start: '09:00', end: '17:00' }];
const spec = (partialClosures: WorkingCalendarSpecInput['partialClosures']): WorkingCalendarSpecInput => ({
  hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: { country: 'GB', region: 'ENG' },
  partialClosures,
});
const at = (local: string): Date => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const show = (d: Date): string => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

describe('a council closed for part of a day', () => {
  const christmasEve = createWorkingCalendar(spec([{ name: 'Christmas Eve afternoon', every: '12-24', from: '13:00' }]));

  it('is open on Christmas Eve morning and closed from 13:00, every year', () => {
    expect(christmasEve.isOpen(at('2026-12-24T12:59'))).toBe(true);
    expect(christmasEve.isOpen(at('2026-12-24T13:00'))).toBe(false);
    expect(christmasEve.isOpen(at('2027-12-24T12:00'))).toBe(true);
    expect(christmasEve.isOpen(at('2027-12-24T15:00'))).toBe(false);
    expect(christmasEve.isOpen(at('2026-12-23T15:00'))).toBe(true);
  });

  it('counts a response clock across the closure: 4 working hours from Christmas Eve noon run on to the 29th', () => {
    // 1 hour on the 24th (12:00-13:00), then the 25th and 26th-28th are bank holidays and a weekend.
    expect(show(christmasEve.addWorkingMinutes(at('2026-12-24T12:00'), 240))).toBe('Tue 2026-12-29T12:00');
    expect(christmasEve.workingMinutesBetween(at('2026-12-24T09:00'), at('2026-12-24T17:00'))).toBe(240);
  });

  it('keeps the day a working day, and a "next working day" from the morning lands by its shorter length', () => {
    expect(christmasEve.isWorkingDay('2026-12-24')).toBe(true);
    expect(show(christmasEve.nextClosing(at('2026-12-24T10:00')))).toBe('Thu 2026-12-24T13:00');
    expect(show(christmasEve.nextOpening(at('2026-12-24T14:00')))).toBe('Tue 2026-12-29T09:00');
  });

  it('closes a window inside the day on one date only, leaving morning and late afternoon open', () => {
    const training = createWorkingCalendar(spec([{ name: 'All-staff training', date: '2026-03-04', from: '11:00', until: '14:30' }]));
    expect(training.isOpen(at('2026-03-04T10:59'))).toBe(true);
    expect(training.isOpen(at('2026-03-04T11:00'))).toBe(false);
    expect(training.isOpen(at('2026-03-04T14:30'))).toBe(true);
    expect(training.isOpen(at('2026-03-11T12:00'))).toBe(true);
    expect(training.workingMinutesBetween(at('2026-03-04T09:00'), at('2026-03-04T17:00'))).toBe(270);
  });

  it('refuses a closure with both a date and a yearly day, a bad month-day, or an end before its start', () => {
    const parse = (c: unknown) => workingCalendarSpecSchema.safeParse({ ...spec([]), partialClosures: [c] }).success;
    expect(parse({ name: 'x', date: '2026-12-24', every: '12-24', from: '13:00' })).toBe(false);
    expect(parse({ name: 'x', from: '13:00' })).toBe(false);
    expect(parse({ name: 'x', every: '13-24', from: '13:00' })).toBe(false);
    expect(parse({ name: 'x', every: '12-24', from: '15:00', until: '13:00' })).toBe(false);
    expect(parse({ name: 'x', every: '12-24', from: '13:00' })).toBe(true);
  });

  it('ships in the default policy: Christmas Eve closes at 13:00', async () => {
    const policy = await loadPolicy(null);
    const calendar = createWorkingCalendar(policy.calendar);
    expect(calendar.isOpen(at('2026-12-24T12:30'))).toBe(true);
    expect(calendar.isOpen(at('2026-12-24T13:30'))).toBe(false);
  });
});
