import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  type WorkingCalendar,
  type WorkingCalendarSpecInput,
} from '../../../src/policy/working-calendar.js';

const ZONE = 'Europe/London';
const nineToFive = [{ start: '09:00', end: '17:00' }];
const lunch = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '17:00' }];
const nights = [{ start: '00:30', end: '02:30' }, { start: '22:00', end: '23:59' }];

// Three shapes: the real desk, a Scottish desk with a lunch closure and closures, and a night desk
// whose periods straddle both BST changes.
const specs: [string, WorkingCalendarSpecInput][] = [
  [
    'England 09:00–17:00 weekdays',
    {
      hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
      holidays: { country: 'GB', region: 'ENG' },
    },
  ],
  [
    'Scotland with lunch closure and council closures',
    {
      hours: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: [{ start: '09:00', end: '16:00' }] },
      holidays: { country: 'GB', region: 'SCT' },
      closures: ['2026-12-29', '2026-12-30', '2027-12-29', '2028-12-27'],
    },
  ],
  [
    'night desk across clock changes',
    { hours: { fri: nights, sat: nights, sun: nights }, holidays: { country: 'GB', region: 'NIR' } },
  ],
];

const MIN_MS = Date.UTC(2026, 0, 1);
const MAX_MS = Date.UTC(2028, 11, 31, 23, 59);
// Half the instants fall within four days of a BST change (2026–2028), where the bugs would hide.
const CLOCK_CHANGES = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'];
const FOUR_DAYS = 4 * 86_400_000;
const nearChange = fc
  .tuple(fc.constantFrom(...CLOCK_CHANGES), fc.integer({ min: -FOUR_DAYS, max: FOUR_DAYS }))
  .map(([day, offset]) => DateTime.fromISO(`${day}T01:00Z`).toMillis() + offset);
const instant = fc
  .oneof(fc.integer({ min: MIN_MS, max: MAX_MS }), nearChange)
  .map((ms) => DateTime.fromMillis(ms).toJSDate());
const minutes = fc.integer({ min: 0, max: 20 * 8 * 60 }); // up to about four working weeks
const localDate = (d: Date): string => DateTime.fromJSDate(d, { zone: ZONE }).toISODate()!;
const before = (d: Date, ms = 1): Date => DateTime.fromMillis(d.getTime() - ms).toJSDate();

/**
 * Results of adding working time are in working time, with one stated exception: when the minutes run
 * out exactly at the end of a period (n > 0), the result is that closing instant. So a result is either
 * open, or closed with the millisecond before it open and its nextClosing being the result itself.
 */
function isOpenOrClosingInstant(cal: WorkingCalendar, d: Date): boolean {
  if (cal.isOpen(d)) return true;
  const justBefore = before(d);
  return cal.isOpen(justBefore) && cal.nextClosing(justBefore).getTime() === d.getTime();
}

describe.each(specs)('working calendar properties: %s', (_name, spec) => {
  const cal = createWorkingCalendar(spec);

  it('measures back exactly the working minutes that were added', () => {
    fc.assert(
      fc.property(instant, minutes, (from, n) => {
        const due = cal.addWorkingMinutes(from, n);
        expect(cal.workingMinutesBetween(cal.nextOpening(from), due)).toBe(n);
        expect(cal.workingMinutesBetween(from, due)).toBe(n);
      }),
    );
  });

  it('never puts a deadline in closed time, except exactly on a closing instant when n > 0', () => {
    fc.assert(
      fc.property(instant, minutes, (from, n) => {
        const due = cal.addWorkingMinutes(from, n);
        if (n === 0) expect(cal.isOpen(due)).toBe(true);
        else expect(isOpenOrClosingInstant(cal, due)).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
      }),
    );
  });

  it('splits an addition into two additions when the second part is positive', () => {
    fc.assert(
      fc.property(instant, minutes, fc.integer({ min: 1, max: 2000 }), (from, a, b) => {
        const once = cal.addWorkingMinutes(from, a + b);
        const twice = cal.addWorkingMinutes(cal.addWorkingMinutes(from, a), b);
        expect(twice.getTime()).toBe(once.getTime());
      }),
    );
  });

  it('finds a next opening that is open, not earlier, and with no working time before it', () => {
    fc.assert(
      fc.property(instant, (x) => {
        const opening = cal.nextOpening(x);
        expect(cal.isOpen(opening)).toBe(true);
        expect(opening.getTime()).toBeGreaterThanOrEqual(x.getTime());
        expect(cal.workingMinutesBetween(x, opening)).toBe(0);
        expect(cal.isWorkingDay(localDate(opening))).toBe(true);
      }),
    );
  });

  it('finds a next closing that is closed and directly preceded by open time', () => {
    fc.assert(
      fc.property(instant, (x) => {
        const closing = cal.nextClosing(x);
        expect(closing.getTime()).toBeGreaterThan(x.getTime());
        expect(cal.isOpen(closing)).toBe(false);
        expect(cal.isOpen(before(closing))).toBe(true);
      }),
    );
  });

  it('adds measured working minutes piecewise over any split point', () => {
    fc.assert(
      fc.property(instant, instant, instant, (p, q, r) => {
        const [a, b, c] = [p, q, r].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        const whole = cal.workingMinutesBetween(a, c);
        expect(cal.workingMinutesBetween(a, b) + cal.workingMinutesBetween(b, c)).toBeCloseTo(whole, 9);
        expect(cal.workingMinutesBetween(c, a)).toBe(0);
      }),
      { numRuns: 30 }, // each run may walk three years of days
    );
  });

  it('lands working-day additions on the Nth following working day, in working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 25 }), (from, days) => {
        const due = cal.addWorkingDays(from, days);
        const startDay = localDate(cal.nextOpening(from));
        expect(cal.isWorkingDay(localDate(due))).toBe(true);
        expect(isOpenOrClosingInstant(cal, due)).toBe(true);
        // Count working days strictly after the start day up to and including the due day.
        let count = 0;
        let day = DateTime.fromISO(startDay, { zone: 'utc' });
        while (day.toISODate()! < localDate(due)) {
          day = day.plus({ days: 1 });
          if (cal.isWorkingDay(day.toISODate()!)) count += 1;
        }
        expect(count).toBe(days);
      }),
    );
  });
});
