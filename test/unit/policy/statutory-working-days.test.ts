// The FOI clock's working days (FOIA s.10(6)): weekends, Christmas Day, Good Friday and any UK part's bank holidays skipped.
import { describe, expect, it } from 'vitest';
import { addStatutoryWorkingDays, isStatutoryWorkingDay } from '../../../src/policy/statutory-working-days.js';

const LONDON = 'Europe/London';

describe('statutory working days', () => {
  it('skips weekends, Christmas Day, Good Friday and bank holidays in Scotland and Northern Ireland too', () => {
    expect(isStatutoryWorkingDay('2026-12-04')).toBe(true); // a Friday
    expect(isStatutoryWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isStatutoryWorkingDay('2026-12-25')).toBe(false);
    expect(isStatutoryWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isStatutoryWorkingDay('2026-03-17')).toBe(false); // St Patrick's Day: Northern Ireland only
    expect(isStatutoryWorkingDay('2026-08-03')).toBe(false); // Scotland's summer bank holiday
    expect(isStatutoryWorkingDay('2026-08-31')).toBe(false); // England's
    expect(isStatutoryWorkingDay('2026-12-29')).toBe(true); // a council closure is still a working day in law
  });

  it('falls due at the end of the twentieth working day following receipt, through Christmas', () => {
    // Received Fri 18 Dec 2026. Not counted: 25, 28 (Boxing Day substitute) Dec, 1 Jan, 4 Jan 2027
    // (Scotland's 2 January substitute). Day 20 is Thu 21 Jan 2027; due as that day ends (GMT).
    expect(addStatutoryWorkingDays(new Date('2026-12-18T10:00:00Z'), 20, LONDON).toISOString()).toBe('2027-01-22T00:00:00.000Z');
  });

  it('counts the day of receipt as day zero even late at night, and ends the day on local time across the clock change', () => {
    // Received Fri 20 Mar 2026 23:30 GMT; day 1 is Mon 23 Mar; Good Friday 3 Apr and Easter Monday 6 Apr skipped:
    // 23-27 (5), 30, 31, 1, 2 (9), 7-10 (13), 13-17 (18), 20, 21 (20) -> ends at midnight BST = 23:00Z.
    expect(addStatutoryWorkingDays(new Date('2026-03-20T23:30:00Z'), 20, LONDON).toISOString()).toBe('2026-04-21T23:00:00.000Z');
  });
});
