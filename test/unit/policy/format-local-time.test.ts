// Times of day in the council's zone, remembered by zone and instant: a remembered one is never another zone's.
import { describe, expect, it } from 'vitest';
import { formatLocalTime } from '../../../src/policy/format-local-time.js';

describe('formatLocalTime', () => {
  it('gives the time of day in the zone asked, however often and in whatever order the zones are asked', () => {
    const summer = '2026-06-01T09:42:00.000Z';
    for (let i = 0; i < 3; i += 1) {
      expect(formatLocalTime(summer, 'Europe/London')).toBe('10:42');
      expect(formatLocalTime(summer, 'UTC')).toBe('09:42');
      expect(formatLocalTime('2026-12-01T09:42:00.000Z', 'Europe/London')).toBe('09:42');
    }
  });

  it('names the day when the instant is not on the day of `now`', () => {
    expect(formatLocalTime('2026-03-30T09:42:00.000Z', 'Europe/London', new Date('2026-03-30T12:00:00Z'))).toBe('10:42');
    expect(formatLocalTime('2026-03-30T09:42:00.000Z', 'Europe/London', new Date('2026-03-31T12:00:00Z'))).toBe('Mon 30 Mar 10:42');
  });

  it('stays right past the number of instants it keeps', () => {
    const base = Date.parse('2026-01-05T00:00:00Z');
    for (let m = 0; m < 2500; m += 1) {
      const iso = new Date(base + m * 60_000).toISOString();
      expect(formatLocalTime(iso, 'UTC')).toBe(iso.slice(11, 16));
    }
  });
});
