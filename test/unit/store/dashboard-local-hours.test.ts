// The dashboard counts cases per local hour by the hours' starts (src/store/dashboard/dashboard-count-queries.ts):
// those hours must be exactly the wall clock's, across clock changes, in zones a whole, half or quarter hour
// off UTC and in one whose clock moves by half an hour. Checked against luxon asked at every minute.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localHours } from '../../../src/store/dashboard/dashboard-count-queries.js';

/** The same hours found the slow way: a new hour wherever the wall clock's date, hour or offset changes. */
function everyMinute(from: Date, to: Date, zone: string) {
  const out: Array<{ start: string; day: string; weekday: number; hour: number }> = [];
  let last = '';
  for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
    const local = DateTime.fromMillis(t, { zone });
    const key = `${local.toISODate()}|${local.hour}|${local.offset}`;
    if (key === last) continue;
    last = key;
    out.push({ start: new Date(t).toISOString(), day: local.toISODate()!, weekday: local.weekday, hour: local.hour });
  }
  return out;
}

const CASES: Array<[string, string, string]> = [
  ['Europe/London', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'],
  ['Europe/London', '2026-10-23T23:00:00Z', '2026-10-27T00:00:00Z'],
  ['Asia/Kolkata', '2026-06-01T18:30:00Z', '2026-06-03T18:30:00Z'],
  ['Asia/Kathmandu', '2026-06-01T18:15:00Z', '2026-06-02T18:15:00Z'],
  ['Australia/Lord_Howe', '2026-04-03T13:00:00Z', '2026-04-06T13:30:00Z'],
  ['America/St_Johns', '2026-10-30T02:30:00Z', '2026-11-03T03:30:00Z'],
];

describe('the local hours the dashboard counts by', () => {
  it.each(CASES)('are the wall clock’s hours in %s from %s', (zone, from, to) => {
    const f = { from: new Date(from), to: new Date(to), service: null, network: null, kind: null };
    const h = localHours(f, zone);
    const fast = h.starts.map((start, i) => ({ start: new Date(start).toISOString(), day: h.days[i], weekday: h.weekdays[i], hour: h.hours[i] }));
    expect(fast).toEqual(everyMinute(f.from, f.to, zone));
  });
});
